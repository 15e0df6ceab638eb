"""The Information rung: news, newsletters and bulletins, meetings and minutes,
leaflets and posters, their feeds, filters, page rules and demo content."""

import datetime
import os
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_factories import ImageFactory

from home.calendar import clock_time
from home.models import HomePage, StandardPage
from news.models import (
    LeafletFormat,
    LeafletFormatKind,
    LeafletIndexPage,
    LeafletPage,
    MeetingAction,
    MeetingAttendance,
    MeetingGroup,
    MeetingIndexPage,
    MeetingMinutesPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    NewsPageRelatedPage,
)
from tests.factories.news import (
    LeafletIndexPageFactory,
    LeafletPageFactory,
    MeetingGroupFactory,
    MeetingIndexPageFactory,
    MeetingMinutesPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    make_document,
)

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_LISTING_BYTES = 60 * 1024


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting_index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def leaflet_index(home_page):
    return LeafletIndexPageFactory(parent=home_page)


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 (our own feed output, in a test)


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


# --- Page tree rules --------------------------------------------------------------------

INDEX_AND_CHILD = [
    (NewsIndexPage, NewsPage),
    (MeetingIndexPage, MeetingMinutesPage),
    (LeafletIndexPage, LeafletPage),
]


@pytest.mark.django_db
@pytest.mark.parametrize("index_model, child_model", INDEX_AND_CHILD)
def test_each_index_lives_once_under_the_home_page_and_holds_only_its_own_pages(home_page, index_model, child_model):
    assert index_model.allowed_parent_page_models() == [HomePage]
    assert index_model.allowed_subpage_models() == [child_model]
    assert index_model.can_create_at(home_page)
    index_page = index_model(title="Index", slug="index")
    home_page.add_child(instance=index_page)
    assert not index_model.can_create_at(home_page)  # max_count = 1
    standard = StandardPage(title="About", slug="about", body="[]")
    home_page.add_child(instance=standard)
    assert not index_model.can_exist_under(standard)
    assert not index_model.can_exist_under(index_page)


@pytest.mark.django_db
@pytest.mark.parametrize("index_model, child_model", INDEX_AND_CHILD)
def test_each_page_type_can_only_be_created_under_its_index(home_page, index_model, child_model):
    index_page = index_model(title="Index", slug="index")
    home_page.add_child(instance=index_page)
    assert child_model.allowed_parent_page_models() == [index_model]
    assert child_model.allowed_subpage_models() == []
    assert child_model.can_create_at(index_page)
    assert not child_model.can_exist_under(home_page)
    for other_index, _child in INDEX_AND_CHILD:
        if other_index is not index_model:
            assert not child_model.can_exist_under(other_index(title="Other", slug="other"))


@pytest.mark.django_db
def test_the_admin_refuses_a_news_item_outside_the_news_index(client, superuser, home_page):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", home_page.pk))
    data = {"title": "Misplaced", "slug": "misplaced", "summary": "S.", "action-publish": "publish"}
    for response in (client.get(url), client.post(url, data)):
        # Wagtail's answer to a permission error in the admin: back to the dashboard.
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not NewsPage.objects.filter(slug="misplaced").exists()


@pytest.mark.django_db
def test_an_editor_creates_and_publishes_a_news_item_in_the_admin(client, superuser, news_index):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Hub garden opens",
            "slug": "hub-garden-opens",
            "kind": "news",
            "date": "2026-11-01",
            "summary": "The garden at the Hub is open.",
            "image_alt_text": "",
            "body": streamfield([]),
            "tags": "Hub, Garden",
            "related_pages": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="hub-garden-opens")
    assert page.live
    assert sorted(tag.name for tag in page.tags.all()) == ["Garden", "Hub"]
    assert "Hub garden opens" in html_of(client, "/news/")
    assert "Hub garden opens" in html_of(client, "/news/feed/")


# --- News listing -------------------------------------------------------------------------


@pytest.mark.django_db
def test_news_listing_is_newest_first_ten_per_page(client, news_index):
    for day in range(1, 13):
        NewsPageFactory(parent=news_index, title=f"Story {day:02d}", date=datetime.date(2026, 1, day))
    first = html_of(client, "/news/")
    assert card_titles(first) == [f"Story {day:02d}" for day in range(12, 2, -1)]
    assert "12 news items" in first
    assert 'href="?page=2"' in first and 'rel="next"' in first
    second = html_of(client, "/news/", page=2)
    assert card_titles(second) == ["Story 02", "Story 01"]


@pytest.mark.django_db
def test_news_listing_leaves_out_drafts_and_private_items(client, news_index):
    NewsPageFactory(parent=news_index, title="Published story")
    NewsPageFactory(parent=news_index, title="Draft story", live=False)
    private = NewsPageFactory(parent=news_index, title="Private story")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    html = html_of(client, "/news/")
    assert "Published story" in html
    assert "Draft story" not in html
    assert "Private story" not in html
    feed = html_of(client, "/news/feed/")
    assert "Draft story" not in feed and "Private story" not in feed


@pytest.fixture
def mixed_news(news_index):
    NewsPageFactory(parent=news_index, title="Hub news 2026", kind="news", date="2026-02-01", tags=["Hub"])
    NewsPageFactory(
        parent=news_index, title="Forum newsletter 2026", kind="newsletter", date="2026-03-01", tags=["Forum"]
    )
    NewsPageFactory(parent=news_index, title="Hub newsletter 2025", kind="newsletter", date="2025-06-01", tags=["Hub"])
    NewsPageFactory(
        parent=news_index, title="Hub bulletin 2025", kind="bulletin", date="2025-07-01", tags=["Hub", "Forum"]
    )
    return news_index


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "newsletter"}, ["Forum newsletter 2026", "Hub newsletter 2025"]),
        ({"kind": "bulletin"}, ["Hub bulletin 2025"]),
        ({"tag": "hub"}, ["Hub news 2026", "Hub bulletin 2025", "Hub newsletter 2025"]),
        ({"year": "2025"}, ["Hub bulletin 2025", "Hub newsletter 2025"]),
        ({"kind": "newsletter", "tag": "hub"}, ["Hub newsletter 2025"]),
        ({"kind": "newsletter", "year": "2026", "tag": "forum"}, ["Forum newsletter 2026"]),
        ({"kind": "bulletin", "year": "2026"}, []),
    ],
)
def test_news_filters_narrow_the_listing_and_combine(client, mixed_news, params, expected):
    html = html_of(client, "/news/", **params)
    assert card_titles(html) == expected
    if not expected:
        assert "Nothing matches these filters" in html


@pytest.mark.django_db
def test_news_filter_form_offers_only_known_values_and_marks_the_chosen_ones(client, mixed_news):
    html = html_of(client, "/news/", kind="newsletter", tag="hub", year="2025")
    assert '<form class="filters" method="get" action="/news/"' in html
    assert '<option value="newsletter" selected>Newsletters</option>' in html
    assert '<option value="hub" selected>Hub</option>' in html
    assert '<option value="forum">Forum</option>' in html
    assert '<option value="2025" selected>2025</option>' in html and '<option value="2026">2026</option>' in html
    assert "1 news item: Newsletters, Hub, 2025." in html
    assert '<a href="/news/">Clear filters</a>' in html


@pytest.mark.django_db
def test_unknown_news_filter_values_are_ignored_and_not_echoed(client, mixed_news):
    everything = card_titles(html_of(client, "/news/"))
    html = html_of(client, "/news/", kind="<script>", tag="nope", year="abc")
    assert card_titles(html) == everything
    assert "<script>" not in html and "nope" not in html and "Clear filters" not in html
    # A known value next to unknown ones still applies, and only it is kept in the links.
    html = html_of(client, "/news/", kind="bulletin", year="1999")
    assert card_titles(html) == ["Hub bulletin 2025"] and '<option value="bulletin" selected>' in html


@pytest.mark.django_db
def test_unknown_meeting_filter_values_are_ignored(client, meeting_index):
    group = MeetingGroupFactory(name="Service User Forum")
    MeetingMinutesPageFactory(parent=meeting_index, title="Forum 2025", group=group, date="2025-05-01")
    for junk in ({"group": "<b>x</b>"}, {"year": "abc"}, {"year": "2019"}, {"page": "-3"}):
        html = html_of(client, "/meetings/", **junk)
        assert card_titles(html) == ["Forum 2025"] and "<b>x</b>" not in html


@pytest.mark.django_db
def test_news_filters_combine_with_paging(client, news_index):
    for day in range(1, 13):
        NewsPageFactory(parent=news_index, title=f"Newsletter {day:02d}", kind="newsletter", date=f"2026-01-{day:02d}")
    NewsPageFactory(parent=news_index, title="A bulletin", kind="bulletin", date="2026-02-01")
    first = html_of(client, "/news/", kind="newsletter")
    assert "12 news items" in first
    assert 'href="?kind=newsletter&amp;page=2"' in first
    second = html_of(client, "/news/", kind="newsletter", page=2)
    assert card_titles(second) == ["Newsletter 02", "Newsletter 01"]


BAD_PARAMS = [
    {"page": "abc"},
    {"page": "99999"},
    {"page": "-1"},
    {"year": "abc"},
    {"year": "1850"},
    {"kind": "unknown"},
    {"kind": "<script>alert(1)</script>"},
    {"tag": "<script>alert(1)</script>"},
    {"group": "<script>alert(1)</script>"},
    {"topic": '"><script>alert(1)</script>'},
    {"page": "<script>alert(1)</script>", "year": "2026'"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_query_parameters_give_a_normal_page_and_are_never_echoed(
    client, news_index, meeting_index, leaflet_index, params
):
    NewsPageFactory(parent=news_index, title="Only story", tags=["Hub"])
    MeetingMinutesPageFactory(parent=meeting_index, title="Only meeting")
    LeafletPageFactory(parent=leaflet_index, title="Only leaflet", topics=["Hub"])
    for url, title in [
        ("/news/", "Only story"),
        ("/news/feed/", "Only story"),
        ("/news/feed/atom/", "Only story"),
        ("/meetings/", "Only meeting"),
        ("/leaflets/", "Only leaflet"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body, url
        assert title in body, url  # the unfiltered list, not an error or an empty page


@pytest.mark.django_db
def test_a_page_number_past_the_end_shows_the_last_page(client, news_index):
    for day in range(1, 13):
        NewsPageFactory(parent=news_index, title=f"Story {day:02d}", date=datetime.date(2026, 1, day))
    html = html_of(client, "/news/", page=99999)
    assert card_titles(html) == ["Story 02", "Story 01"]


# --- News pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_news_page_shows_kind_date_summary_body_download_tags_and_related_pages(client, news_index, home_page):
    document = make_document("Winter newsletter", "winter.pdf")
    about = StandardPage(title="Get involved at the Hub", slug="about", body="[]")
    home_page.add_child(instance=about)
    page = NewsPageFactory(
        parent=news_index,
        title="Winter newsletter",
        kind="newsletter",
        date="2026-11-02",
        summary="Everything that happened this winter.",
        document=document,
        body=[("paragraph", "<p>Read all about it.</p>")],
        tags=["Hub"],
    )
    NewsPageRelatedPage.objects.create(news_page=page, page=about)
    html = html_of(client, page.url)
    assert "<dt>Type</dt><dd>Newsletter</dd>" in html
    assert "2 November 2026" in html
    assert "Everything that happened this winter." in html
    assert "Read all about it." in html
    assert "Winter newsletter</a>" in html and "(PDF, 240 KB)" in html
    assert 'href="/news/?tag=hub"' in html
    assert 'href="/about/">Get involved at the Hub</a>' in html
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert '<meta name="description" content="Everything that happened this winter.">' in html


@pytest.mark.django_db
def test_a_picture_needs_words_for_screen_reader_users(news_index):
    image = ImageFactory(description="")
    page = NewsPageFactory.build(title="Picture story", slug="picture", summary="S.", image=image)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt_text" in error.value.message_dict
    page.image_alt_text = "People planting a garden."
    page.clean()
    assert page.image_alt == "People planting a garden."
    described = ImageFactory(description="A garden.")
    page.image, page.image_alt_text = described, ""
    page.clean()
    assert page.image_alt == "A garden."


@pytest.mark.django_db
def test_news_page_renders_its_picture_with_alt_text(client, news_index):
    image = ImageFactory(description="People planting a garden at the Hub.")
    page = NewsPageFactory(parent=news_index, image=image)
    html = html_of(client, page.url)
    assert '<img alt="People planting a garden at the Hub."' in html


@pytest.mark.django_db
def test_pictures_do_not_write_to_the_shared_cache_on_every_view(client, news_index):
    """Wagtail writes each rendition it uses back to its cache on every
    render: that cache is each worker's own memory, never Redis or files."""
    from config.settings import base

    assert base.CACHES["renditions"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    page = NewsPageFactory(parent=news_index, image=ImageFactory(description="A garden."))
    html_of(client, page.url)
    assert any("wagtail-rendition" in key for key in caches["renditions"]._cache)
    assert not any("wagtail-rendition" in key for key in caches["default"]._cache)


# --- Feeds ----------------------------------------------------------------------------------


@pytest.fixture
def feed_news(news_index):
    newsletter = NewsPageFactory(
        parent=news_index,
        title="Summer newsletter",
        kind="newsletter",
        date="2026-07-01",
        summary="Summer round-up.",
        document=make_document("Summer newsletter", "summer.pdf", size=1000),
        tags=["Hub"],
    )
    NewsPageFactory(parent=news_index, title="Hub opens <late> & early", kind="news", date="2026-08-01")
    NewsPageFactory(parent=news_index, title="Closed Monday", kind="bulletin", date="2026-06-01")
    return newsletter


@pytest.mark.django_db
def test_rss_feed_is_valid_rss_2_with_absolute_links(client, feed_news):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse_xml(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "News and updates"
    assert channel.findtext("link") == "http://testserver/news/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Hub opens <late> & early",
        "Summer newsletter",
        "Closed Monday",
    ]
    newsletter = items[1]
    assert newsletter.findtext("link") == "http://testserver/news/" + feed_news.slug + "/"
    assert newsletter.findtext("description") == "Summer round-up."
    assert newsletter.findtext("pubDate").startswith("Wed, 01 Jul 2026")
    assert [category.text for category in newsletter.findall("category")] == ["Newsletter", "Hub"]
    enclosure = newsletter.find("enclosure")
    assert enclosure.get("url").startswith("http://testserver/documents/")
    assert enclosure.get("type") == "application/pdf"
    assert enclosure.get("length") == "1000"


@pytest.mark.django_db
def test_atom_feed_parses_and_links_are_absolute(client, feed_news):
    response = client.get("/news/feed/atom/")
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert all(link.startswith("http://testserver/news/") for link in links)
    assert root.find(f"{ATOM}subtitle").text == "News from the partnership."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, titles",
    [
        ("newsletter", ["Summer newsletter"]),
        ("bulletin", ["Closed Monday"]),
        ("nonsense", ["Hub opens <late> & early", "Summer newsletter", "Closed Monday"]),
    ],
)
def test_feed_can_be_narrowed_to_one_kind(client, feed_news, kind, titles):
    root = parse_xml(client.get("/news/feed/", {"kind": kind}).content)
    assert [item.findtext("title") for item in root.iter("item")] == titles


@pytest.mark.django_db
def test_feed_title_names_the_kind(client, feed_news):
    root = parse_xml(client.get("/news/feed/", {"kind": "newsletter"}).content)
    assert root.find("channel").findtext("title") == "News and updates: Newsletters"


@pytest.mark.django_db
def test_feed_holds_at_most_twenty_items(client, news_index):
    for day in range(1, 26):
        NewsPageFactory(parent=news_index, date=datetime.date(2026, 1, day))
    root = parse_xml(client.get("/news/feed/").content)
    assert len(root.findall("channel/item")) == 20


@pytest.mark.django_db
def test_news_listing_advertises_its_feeds_in_the_head(client, feed_news):
    html = html_of(client, "/news/")
    head = html[: html.index("</head>")]
    links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head)
    assert ("application/rss+xml", "/news/feed/") in links
    assert ("application/atom+xml", "/news/feed/atom/") in links
    for _type, href in links:
        parse_xml(client.get(href).content)  # each advertised feed parses


# --- Meetings -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_past_meeting_shows_decisions_actions_attendance_and_minutes_with_type_and_size(client, meeting_index):
    group = MeetingGroupFactory(name="Service User Forum", who_can_attend="Anyone. Just turn up.")
    page = MeetingMinutesPageFactory(
        parent=meeting_index,
        title="Service User Forum, 8 October 2026",
        group=group,
        date="2026-10-08",
        start_time=datetime.time(10),
        end_time=datetime.time(12, 30),
        decisions="<ul><li>Open the Hub on Saturdays.</li></ul>",
        minutes_document=make_document("Minutes", "minutes.pdf"),
        easy_read_minutes=make_document("Easy Read minutes", "easy.pdf", size=80 * 1024),
    )
    MeetingAction.objects.create(page=page, what="Tell the members", who="Involvement team", by_when="2026-10-20")
    MeetingAction.objects.create(page=page, what="Book a room", who="Hub coordinator")
    MeetingAttendance.objects.create(page=page, role="Service user representative", number=11)
    html = html_of(client, page.url)
    assert "Thursday 8 October 2026" in html and "10am to 12:30pm" in html
    assert "Anyone. Just turn up." in html
    assert 'href="/meetings/?group=service-user-forum"' in html
    assert "Open the Hub on Saturdays." in html
    assert "<td>Tell the members</td><td>Involvement team</td>" in html and "20 October 2026" in html
    assert "<td>Book a room</td><td>Hub coordinator</td><td>No date set</td>" in html
    assert "<li>Service user representative: 11</li>" in html
    assert 'Minutes (standard version)</a> <span class="document-link__meta">(PDF, 240 KB)</span>' in html
    assert 'Minutes in Easy Read</a> <span class="document-link__meta">(PDF, 80 KB)</span>' in html
    assert "Upcoming" not in html and "calendar/" not in html


@pytest.mark.django_db
def test_past_meeting_without_documents_says_minutes_to_follow(client, meeting_index):
    page = MeetingMinutesPageFactory(parent=meeting_index, date="2026-01-08")
    html = html_of(client, page.url)
    assert "Minutes to follow" in html
    assert "Upcoming" not in html


@pytest.mark.django_db
def test_upcoming_meeting_says_minutes_to_follow_and_offers_a_calendar_file(client, meeting_index):
    day = timezone.localdate() + datetime.timedelta(days=10)
    page = MeetingMinutesPageFactory(
        parent=meeting_index, title="Next Forum", date=day, place="The Hub", summary="Our next Forum."
    )
    assert page.is_upcoming
    html = html_of(client, page.url)
    assert "Upcoming" in html and "minutes will follow after the meeting" in html
    assert f'href="{page.url}calendar/"' in html

    response = client.get(f"{page.url}calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{page.slug}.ics"' in response["Content-Disposition"]
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Next Forum"
    assert str(event["LOCATION"]) == "The Hub"
    assert str(event["DESCRIPTION"]) == "Our next Forum."
    assert str(event["URL"]) == f"http://testserver{page.url}"
    assert event.decoded("DTSTART") == page.starts_at
    assert event.decoded("DTEND") == page.ends_at


@pytest.mark.django_db
def test_a_meeting_is_upcoming_until_it_starts(meeting_index):
    now = timezone.localtime()
    later_today = MeetingMinutesPageFactory.build(
        date=now.date(), start_time=(now + datetime.timedelta(hours=1)).time()
    )
    yesterday = MeetingMinutesPageFactory.build(date=now.date() - datetime.timedelta(days=1))
    if later_today.date == now.date():  # not run in the last hour before midnight
        assert later_today.is_upcoming
    assert not yesterday.is_upcoming


@pytest.mark.django_db
def test_meetings_listing_shows_next_meeting_and_filters_by_group_and_year(client, meeting_index):
    forum = MeetingGroupFactory(name="Service User Forum")
    board = MeetingGroupFactory(name="Core Strategic Group")
    next_day = datetime.date(timezone.localdate().year + 1, 6, 1)
    MeetingMinutesPageFactory(parent=meeting_index, title="Forum next", group=forum, date=next_day)
    MeetingMinutesPageFactory(parent=meeting_index, title="Forum 2025", group=forum, date="2025-05-01")
    MeetingMinutesPageFactory(parent=meeting_index, title="Board 2025", group=board, date="2025-09-01")
    MeetingMinutesPageFactory(parent=meeting_index, title="Board 2024", group=board, date="2024-09-01")

    html = html_of(client, "/meetings/")
    assert "Next meeting" in html
    assert card_titles(html)[1:] == ["Forum next", "Board 2025", "Forum 2025", "Board 2024"]
    assert '<option value="core-strategic-group">Core Strategic Group</option>' in html

    assert card_titles(html_of(client, "/meetings/", group="core-strategic-group")) == ["Board 2025", "Board 2024"]
    assert card_titles(html_of(client, "/meetings/", year="2025")) == ["Board 2025", "Forum 2025"]
    assert card_titles(html_of(client, "/meetings/", group="core-strategic-group", year="2024")) == ["Board 2024"]
    # The board has nothing coming up, so there is no "next meeting" when filtered to it.
    assert "Next meeting" not in html_of(client, "/meetings/", group="core-strategic-group")


@pytest.mark.django_db
def test_meeting_end_time_must_follow_the_start(meeting_index):
    page = MeetingMinutesPageFactory.build(start_time=datetime.time(14), end_time=datetime.time(13))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_time" in error.value.message_dict


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.time(10), "10am"),
        (datetime.time(14, 30), "2:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
    ],
)
def test_times_are_written_the_plain_english_way(value, expected):
    assert clock_time(value) == expected


@pytest.mark.django_db
def test_meeting_group_slug_comes_from_its_name(db):
    group = MeetingGroup.objects.create(name="Evaluation, Learning and Legacy Group", purpose="P", who_can_attend="W")
    assert group.slug == "evaluation-learning-and-legacy-group"


@pytest.mark.django_db
def test_a_group_with_minutes_cannot_be_deleted(meeting_index):
    page = MeetingMinutesPageFactory(parent=meeting_index)
    with pytest.raises(ProtectedError):
        page.group.delete()


@pytest.mark.django_db
def test_staff_add_meeting_groups_in_the_admin(client, superuser):
    client.force_login(superuser)
    url = reverse("wagtailsnippets_news_meetinggroup:add")
    response = client.post(
        url,
        {
            "name": "Peer Research Group",
            "slug": "",
            "purpose": "Plans research.",
            "who_can_attend": "Peer researchers.",
        },
    )
    assert response.status_code == 302
    assert MeetingGroup.objects.get(name="Peer Research Group").slug == "peer-research-group"
    listing = client.get(reverse("wagtailsnippets_news_meetinggroup:list")).content.decode()
    assert "Peer Research Group" in listing


# --- Leaflets -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_leaflet_page_lists_each_format_with_type_size_and_language(client, leaflet_index):
    page = LeafletPageFactory(
        parent=leaflet_index,
        title="How to get involved",
        last_reviewed="2026-09-01",
        next_review="2027-09-01",
        formats=[
            ("standard", make_document("Standard", "standard.pdf")),
            ("easy_read", make_document("Easy", "easy.pdf", size=500 * 1024)),
            ("large_print", make_document("Large", "large.pdf", size=300 * 1024)),
            ("audio", make_document("Audio", "audio.mp3", size=3 * 1024 * 1024)),
            ("other_language", make_document("Polish", "polish.pdf"), "Polish (Polski)"),
        ],
        topics=["Getting involved"],
    )
    html = html_of(client, page.url)
    assert 'How to get involved: Standard</a> <span class="document-link__meta">(PDF, 240 KB)</span>' in html
    assert 'How to get involved: Easy Read</a> <span class="document-link__meta">(PDF, 500 KB)</span>' in html
    assert "How to get involved: Large print</a>" in html
    assert 'How to get involved: Audio</a> <span class="document-link__meta">(MP3 audio, 3.0 MB)</span>' in html
    assert "How to get involved: Polish (Polski)</a>" in html
    assert "<dt>Next review</dt>" in html and "1 September 2027" in html
    assert 'href="/leaflets/?topic=getting-involved"' in html


@pytest.mark.django_db
def test_another_language_must_be_named_and_only_then(leaflet_index):
    document = make_document()
    nameless = LeafletFormat(format=LeafletFormatKind.OTHER_LANGUAGE, language=" ", document=document)
    with pytest.raises(ValidationError) as error:
        nameless.clean()
    assert "language" in error.value.message_dict
    misplaced = LeafletFormat(format=LeafletFormatKind.EASY_READ, language="Polish", document=document)
    with pytest.raises(ValidationError):
        misplaced.clean()
    LeafletFormat(format=LeafletFormatKind.OTHER_LANGUAGE, language="Polish (Polski)", document=document).clean()


@pytest.mark.django_db
def test_leaflets_listing_shows_formats_and_filters_by_topic(client, leaflet_index):
    document = make_document()
    LeafletPageFactory(
        parent=leaflet_index,
        title="The Hub",
        topics=["Hub"],
        formats=[("standard", document), ("easy_read", document)],
    )
    LeafletPageFactory(
        parent=leaflet_index, title="Have your say", topics=["Suggestions"], formats=[("standard", document)]
    )
    html = html_of(client, "/leaflets/")
    assert card_titles(html) == ["Have your say", "The Hub"]
    assert '<span class="tag">Easy Read</span>' in html
    assert '<option value="hub">Hub</option>' in html
    assert card_titles(html_of(client, "/leaflets/", topic="hub")) == ["The Hub"]
    assert card_titles(html_of(client, "/leaflets/", topic="nope")) == ["Have your say", "The Hub"]


# --- Fixed queries and page weight -----------------------------------------------------------


def make_news(index, count, start, document):
    for number in range(start, start + count):
        NewsPageFactory(
            parent=index,
            title=f"A story about the Hub and the Forum, number {number}",
            summary="A summary of about the length editors write, saying what happened and why it matters. " * 2,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            kind=list(NewsKind)[number % 3],
            document=document if number % 2 else None,
            tags=[f"Topic {number % 7}", "Hub"],
        )


def make_meetings(index, count, start, document):
    groups = [MeetingGroupFactory(name=f"Group {number}") for number in range(4)]
    for number in range(start, start + count):
        page = MeetingMinutesPageFactory(
            parent=index,
            group=groups[number % 4],
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            summary="What the meeting was about, in a sentence or two of plain English. " * 2,
            minutes_document=document,
            easy_read_minutes=document if number % 2 else None,
        )
        MeetingAttendance.objects.create(page=page, role="Member", number=3)


def make_leaflets(index, count, start, document):
    for number in range(start, start + count):
        LeafletPageFactory(
            parent=index,
            title=f"Leaflet {number:04d}",
            summary="What the leaflet is about, in a sentence or two of plain English. " * 2,
            formats=[("standard", document), ("easy_read", document)],
            topics=[f"Topic {number % 5}"],
        )


LISTINGS = [
    ("/news/", "news_index", make_news),
    ("/news/feed/", "news_index", make_news),
    ("/meetings/", "meeting_index", make_meetings),
    ("/leaflets/", "leaflet_index", make_leaflets),
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("url, index_fixture, make_items", LISTINGS)
def test_listings_make_the_same_number_of_queries_at_10_and_200_items(
    client, page_cache_off, request, url, index_fixture, make_items
):
    index = request.getfixturevalue(index_fixture)
    document = make_document()
    make_items(index, 10, 0, document)
    client.get(url)  # warm the per-process caches (site root paths, settings)
    queries_at_10, _response = count_queries(client, url)
    make_items(index, 190, 10, document)
    client.get(url)  # and again: new content starts a new cache version
    queries_at_200, response = count_queries(client, url)
    assert queries_at_10 == queries_at_200, f"{url}: {queries_at_10} queries at 10 items, {queries_at_200} at 200"
    if not url.endswith("feed/"):
        assert 'class="pagination"' in response.content.decode()
        assert len(response.content) < MAX_LISTING_BYTES, f"{url} is {len(response.content)} bytes"


@pytest.mark.django_db
def test_home_page_shows_the_latest_three_news_items_with_fixed_queries(client, page_cache_off, news_index):
    for day in range(1, 4):
        NewsPageFactory(parent=news_index, title=f"Story {day}", date=datetime.date(2026, 1, day))
    client.get("/")
    queries_at_3, response = count_queries(client, "/")
    html = response.content.decode()
    assert "Latest news" in html
    assert card_titles(html) == ["Story 3", "Story 2", "Story 1"]
    assert '<a href="/news/">All news and updates</a>' in html
    for day in range(4, 31):
        NewsPageFactory(parent=news_index, title=f"Story {day}", date=datetime.date(2026, 1, day))
    client.get("/")  # new content starts a new cache version
    queries_at_30, response = count_queries(client, "/")
    assert queries_at_3 == queries_at_30
    assert card_titles(response.content.decode()) == ["Story 30", "Story 29", "Story 28"]


@pytest.mark.django_db
def test_home_page_has_no_news_section_without_news(client, news_index):
    assert "Latest news" not in html_of(client, "/")


# --- Search ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_news_meetings_and_leaflets(client, news_index, meeting_index, leaflet_index):
    NewsPageFactory(parent=news_index, title="Garden opens", summary="Tomatoes and courgettes at the Hub.")
    MeetingMinutesPageFactory(
        parent=meeting_index, title="Forum, 8 October", decisions="<p>Agreed to buy a polytunnel.</p>"
    )
    LeafletPageFactory(parent=leaflet_index, title="Growing food", summary="Allotment tips for beginners.")
    assert "Garden opens" in html_of(client, "/search/", query="courgettes")
    assert "Forum, 8 October" in html_of(client, "/search/", query="polytunnel")
    assert "Growing food" in html_of(client, "/search/", query="allotment")
    assert "News and updates" in html_of(client, "/search/", query="partnership")  # an index page's introduction


# --- Demo content ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_fills_every_listing(client, demo_site):
    news = NewsPage.objects.live()
    assert news.count() >= 14
    assert set(news.values_list("kind", flat=True)) == set(NewsKind.values)
    assert Tag.objects.filter(news_newspagetag_items__isnull=False).distinct().count() >= 4
    assert card_titles(html_of(client, "/news/", page=2))  # the listing has a second page

    newsletters = news.filter(kind="newsletter", document__isnull=False)
    assert newsletters.count() >= 2
    for newsletter in newsletters:
        with newsletter.document.open_file() as file:
            assert file.read(5) == b"%PDF-"

    minutes = MeetingMinutesPage.objects.live().filter(minutes_document__isnull=False)
    assert minutes.count() >= 4
    assert minutes.values("group").distinct().count() >= 2
    assert MeetingGroup.objects.filter(name="Evaluation, Learning and Legacy Group").exists()
    upcoming = MeetingMinutesPage.objects.live().upcoming()
    assert upcoming.exists()
    assert "Next meeting" in html_of(client, "/meetings/")
    assert client.get(f"{upcoming.first().url}calendar/").status_code == 200

    leaflets = LeafletPage.objects.live()
    assert leaflets.count() >= 3
    formats = set(LeafletFormat.objects.filter(page__in=leaflets).values_list("format", flat=True))
    assert {"standard", "easy_read", "large_print", "other_language"} <= formats

    home = html_of(client, "/")
    for url in ("/news/", "/meetings/", "/leaflets/"):
        assert f'href="{url}"' in home  # in the main navigation
    assert "Latest news" in home


@pytest.mark.django_db
def test_demo_content_loads_twice_without_changing_anything(client):
    def snapshot():
        return {
            "pages": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "documents": get_document_model().objects.count(),
            "images": get_image_model().objects.count(),
            "groups": MeetingGroup.objects.count(),
            "tags": Tag.objects.count(),
            "formats": LeafletFormat.objects.count(),
        }

    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert snapshot() == first
    for url in ("/news/", "/news/feed/", "/meetings/", "/leaflets/"):
        assert client.get(url).status_code == 200
