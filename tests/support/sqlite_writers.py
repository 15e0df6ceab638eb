"""Run by test_home: several processes write to one SQLite file at once, each
transaction reading then writing (what a form submission does: look up a free
reference, then insert). Prints how many writes failed.

Every process opens the file through the project's own settings
(`DATABASE_URL=sqlite:///…` read by config.settings.base.database_config), so
the journal mode, transaction mode and busy timeout tested are the ones the
site runs with: if the settings stop setting them, writes fail here.
"""

import multiprocessing
import os
import sys

WRITERS = 4
WRITES_EACH = 40


def connect_with_project_settings(path):
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


def create_table(path):
    """As `migrate` does before the app servers start: the first connection
    with the project's settings also leaves the file in their journal mode."""
    connect_with_project_settings(path)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS record (id INTEGER PRIMARY KEY, reference TEXT UNIQUE)")


def writer(path, worker, results, start_together):
    connect_with_project_settings(path)
    from django.db import OperationalError, connection, transaction

    # Interpreters start seconds apart; without waiting for each other the
    # writers barely overlap and even unsafe settings would lose nothing.
    start_together.wait()
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


def main(path):
    import sqlite3

    # Fresh interpreters, as separate app servers are: nothing configured in
    # this process leaks into the writers.
    spawn = multiprocessing.get_context("spawn")
    setup = spawn.Process(target=create_table, args=(path,))
    setup.start()
    setup.join()
    results = spawn.Queue()
    start_together = spawn.Barrier(WRITERS)
    processes = [
        spawn.Process(target=writer, args=(path, worker, results, start_together)) for worker in range(WRITERS)
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
    main(sys.argv[1])
