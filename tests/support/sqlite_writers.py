"""Run by test_home: several processes write to one SQLite file at once, each
transaction reading then writing (what a form submission does: look up a free
reference, then insert). Prints how many writes failed."""

import multiprocessing
import sys

WRITERS = 4
WRITES_EACH = 40


def configure(path, transaction_mode):
    import django
    from django.conf import settings

    from config.settings.base import SQLITE_OPTIONS

    options = {**SQLITE_OPTIONS, "transaction_mode": transaction_mode, "timeout": SQLITE_OPTIONS["timeout"]}
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": options}},
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()


def writer(path, transaction_mode, worker, results):
    configure(path, transaction_mode)
    from django.db import OperationalError, connection, transaction

    failures = 0
    for number in range(WRITES_EACH):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM record WHERE reference = %s", [f"{worker}-{number}"])
                cursor.fetchone()
                cursor.execute("INSERT INTO record (reference) VALUES (%s)", [f"{worker}-{number}"])
        except OperationalError as error:
            failures += 1
            print(f"worker {worker} write {number}: {error}", file=sys.stderr)
    results.put(failures)


def main(path, transaction_mode):
    import sqlite3

    with sqlite3.connect(path) as db:
        # As in real use: `migrate` runs alone before the app servers start and
        # leaves the file in WAL mode (which persists), so workers never race
        # to switch the journal mode.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS record (id INTEGER PRIMARY KEY, reference TEXT UNIQUE)")
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=writer, args=(path, transaction_mode, worker, results))
        for worker in range(WRITERS)
    ]
    for process in processes:
        process.start()
    failures = sum(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join()
    with sqlite3.connect(path) as db:
        stored = db.execute("SELECT COUNT(*) FROM record").fetchone()[0]
    print(f"stored={stored} failures={failures} expected={WRITERS * WRITES_EACH}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
