"""News, meetings and leaflets in a real browser: axe checks on every page
type and state, filters and paging without JavaScript, and an editor
publishing a news item that then shows on /news/ and in the feed."""

import re

import pytest

from news.models import MeetingMinutesPage, NewsIndexPage, NewsPage
from tests.browser.conftest import assert_accessible, desktop_only

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


PAGES = {
    "news-index": "/news/",
    "news-page": "/news/hub-opens-on-saturdays/",
    "newsletter-page": "/news/newsletter-issue-8/",
    "meetings-index": "/meetings/",
    "leaflets-index": "/leaflets/",
    "leaflet-page": "/leaflets/how-to-get-involved/",
}


def test_every_news_meeting_and_leaflet_page_type_is_accessible(page, live_server, demo_site):
    """One demo load for all eight pages keeps the browser run short; each
    failure message names the page. Meeting addresses name their dates,
    which count from today in the demo, so they are looked up."""
    meetings = MeetingMinutesPage.objects.live()
    pages = {
        **PAGES,
        "minutes-page": meetings.filter(easy_read_minutes__isnull=False).first().url,
        "upcoming-meeting-page": meetings.upcoming().first().url,
    }
    for name, url in pages.items():
        page.goto(f"{live_server.url}{url}")
        assert_accessible(page, name)
        no_sideways_scroll = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        assert page.evaluate(no_sideways_scroll), f"{url} scrolls sideways"

    # What each detail page must show, in the same demo site.
    page.goto(f"{live_server.url}{PAGES['news-page']}")
    assert page.locator("figure img").get_attribute("alt")
    page.goto(f"{live_server.url}{PAGES['newsletter-page']}")
    assert re.search(r"\(PDF, \d+ KB\)", page.locator(".document-link").inner_text())
    page.goto(f"{live_server.url}{pages['minutes-page']}")
    assert page.get_by_role("table").is_visible()
    page.goto(f"{live_server.url}{pages['upcoming-meeting-page']}")
    assert page.get_by_text("Upcoming", exact=True).is_visible()
    assert page.get_by_role("link", name="Add this meeting to your calendar").is_visible()
    page.goto(f"{live_server.url}{PAGES['leaflet-page']}")
    assert page.get_by_role("link", name="How to get involved: Easy Read").is_visible()


def test_filters_and_paging_work_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name="Next page").click()
    assert "page=2" in page.url
    assert page.locator(".card").count() >= 1
    # Demo dates count back from today, so pick the year of the latest newsletter.
    year = str(NewsPage.objects.filter(kind="newsletter").latest("date").date.year)
    page.get_by_label("Type").select_option("newsletter")
    page.get_by_label("Year").select_option(year)
    page.get_by_role("button", name="Apply filters").click()
    assert "kind=newsletter" in page.url and f"year={year}" in page.url and "page=" not in page.url
    kinds = page.locator(".card .tag").all_inner_texts()
    assert kinds and set(kinds) == {"Newsletter"}
    page.get_by_role("link", name="Clear filters").click()
    assert page.locator(".card").count() == 10


@desktop_only
def test_editor_publishes_a_news_item_that_appears_on_the_listing_and_in_the_feed(page, live_server, demo_site, editor):
    """A member of the Editors group (comms staff) publishes news directly."""
    news_index = NewsIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{news_index.pk}/")
    page.locator("#id_title").fill("Forum members open the Hub garden")
    page.locator("#id_kind").select_option("news")
    page.locator("#id_summary").fill("The new garden at the Hub is open to everyone on Saturdays.")
    page.locator("[data-w-dropdown-target='toggle']", has_text="More actions").first.click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    page.goto(f"{live_server.url}/news/")
    assert page.locator(".card__title").first.inner_text() == "Forum members open the Hub garden"
    feed = page.request.get(f"{live_server.url}/news/feed/").text()
    assert "<title>Forum members open the Hub garden</title>" in feed
    assert f"<link>{live_server.url}/news/forum-members-open-the-hub-garden/</link>" in feed
