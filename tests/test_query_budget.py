"""Pages stay light when they are not in the page cache: no public page type
runs more than 10 SQL queries once the shared pieces (site, settings,
navigation, footer) are cached, and a listing runs the same number of queries
whatever its length. Measured with the page cache off, after one warm-up
request, as a running server would be."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.models import NewsIndexPage
from tests.factories.news import NewsPageFactory

MAX_QUERIES = 10
LISTING_VARIANTS = ["/news/?kind=newsletter", "/get-involved/?page=2", "/search/?query=hub", "/news/feed/"]


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.live().specific().exclude(depth=1).order_by("path"):
        pages.setdefault(type(page), page.url)
    return pages


@pytest.mark.django_db
def test_every_page_type_runs_at_most_ten_queries(client, demo_site, page_cache_off, django_assert_max_num_queries):
    urls = [*one_page_of_each_type().values(), *LISTING_VARIANTS]
    assert len(urls) >= 15
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, url


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_news_listing_runs_the_same_queries_at_10_and_1000_items(client, demo_site, page_cache_off):
    index = NewsIndexPage.objects.get()
    for _ in range(10 - index.get_children().count()):
        NewsPageFactory(parent=index)
    client.get("/news/")
    at_10 = count_queries(client, "/news/")
    for _ in range(990):
        NewsPageFactory(parent=index)
    client.get("/news/")
    assert count_queries(client, "/news/") == at_10
    client.get("/news/?page=100")
    assert count_queries(client, "/news/?page=100") == at_10
