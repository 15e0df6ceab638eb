"""Measure every public listing as its content grows: SQL queries, HTML size
and response time, with the demo content plus N extra items per listing.

    .venv/bin/python benchmarks/listings.py            # 10 and 200 extra items
    .venv/bin/python benchmarks/listings.py 10 200 1000

Runs on a throwaway SQLite file with the test settings (needs the dev
requirements: it uses the test factories). The query count of each listing
must not change with the number of items; the tests enforce that, this script
shows the numbers.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp(prefix="sui-benchmark-")) / "db.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from news.models import LeafletIndexPage, MeetingGroup, MeetingIndexPage, NewsIndexPage  # noqa: E402
from opportunities.models import OpportunityIndexPage  # noqa: E402
from tests.factories.news import LeafletPageFactory, MeetingMinutesPageFactory, NewsPageFactory  # noqa: E402
from tests.factories.opportunities import OpportunityPageFactory  # noqa: E402
from tests.factories.suggestions import SuggestionFactory  # noqa: E402

REPEATS = 5


def add_news(count):
    parent = NewsIndexPage.objects.get()
    for _ in range(count):
        NewsPageFactory(parent=parent)


def add_meetings(count):
    parent, group = MeetingIndexPage.objects.get(), MeetingGroup.objects.first()
    for _ in range(count):
        MeetingMinutesPageFactory(parent=parent, group=group)


def add_leaflets(count):
    parent = LeafletIndexPage.objects.get()
    for _ in range(count):
        LeafletPageFactory(parent=parent)


def add_opportunities(count):
    parent = OpportunityIndexPage.objects.get()
    for _ in range(count):
        OpportunityPageFactory(parent=parent)


def add_published_suggestions(count):
    for _ in range(count):
        SuggestionFactory(published=True)


LISTINGS = [
    ("/", add_news),
    ("/news/", add_news),
    ("/news/?kind=newsletter&page=2", None),
    ("/news/feed/", None),
    ("/meetings/", add_meetings),
    ("/leaflets/", add_leaflets),
    ("/get-involved/", add_opportunities),
    ("/get-involved/?rung=participation&page=2", None),
    ("/you-said-we-did/", add_published_suggestions),
    ("/search/?query=hub", None),
]


def measure(client, url):
    client.get(url)  # warm caches, as a running server would be
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Count now: the next request's request_started signal empties the log.
    query_count = len(captured)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return query_count, len(response.content) / 1024, statistics.median(timings)


def main(sizes):
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    results, added = {}, 0
    for size in sizes:
        for grow in {grow for _, grow in LISTINGS if grow}:
            grow(size - added)
        added = size
        for url, _ in LISTINGS:
            results[(url, size)] = measure(client, url)
    header = "| listing | " + " | ".join(f"+{size}: queries / KB / ms" for size in sizes) + " |"
    print(header)
    print("|---" * (len(sizes) + 1) + "|")
    for url, _ in LISTINGS:
        cells = [f"{q} / {kb:.1f} / {ms:.0f}" for q, kb, ms in (results[(url, size)] for size in sizes)]
        print(f"| `{url}` | " + " | ".join(cells) + " |")
    steady = all(len({results[(url, size)][0] for size in sizes}) == 1 for url, _ in LISTINGS)
    print(f"\nQuery counts {'do not change' if steady else 'CHANGE'} as content grows.")
    return 0 if steady else 1


if __name__ == "__main__":
    sys.exit(main([int(arg) for arg in sys.argv[1:]] or [10, 200]))
