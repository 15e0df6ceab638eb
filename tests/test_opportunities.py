"""Get involved: opportunities, their filters, expressions of interest and their triage."""

import logging
import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from opportunities.models import (
    ExpressionOfInterest,
    Frequency,
    OpportunityFormat,
    OpportunityIndexPage,
    OpportunityPage,
    OpportunityTheme,
    Rung,
)
from records.references import reference_pattern
from tests.factories.opportunities import (
    ExpressionOfInterestFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
)
from tests.support.listings import row_html
from tests.support.spreadsheets import FORMULA, NEUTRALISED_FORMULA, csv_rows, row_for, xlsx_rows

Status = ExpressionOfInterest.Status
# The themes and ways of taking part that migration 0006 creates, in their order.
THEMES = ["recruitment", "induction", "hub-and-forum", "peer-research", "policies", "other"]
FORMATS = ["in-person", "online", "phone"]
FILTER_VALUES = [
    *[("rung", value) for value in Rung.values],
    *[("theme", value) for value in THEMES],
    *[("format", value) for value in FORMATS],
    ("status", "open"),
    ("status", "closed"),
]


def slugs(relation):
    return [option.slug for option in relation.all()]


TODAY = timezone.localdate


def days(n):
    return TODAY() + timedelta(days=n)


@pytest.fixture
def index(home_page, site_settings):
    return OpportunityIndexPageFactory(parent=home_page)


@pytest.fixture
def opportunity(index):
    return OpportunityPageFactory(parent=index, title="Interview panel", slug="interview-panel")


@pytest.fixture
def closed_opportunity(index):
    return OpportunityPageFactory(parent=index, title="Old steering group", slug="old-group", closing_date=days(-1))


def form_url(opportunity):
    return f"/get-involved/{opportunity.slug}/express-interest/"


def sent_url(opportunity):
    return f"/get-involved/{opportunity.slug}/express-interest/sent/"


def valid_data(**overrides):
    data = {
        "name": "Jo",
        "contact_method": "email",
        "email": "jo@example.org",
        "phone": "",
        "postal_address": "",
        "support_worker": "",
        "best_times": "Mornings",
        "access_needs": "A quiet room",
        "anything_else": "Is there parking?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def filter_counts(html):
    """{"Control": 2, "Any theme": 5, ...} from the filter links."""
    return {
        label: int(count)
        for label, count in re.findall(r">([^<>]+?) <span class=\"filters__count\">\((\d+)\)</span>", html)
    }


def listed_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


# --- The model field for "tick all that apply" ---------------------------------------


@pytest.mark.django_db
def test_themes_and_formats_are_kept_on_the_page_and_its_revisions_in_staff_order(index):
    page = OpportunityPageFactory(parent=index, themes=["policies", "peer-research"], formats=["phone"])
    page.save_revision().publish()
    fresh = OpportunityPage.objects.get(pk=page.pk)
    assert slugs(fresh.themes) == ["peer-research", "policies"]
    assert slugs(fresh.get_latest_revision_as_object().themes) == ["peer-research", "policies"]
    assert slugs(fresh.formats) == ["phone"]
    assert fresh.theme_labels() == ["Peer research", "Reviewing policies"]
    OpportunityTheme.objects.filter(slug="policies").update(sort_order=-1)
    assert fresh.theme_labels() == ["Reviewing policies", "Peer research"]


@pytest.mark.django_db
def test_theme_filter_offers_the_themes_staff_keep_in_their_order(client, index):
    OpportunityTheme.objects.create(name="Housing", slug="housing", sort_order=-1)
    OpportunityPageFactory(parent=index, title="Housing panel", slug="housing-panel", themes=["housing"])
    OpportunityPageFactory(parent=index, title="Forum")
    html = client.get("/get-involved/?theme=housing").content.decode()
    assert listed_titles(html) == ["Housing panel"]
    labels = list(filter_counts(html))
    assert labels[labels.index("Any theme") + 1] == "Housing"
    assert "Housing" in client.get("/get-involved/housing-panel/").content.decode()


@pytest.mark.django_db
def test_an_editor_adds_a_theme_in_the_admin_and_people_can_browse_by_it(client, editor, index):
    client.force_login(editor)
    listing = client.get(reverse("wagtailsnippets_opportunities_opportunitytheme:list"))
    assert listing.status_code == 200 and "Peer research" in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_opportunities_opportunitytheme:add"), {"name": "Housing", "slug": "housing"}
    )
    assert response.status_code == 302
    housing = OpportunityTheme.objects.get(slug="housing")
    assert housing.sort_order == len(THEMES)  # added at the end of the list
    OpportunityPageFactory(parent=index, title="Housing panel", themes=["housing"])
    assert listed_titles(client.get("/get-involved/?theme=housing").content.decode()) == ["Housing panel"]


BEFORE_SNIPPETS = [("opportunities", "0005_themes_and_formats_as_snippets")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_links_every_page_to_the_themes_and_formats_its_text_named(client, index):
    listed = OpportunityPageFactory(parent=index, title="Listed as text", slug="listed")
    bare = OpportunityPageFactory(parent=index, title="Bare value", slug="bare")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_SNIPPETS)
    old_apps = executor.loader.project_state(BEFORE_SNIPPETS).apps
    OldPage = old_apps.get_model("opportunities", "OpportunityPage")
    for model_name in ("OpportunityTheme", "OpportunityFormat"):
        old_apps.get_model("opportunities", model_name).objects.all().delete()  # and the pages' links
    # As the old field stored them: ",a,b,", or a bare value when code assigned a string.
    OldPage.objects.filter(pk=listed.pk).update(old_themes=",peer-research,policies,", old_formats=",in-person,phone,")
    OldPage.objects.filter(pk=bare.pk).update(old_themes="housing", old_formats="online")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    listed, bare = OpportunityPage.objects.get(pk=listed.pk), OpportunityPage.objects.get(pk=bare.pk)
    assert (slugs(listed.themes), slugs(listed.formats)) == (["peer-research", "policies"], ["in-person", "phone"])
    assert (slugs(bare.themes), slugs(bare.formats)) == (["housing"], ["online"])
    assert list(OpportunityTheme.objects.values_list("slug", flat=True)) == [*THEMES, "housing"]
    assert list(OpportunityFormat.objects.values_list("slug", flat=True)) == FORMATS
    assert listed.theme_labels() == ["Peer research", "Reviewing policies"]
    assert listed_titles(client.get("/get-involved/?theme=housing").content.decode()) == ["Bare value"]
    assert listed_titles(client.get("/get-involved/?format=phone").content.decode()) == ["Listed as text"]


# --- Page rules and editing ---------------------------------------------------------------


@pytest.mark.django_db
def test_page_type_rules(home_page, index):
    assert OpportunityIndexPage.can_exist_under(home_page)
    assert OpportunityIndexPage.max_count == 1
    assert OpportunityPage.can_exist_under(index)
    assert not OpportunityPage.can_exist_under(home_page)
    assert OpportunityPage.allowed_subpage_models() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"frequency": Frequency.ONE_OFF, "starts_at": None}, "starts_at", "Give the date and start time"),
        ({"frequency": Frequency.ONGOING, "when_details": ""}, "when_details", "Say when it happens"),
        ({"starts_at": None, "ends_at": timezone.now()}, "ends_at", "Give a start time as well"),
        (
            {"starts_at": timezone.now(), "ends_at": timezone.now() - timedelta(hours=1)},
            "ends_at",
            "must be after the start time",
        ),
    ],
)
def test_opportunity_dates_are_checked(index, fields, field, message):
    from django.core.exceptions import ValidationError

    page = OpportunityPageFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_editor_can_publish_an_opportunity_in_the_admin(client, superuser, index):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=("opportunities", "opportunitypage", index.pk))
    assert "Tick every area of involvement" in client.get(url).content.decode()
    data = nested_form_data(
        {
            "title": "Peer researcher",
            "slug": "peer-researcher",
            "summary": "Interview people about hostels.",
            "rung": "participation",
            "what_you_would_do": rich_text("<p>Interviews.</p>"),
            "what_you_can_influence": rich_text("<p>The questions.</p>"),
            "what_cannot_change": rich_text("<p>The deadline.</p>"),
            "time_needed": "6 hours a week",
            "frequency": "ongoing",
            "when_details": "Flexible",
            "place": "The Hub",
            "access_information": "Step-free.",
            "support_and_training": rich_text("<p>Training.</p>"),
            "payment": "Paid.",
            "who_can_take_part": "Anyone.",
            "wider_lived_experience_welcome": "on",
            "closing_date": days(10).isoformat(),
            "action-publish": "publish",
        }
    )
    # Ticked boxes arrive as a repeated key, which nested_form_data would number.
    data.update(
        themes=[OpportunityTheme.objects.get(slug=slug).pk for slug in ("peer-research", "other")],
        formats=[OpportunityFormat.objects.get(slug="online").pk],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    page = OpportunityPage.objects.get(slug="peer-researcher")
    assert page.live and slugs(page.themes) == ["peer-research", "other"] and slugs(page.formats) == ["online"]
    assert "Peer researcher" in client.get("/get-involved/?theme=peer-research").content.decode()


# --- The listing: open/closed, every filter, counts, paging --------------------------------


@pytest.mark.django_db
def test_listing_shows_open_opportunities_soonest_closing_first(client, index):
    OpportunityPageFactory(parent=index, title="Later", closing_date=days(10))
    OpportunityPageFactory(parent=index, title="No closing date", closing_date=None)
    OpportunityPageFactory(parent=index, title="Closes today", closing_date=days(0))
    OpportunityPageFactory(parent=index, title="Soon", closing_date=days(3))
    OpportunityPageFactory(parent=index, title="Closed yesterday", closing_date=days(-1))
    html = client.get("/get-involved/").content.decode()
    assert listed_titles(html) == ["Closes today", "Soon", "Later", "No closing date"]
    assert "4 open opportunities" in html
    counts = filter_counts(html)
    assert counts["Open now"] == 4 and counts["Closed"] == 1


@pytest.mark.django_db
def test_closed_filter_shows_closed_ones_most_recent_first(client, index):
    OpportunityPageFactory(parent=index, title="Open one")
    OpportunityPageFactory(parent=index, title="Closed long ago", closing_date=days(-30))
    OpportunityPageFactory(parent=index, title="Closed yesterday", closing_date=days(-1))
    html = client.get("/get-involved/?status=closed").content.decode()
    assert listed_titles(html) == ["Closed yesterday", "Closed long ago"]
    assert "2 closed opportunities" in html
    assert 'href="/get-involved/?status=closed" aria-current="true"' in html


@pytest.mark.django_db
def test_listing_leaves_out_drafts_and_private_pages(client, index):
    OpportunityPageFactory(parent=index, title="Published")
    OpportunityPageFactory(parent=index, title="Draft", live=False)
    html = client.get("/get-involved/").content.decode()
    assert listed_titles(html) == ["Published"]


@pytest.fixture
def one_per_option(index):
    """An open opportunity for every rung, theme and format, plus closed ones."""
    for number, rung in enumerate(Rung.values):
        theme = THEMES[number % len(THEMES)]
        fmt = FORMATS[number % len(FORMATS)]
        OpportunityPageFactory(parent=index, title=f"Open {rung}", rung=rung, themes=[theme], formats=[fmt])
    OpportunityPageFactory(parent=index, title="Open other", rung=Rung.CONTROL, themes=["other"], formats=["phone"])
    OpportunityPageFactory(
        parent=index,
        title="Closed peer research",
        rung=Rung.PARTICIPATION,
        themes=["peer-research"],
        formats=["online"],
        closing_date=days(-5),
    )


def expected_titles(predicate, status="open"):
    pages = OpportunityPage.objects.live()
    pages = pages.closed() if status == "closed" else pages.open()
    return sorted(page.title for page in pages if predicate(page))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, value",
    FILTER_VALUES,
)
def test_every_filter_value_shows_only_matching_opportunities(client, one_per_option, name, value):
    html = client.get(f"/get-involved/?{name}={value}").content.decode()
    predicates = {
        "rung": lambda page: page.rung == value,
        "theme": lambda page: value in slugs(page.themes),
        "format": lambda page: value in slugs(page.formats),
        "status": lambda page: True,
    }
    status = value if name == "status" else "open"
    expected = expected_titles(predicates[name], status)
    assert sorted(listed_titles(html)) == expected
    assert f"{len(expected)} {status} opportunit" in html
    label = {
        "rung": lambda: Rung(value).label,
        "theme": lambda: OpportunityTheme.objects.get(slug=value).name,
        "format": lambda: OpportunityFormat.objects.get(slug=value).name,
        "status": lambda: {"open": "Open now", "closed": "Closed"}[value],
    }[name]()
    assert filter_counts(html)[label] == len(expected)


@pytest.mark.django_db
def test_filters_combine_with_each_other(client, index):
    for title, rung, theme, way in [
        ("Match", "partnership", "recruitment", "online"),
        ("Wrong way", "partnership", "recruitment", "phone"),
        ("Wrong theme", "partnership", "other", "online"),
        ("Wrong rung", "control", "recruitment", "online"),
    ]:
        OpportunityPageFactory(parent=index, title=title, rung=rung, themes=[theme], formats=[way])
    OpportunityPageFactory(
        parent=index,
        title="Closed match",
        rung="partnership",
        themes=["recruitment"],
        formats=["online"],
        closing_date=days(-2),
    )
    html = client.get("/get-involved/?rung=partnership&theme=recruitment&format=online").content.decode()
    assert listed_titles(html) == ["Match"]
    assert "Showing: Partnership, Recruitment and selection of staff, Online." in html
    closed = client.get("/get-involved/?rung=partnership&theme=recruitment&format=online&status=closed")
    assert listed_titles(closed.content.decode()) == ["Closed match"]
    # Each count keeps the other choices: how many you would see if you switched to that option.
    counts = filter_counts(html)
    assert counts["Partnership"] == 1 and counts["Control"] == 1 and counts["Any rung"] == 2
    assert counts["Online"] == 1 and counts["By phone"] == 1 and counts["Any way"] == 2
    assert counts["Recruitment and selection of staff"] == 1 and counts["Other"] == 1
    assert counts["Open now"] == 1 and counts["Closed"] == 1
    # Filter links keep the other choices and drop the page number.
    assert 'href="/get-involved/?rung=control&amp;theme=recruitment&amp;format=online"' in html
    assert 'href="/get-involved/?theme=recruitment&amp;format=online" aria-current="true"' not in html
    assert '<a href="/get-involved/?status=closed">Clear filters</a>' not in html
    assert '<a href="/get-involved/">Clear filters</a>' in html


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client, index):
    OpportunityPageFactory(parent=index, title="Open")
    response = client.get(
        "/get-involved/", {"rung": "<script>", "theme": "zzz", "format": "fax", "status": "maybe", "page": "abc"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert listed_titles(html) == ["Open"]
    assert "<script>" not in html and "zzz" not in html and "fax" not in html


@pytest.mark.django_db
def test_paging_keeps_filters_and_filters_go_back_to_page_one(client, index):
    for number in range(23):
        OpportunityPageFactory(parent=index, title=f"Control {number:02d}", rung="control", closing_date=days(number))
    OpportunityPageFactory(parent=index, title="Information one", rung="information")
    html = client.get("/get-involved/?rung=control&page=3").content.decode()
    assert listed_titles(html) == ["Control 20", "Control 21", "Control 22"]
    assert "23 open opportunities" in html
    assert 'href="?rung=control&amp;page=2"' in html  # pagination keeps the filter
    assert 'href="/get-involved/?rung=information"' in html  # filters start again at page 1
    assert filter_counts(html)["Information"] == 1


@pytest.mark.django_db
def test_filter_counts_are_worked_out_once_then_follow_publishing_and_the_date(
    client, page_cache_off, index, monkeypatch
):
    OpportunityPageFactory(parent=index, title="Closes today", closing_date=days(0))
    first = client.get("/get-involved/").content.decode()
    assert filter_counts(first)["Open now"] == 1
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/get-involved/").content.decode()
    assert filter_counts(again) == filter_counts(first)
    assert not any("FILTER (WHERE" in query["sql"] for query in queries.captured_queries), "counts not reused"

    OpportunityPageFactory(parent=index, title="Published since", closing_date=days(5))
    assert filter_counts(client.get("/get-involved/").content.decode())["Open now"] == 2

    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    counts = filter_counts(client.get("/get-involved/").content.decode())
    assert counts["Open now"] == 1 and counts["Closed"] == 1


@pytest.mark.django_db
def test_listing_uses_a_fixed_number_of_queries_and_stays_small(client, page_cache_off, index):
    def create(count, start):
        for number in range(start, start + count):
            OpportunityPageFactory(
                parent=index,
                title=f"Opportunity {number}",
                rung=Rung.values[number % 5],
                themes=[THEMES[number % 6], "other"],
                formats=[FORMATS[number % 3]],
                closing_date=days(number % 40 - 5),
            )

    urls = ["/get-involved/", "/get-involved/?rung=participation&theme=other&format=online&page=2"]

    def measure():
        counts = []
        for url in urls:
            client.get(url)  # warm per-request caches that do not grow with content
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(queries))
        return counts

    create(10, 0)
    at_10 = measure()
    create(190, 10)
    at_200 = measure()
    assert at_10 == at_200, (at_10, at_200)
    assert max(at_200) <= 16
    html = client.get("/get-involved/").content
    assert len(html) < 60 * 1024
    assert len(listed_titles(html.decode())) == 10


# --- One opportunity -------------------------------------------------------------------


@pytest.mark.django_db
def test_opportunity_times_are_written_as_meeting_times_are(index):
    noon = timezone.make_aware(datetime.combine(days(20), time(12)))
    page = OpportunityPageFactory.build(starts_at=noon, ends_at=noon + timedelta(hours=2, minutes=30))
    assert page.session_text().endswith(", midday to 2:30pm")


@pytest.mark.django_db
def test_opportunity_page_says_everything_a_person_needs_to_decide(client, index):
    page = OpportunityPageFactory(
        parent=index,
        title="Interview panel",
        rung=Rung.PARTNERSHIP,
        themes=["recruitment"],
        formats=["in-person", "online"],
        what_you_would_do="<p>Score the candidates.</p>",
        what_you_can_influence="<p>Who gets the job.</p>",
        what_cannot_change="<p>The salary.</p>",
        time_needed="One day",
        frequency=Frequency.ONE_OFF,
        starts_at=timezone.make_aware(datetime.combine(days(20), time(9, 30))),
        ends_at=timezone.make_aware(datetime.combine(days(20), time(16))),
        place="The Hub, 1 Example Street",
        access_information="Step-free with a quiet room.",
        support_and_training="<p>Recruitment training.</p>",
        payment="A £40 voucher.",
        who_can_take_part="Anyone with lived experience.",
        closing_date=days(7),
    )
    html = client.get(page.url).content.decode()
    for text in (
        "Partnership rung",
        'href="/get-involved/?rung=partnership"',
        "Recruitment and selection of staff",
        "In person, Online",
        "Score the candidates.",
        "What you can influence",
        "Who gets the job.",
        "What cannot be changed",
        "The salary.",
        "One day",
        f"One-off: {days(20):%A} {days(20).day} {days(20):%B %Y}, 9:30am to 4pm",
        "The Hub, 1 Example Street",
        "Step-free with a quiet room.",
        "Recruitment training.",
        "A £40 voucher.",
        "If you get benefits",
        "Anyone with lived experience.",
        "People with wider lived experience are welcome too.",
        f"Closes on {days(7):%A} {days(7).day} {days(7):%B %Y}",
        "0151 496 0000",  # no contact on the page, so the Involvement team's number
        f'href="/get-involved/{page.slug}/express-interest/"',
        f'href="/get-involved/{page.slug}/calendar/"',
    ):
        assert text in html, text


@pytest.mark.django_db
def test_opportunity_only_for_current_clients_does_not_say_everyone_is_welcome(client, index):
    page = OpportunityPageFactory(parent=index, wider_lived_experience_welcome=False, contact_name="Sam, Worker")
    html = client.get(page.url).content.decode()
    assert "wider lived experience are welcome" not in html
    assert "Ask Sam, Worker" in html


@pytest.mark.django_db
def test_closed_opportunity_says_closed_and_offers_no_form(client, closed_opportunity):
    html = client.get(closed_opportunity.url).content.decode()
    assert "This opportunity has closed" in html
    assert "express-interest" not in html
    assert 'href="/get-involved/"' in html


@pytest.mark.django_db
def test_opportunity_closing_today_is_still_open(client, index):
    page = OpportunityPageFactory(parent=index, closing_date=days(0))
    html = client.get(page.url).content.decode()
    assert "Closes today" in html and "express-interest/" in html
    assert client.get(form_url(page)).status_code == 200


@pytest.mark.django_db
def test_calendar_file_for_dated_opportunities_only(client, index):
    start = timezone.make_aware(datetime.combine(days(5), time(13)))
    dated = OpportunityPageFactory(parent=index, title="Open day", slug="open-day", starts_at=start)
    response = client.get("/get-involved/open-day/calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="open-day.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert "SUMMARY:Open day" in body and "LOCATION:The Hub" in body
    undated = OpportunityPageFactory(parent=index, slug="undated", starts_at=None)
    assert client.get("/get-involved/undated/calendar/").status_code == 404
    assert "calendar/" not in client.get(undated.url).content.decode()
    assert dated.has_calendar_entry


# --- The expression of interest form ----------------------------------------------------


@pytest.mark.django_db
def test_form_page_uses_gov_uk_patterns_and_is_never_cached(client, opportunity):
    response = client.get(form_url(opportunity))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<form method="post" novalidate>' in html
    assert '<legend class="label">How should we contact you?</legend>' in html
    assert "Email address (if you chose email)</label>" in html
    assert "(if you chose your support worker) (optional)" not in html
    assert "Best times to contact you (optional)" in html
    assert "Access needs or support you would like (optional)" in html
    assert "Anything else you want to tell us (optional)" in html
    assert "What should we call you? (optional)" not in html
    assert "Other ways to get in touch" in html
    assert 'class="hp"' in html  # the honeypot is there, hidden


@pytest.mark.django_db
def test_sending_the_form_stores_it_and_shows_a_reference_once(client, opportunity, site_settings):
    response = client.post(form_url(opportunity), valid_data())
    assert response.status_code == 302
    assert response["Location"] == sent_url(opportunity)
    record = ExpressionOfInterest.objects.get()
    assert reference_pattern("E").match(record.reference)
    assert record.opportunity == opportunity and record.opportunity_title == "Interview panel"
    assert record.status == Status.NEW and record.channel == "website"
    assert (record.name, record.email, record.best_times, record.consent) == ("Jo", "jo@example.org", "Mornings", True)

    confirmation = client.get(sent_url(opportunity))
    html = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert "no-store" in confirmation["Cache-Control"]
    assert f'<strong class="reference">{record.reference}</strong>' in html
    assert f'href="/check/?reference={record.reference}"' in html
    assert site_settings.response_time in html
    assert "Other ways to get in touch" in html
    # Refreshing the confirmation sends nothing again.
    client.get(sent_url(opportunity))
    assert ExpressionOfInterest.objects.count() == 1


@pytest.mark.django_db
def test_confirmation_without_a_sent_form_goes_back_to_the_form(client, opportunity):
    response = client.get(sent_url(opportunity))
    assert response.status_code == 302
    assert response["Location"] == form_url(opportunity)


@pytest.mark.django_db
def test_blank_form_stores_nothing_and_lists_every_problem(client, opportunity):
    response = client.post(form_url(opportunity), {"website": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert ExpressionOfInterest.objects.count() == 0
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert '<a href="#id_name">Enter what we should call you</a>' in html
    assert '<a href="#id_contact_method_0">Choose how we should contact you</a>' in html
    assert '<a href="#id_consent">Tick the box to say we can contact you about this opportunity</a>' in html
    assert len(mail.outbox) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, fields_with_errors, message",
    [
        ("email", ["email"], "Enter your email address, or choose another way for us to contact you"),
        ("phone", ["phone"], "Enter your phone number, or choose another way for us to contact you"),
        ("text", ["phone"], "Enter a mobile number we can text, or choose another way for us to contact you"),
        ("post", ["postal_address"], "Enter your postal address, or choose another way for us to contact you"),
        ("support_worker", ["support_worker"], "Enter your support worker’s name and how we can reach them"),
    ],
)
def test_only_the_detail_for_the_chosen_way_is_required(client, opportunity, method, fields_with_errors, message):
    data = valid_data(contact_method=method, email="")
    response = client.post(form_url(opportunity), data)
    html = response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0
    assert message in html
    linked = re.findall(r'<li><a href="#id_([a-z_]+)">', html)
    assert linked == fields_with_errors
    assert 'value="Mornings"' in html  # answers kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, details, kept",
    [
        ("email", {"email": "jo@example.org"}, "email"),
        ("phone", {"phone": "0151 496 0999"}, "phone"),
        ("text", {"phone": "07700 900999"}, "phone"),
        ("post", {"postal_address": "1 Example Street\nLiverpool"}, "postal_address"),
        ("support_worker", {"support_worker": "Chris at Example Housing, 0151 496 0888"}, "support_worker"),
    ],
)
def test_each_way_of_contact_works_and_other_details_are_not_kept(client, opportunity, method, details, kept):
    everything = {
        "email": "other@example.org",
        "phone": "0151 496 0111",
        "postal_address": "Somewhere",
        "support_worker": "Someone, someone@example.org",
    }
    response = client.post(form_url(opportunity), valid_data(contact_method=method, **{**everything, **details}))
    assert response.status_code == 302
    record = ExpressionOfInterest.objects.get()
    assert record.contact_method == method
    assert getattr(record, kept) == details[kept]
    for name in everything:
        if name not in details:
            assert getattr(record, name) == "", name


@pytest.mark.django_db
def test_a_wrong_detail_for_a_way_not_chosen_does_not_block_sending(client, opportunity):
    response = client.post(form_url(opportunity), valid_data(contact_method="phone", phone="0151 496 0999", email="x"))
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.get().email == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format, like name@example.org"),
        ({"contact_method": "phone", "phone": "call me"}, "phone", "Enter a phone number, like 07700 900 982"),
        ({"contact_method": "phone", "phone": "12"}, "phone", "Enter a phone number, like 07700 900 982"),
        ({"contact_method": "pigeon"}, "contact_method_0", "Select a valid choice"),
        ({"name": "   "}, "name", "Enter what we should call you"),
        ({"consent": ""}, "consent", "Tick the box to say we can contact you about this opportunity"),
    ],
)
def test_each_validation_error_is_shown_and_nothing_is_stored(client, opportunity, overrides, field, message):
    response = client.post(form_url(opportunity), valid_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'<a href="#id_{field}">' in html
    assert ExpressionOfInterest.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, limit, message_start, method",
    [
        ("name", 100, "What we should call you", "email"),
        ("email", 254, "Your email address", "email"),
        ("phone", 40, "Your phone number", "phone"),
        ("postal_address", 300, "Your postal address", "post"),
        ("support_worker", 400, "Your support worker’s details", "support_worker"),
        ("best_times", 200, "Best times to contact you", "email"),
        ("access_needs", 1000, "Access needs or support", "email"),
        ("anything_else", 2000, "Anything else", "email"),
    ],
)
def test_every_field_has_a_length_limit(client, opportunity, field, limit, message_start, method):
    filler = {
        "email": "a" * 250 + "@example.org",
        "phone": "0" * (limit + 1),
    }.get(field, "x" * (limit + 1))
    data = valid_data(
        contact_method=method,
        phone="0151 496 0999",
        postal_address="1 Example Street",
        support_worker="Chris, 0151 496 0888",
    )
    data[field] = filler
    response = client.post(form_url(opportunity), data)
    html = response.content.decode()
    assert f"{message_start} must be {limit} characters or fewer" in html
    assert ExpressionOfInterest.objects.count() == 0
    assert ExpressionOfInterest._meta.get_field(field).max_length == limit


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_closed_opportunity_accepts_nothing(client, closed_opportunity, method):
    response = getattr(client, method)(form_url(closed_opportunity), valid_data())
    html = response.content.decode()
    assert response.status_code == 410
    assert "This opportunity has closed" in html
    assert "Other ways to get in touch" in html
    assert "<form" not in html.split('id="main-content"')[1]
    assert ExpressionOfInterest.objects.count() == 0
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_a_draft_opportunity_has_no_form(client, index):
    draft = OpportunityPageFactory(parent=index, slug="draft", live=False)
    assert client.get(form_url(draft)).status_code == 404


@pytest.mark.django_db
def test_honeypot_stores_nothing_and_sends_nothing(client, opportunity):
    response = client.post(form_url(opportunity), valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "We could not accept this form" in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_rate_limit_gives_a_clear_429_page_after_a_burst(
    client, opportunity, django_capture_on_commit_callbacks, monkeypatch
):
    import django_ratelimit.core

    # The limit counts in fixed time windows; hold the clock so the burst never straddles two.
    monkeypatch.setattr(django_ratelimit.core, "_get_window", lambda value, period: 1_800_000_000)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            assert client.post(form_url(opportunity), valid_data()).status_code == 302
        response = client.post(form_url(opportunity), valid_data(name="Eleventh"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a few minutes" in html and "Other ways to get in touch" in html
    assert ExpressionOfInterest.objects.count() == 10
    assert not ExpressionOfInterest.objects.filter(name="Eleventh").exists()


@pytest.mark.django_db
def test_references_have_the_e_format_and_are_unique(opportunity, monkeypatch):
    sent = [ExpressionOfInterestFactory(opportunity=opportunity) for _ in range(50)]
    references = {record.reference for record in sent}
    assert len(references) == 50
    assert all(reference_pattern("E").match(reference) for reference in references)
    # A clash with an existing reference is retried, never an error for the person.
    import records.models

    taken = sent[0].reference
    draws = iter([taken, "E-ABCDEF"])
    monkeypatch.setattr(records.models, "generate_reference", lambda prefix: next(draws))
    assert ExpressionOfInterestFactory(opportunity=opportunity).reference == "E-ABCDEF"


# --- Emails --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_emails_acknowledge_the_person_and_tell_staff_only_the_reference(
    client, opportunity, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(opportunity), valid_data(name="Jo O'Neill"))
    record = ExpressionOfInterest.objects.get()
    assert len(mail.outbox) == 2
    staff = next(message for message in mail.outbox if message.to == ["team@example.org"])
    person = next(message for message in mail.outbox if message.to == ["jo@example.org"])
    assert record.reference in staff.subject and record.reference in staff.body
    edit_url = reverse("expressions_of_interest:edit", args=[record.pk])
    assert f"http://testserver{edit_url}" in staff.body
    for personal in ("Jo", "jo@example.org", "Mornings", "quiet room", "parking", "Interview panel"):
        assert personal not in staff.body and personal not in staff.subject, personal
    assert record.reference in person.subject and record.reference in person.body
    assert "Jo" not in person.body and "Jo" not in person.subject
    assert "Interview panel" in person.body  # the opportunity's title, written by staff


@pytest.mark.django_db
def test_the_acknowledgement_is_fixed_wording_and_the_reference_nothing_the_sender_typed(
    client, opportunity, django_capture_on_commit_callbacks
):
    """Otherwise anyone could make the site send their own text to any address."""
    typed = {
        "name": "Visit http://evil.example now",
        "best_times": "Call 0900 000 000 for a prize",
        "access_needs": "<b>Click here</b>",
        "anything_else": "Your account is locked",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(opportunity), valid_data(**typed, email="victim@example.org"))
        client.post(form_url(opportunity), valid_data(email="victim@example.org"), REMOTE_ADDR="198.51.100.9")
    first, second = ExpressionOfInterest.objects.order_by("created_at")
    spam, plain = (message for message in mail.outbox if message.to == ["victim@example.org"])
    for value in typed.values():
        assert value not in spam.body and value not in spam.subject
    assert spam.body.replace(first.reference, "REF") == plain.body.replace(second.reference, "REF")
    assert spam.subject.replace(first.reference, "REF") == plain.subject.replace(second.reference, "REF")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, details", [("phone", {"phone": "0151 496 0999"}), ("post", {"postal_address": "1 Example Street"})]
)
def test_no_acknowledgement_without_an_email_address(
    client, opportunity, django_capture_on_commit_callbacks, method, details
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(opportunity), valid_data(contact_method=method, **details))
    assert [message.to for message in mail.outbox] == [["team@example.org"]]


@pytest.mark.django_db
def test_a_failure_to_send_email_is_logged_and_never_loses_the_record(
    client, opportunity, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    import home.mail

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(home.mail.EmailMultiAlternatives, "send", broken)
    with caplog.at_level(logging.ERROR, logger="home.mail"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(opportunity), valid_data())
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == 1
    assert "Could not send" in caplog.text


# --- Admin: permissions, listing, filters, export, edit, add ---------------------------------


@pytest.fixture
def records(opportunity, index):
    other = OpportunityPageFactory(parent=index, title="Budget group", slug="budget", rung=Rung.CONTROL)
    return {
        "new": ExpressionOfInterestFactory(opportunity=opportunity, name="Alex"),
        "contacted": ExpressionOfInterestFactory(opportunity=opportunity, name="Billie", status=Status.CONTACTED),
        "flagged": ExpressionOfInterestFactory(
            opportunity=other, name="Casey", is_safeguarding_concern=True, channel="phone"
        ),
    }


@pytest.mark.django_db
def test_involvement_team_has_the_permissions_from_the_migration(involvement_officer, editor, moderator):
    for action in ("view", "add", "change"):
        assert involvement_officer.has_perm(f"opportunities.{action}_expressionofinterest")
        assert not editor.has_perm(f"opportunities.{action}_expressionofinterest")
        assert not moderator.has_perm(f"opportunities.{action}_expressionofinterest")
    assert not involvement_officer.has_perm("opportunities.delete_expressionofinterest")


@pytest.mark.django_db
def test_involvement_officer_can_list_search_export_and_open_records(client, involvement_officer, records):
    client.force_login(involvement_officer)
    assert "Expressions of interest" in client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse("expressions_of_interest:index")).content.decode()
    for record in records.values():
        assert record.reference in listing
    assert "Safeguarding concern" in listing
    found = client.get(reverse("expressions_of_interest:index"), {"q": "Billie"}).content.decode()
    assert records["contacted"].reference in found and records["new"].reference not in found
    by_reference = client.get(reverse("expressions_of_interest:index"), {"q": records["new"].reference})
    assert records["new"].reference in by_reference.content.decode()
    assert records["contacted"].reference not in by_reference.content.decode()
    export = client.get(reverse("expressions_of_interest:index"), {"export": "csv"})
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    assert "Reference" in csv_text and "Opportunity" in csv_text and "Email address" in csv_text
    assert records["flagged"].reference in csv_text and "Casey" in csv_text and "Budget group" in csv_text
    xlsx = client.get(reverse("expressions_of_interest:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert client.get(reverse("expressions_of_interest:edit", args=[records["new"].pk])).status_code == 200
    assert client.get(reverse("expressions_of_interest:inspect", args=[records["new"].pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "contacted"}, {"contacted"}),
        ({"is_safeguarding_concern": "true"}, {"flagged"}),
        ({"rung": "control"}, {"flagged"}),
        ({"rung": "participation"}, {"new", "contacted"}),
        ({"channel": "phone"}, {"flagged"}),
    ],
)
def test_admin_filters(client, involvement_officer, records, params, expected):
    client.force_login(involvement_officer)
    html = client.get(reverse("expressions_of_interest:index"), params).content.decode()
    shown = {key for key, record in records.items() if record.reference in html}
    assert shown == expected


@pytest.mark.django_db
def test_admin_filters_by_opportunity_and_date(client, involvement_officer, records, opportunity):
    client.force_login(involvement_officer)
    old = records["contacted"]
    ExpressionOfInterest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    url = reverse("expressions_of_interest:index")
    by_opportunity = client.get(url, {"opportunity": opportunity.pk}).content.decode()
    assert records["new"].reference in by_opportunity and records["flagged"].reference not in by_opportunity
    recent = client.get(url, {"created_at_from": days(-7).isoformat()}).content.decode()
    assert records["new"].reference in recent and old.reference not in recent


@pytest.mark.django_db
def test_editors_and_moderators_get_no_menu_item_and_403(client, editor, moderator, records):
    record = records["new"]
    urls = [
        reverse("expressions_of_interest:index"),
        reverse("expressions_of_interest:index") + "?export=csv",
        reverse("expressions_of_interest:add"),
        reverse("expressions_of_interest:edit", args=[record.pk]),
        reverse("expressions_of_interest:inspect", args=[record.pk]),
        reverse("expressions_of_interest:history", args=[record.pk]),
    ]
    for user in (editor, moderator):
        client.force_login(user)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Expressions of interest" not in dashboard
        assert record.reference not in dashboard
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403, (user, url, response.status_code)
            assert record.name not in response.content.decode()
        assert client.post(reverse("expressions_of_interest:edit", args=[record.pk]), {}).status_code == 403


@pytest.mark.django_db
def test_dashboard_panel_shows_waiting_records_to_the_involvement_team(client, involvement_officer, records):
    client.force_login(involvement_officer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Expressions of interest waiting for a reply" in html
    assert "2 waiting for a reply" in html and "1 flagged as a safeguarding concern" in html
    assert records["flagged"].reference in html and records["contacted"].reference not in html


@pytest.fixture
def triage_records(records):
    records["new"].anything_else = "I use a wheelchair\nand my address is private"
    records["new"].save()
    ExpressionOfInterest.objects.filter(pk=records["new"].pk).update(created_at=timezone.now() - timedelta(days=2))
    return records


@pytest.mark.django_db
@pytest.mark.parametrize("url", [reverse_lazy("expressions_of_interest:index"), reverse_lazy("wagtailadmin_home")])
def test_expressions_of_interest_at_a_glance(client, involvement_officer, triage_records, url):
    client.force_login(involvement_officer)
    html = client.get(url).content.decode()
    new = row_html(html, triage_records["new"].reference)
    assert "I use a wheelchair" in new and "address is private" not in new
    assert "Interview panel" in new and "Participation" in new and "2 days" in new
    assert "sui-nowrap" in new[: new.index(triage_records["new"].reference)]
    flagged = row_html(html, triage_records["flagged"].reference)
    assert "sui-flagged" in flagged and "Safeguarding concern" in flagged
    assert "Budget group" in flagged and "Control" in flagged


@pytest.mark.django_db
def test_expressions_of_interest_messages_stay_with_the_involvement_team(client, moderator, triage_records):
    from django.contrib.auth.models import Group, Permission

    Group.objects.get(name="Moderators").permissions.add(Permission.objects.get(codename="view_expressionofinterest"))
    client.force_login(moderator)
    for url in (reverse("expressions_of_interest:index"), reverse("wagtailadmin_home")):
        html = client.get(url).content.decode()
        assert triage_records["new"].reference in html and "wheelchair" not in html


@pytest.mark.django_db
def test_expression_of_interest_exports_are_readable_and_safe(client, involvement_officer, records, opportunity):
    records["new"].name = FORMULA
    records["new"].phone = "+44 7700 900982"
    records["new"].save()
    orphan = ExpressionOfInterestFactory(opportunity=OpportunityPageFactory(parent=opportunity.get_parent()))
    orphan.opportunity.delete()
    client.force_login(involvement_officer)
    index = reverse("expressions_of_interest:index")
    rows = csv_rows(client, index)
    new = row_for(rows, records["new"].reference)
    assert new["What to call them"] == NEUTRALISED_FORMULA and new["Phone number"] == "'+44 7700 900982"
    assert (new["Status"], new["Opportunity"], new["Rung on the ladder"]) == ("New", "Interview panel", "Participation")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", new["Received"])
    assert new["Safeguarding concern"] == "No" and new["Agreed to be contacted"] == "Yes"
    flagged = row_for(rows, records["flagged"].reference)
    assert (flagged["Rung on the ladder"], flagged["Channel"], flagged["Safeguarding concern"]) == (
        "Control",
        "Phone",
        "Yes",
    )
    assert row_for(rows, orphan.reference)["Rung on the ladder"] == ""
    cells = row_for(xlsx_rows(client, index), records["new"].reference)
    assert cells["What to call them"].value == NEUTRALISED_FORMULA
    assert cells["Rung on the ladder"].value == "Participation" and cells["Status"].value == "New"
    assert cells["Received"].value.microsecond == 0


def admin_form_data(record, **overrides):
    data = {
        "status": record.status,
        "internal_notes": record.internal_notes,
        "opportunity": record.opportunity_id or "",
        "channel": record.channel,
        "name": record.name,
        "contact_method": record.contact_method,
        "email": record.email,
        "phone": record.phone,
        "postal_address": record.postal_address,
        "support_worker": record.support_worker,
        "best_times": record.best_times,
        "access_needs": record.access_needs,
        "anything_else": record.anything_else,
        "consent": "on" if record.consent else "",
    }
    if record.is_safeguarding_concern:
        data["is_safeguarding_concern"] = "on"
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_status_changes_and_notes_are_saved_with_who_and_when_in_the_history(client, involvement_officer, records):
    client.force_login(involvement_officer)
    record = records["new"]
    url = reverse("expressions_of_interest:edit", args=[record.pk])
    response = client.post(url, admin_form_data(record, status="contacted", internal_notes="Rang them."))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == Status.CONTACTED and record.internal_notes == "Rang them."
    entry = log_registry.get_logs_for_instance(record).filter(action="sui.status_changed").get()
    assert entry.user == involvement_officer
    assert entry.data == {"from": "New", "to": "Contacted"}
    history = client.get(reverse("expressions_of_interest:history", args=[record.pk])).content.decode()
    assert "Status changed from “New” to “Contacted”" in history


@pytest.mark.django_db
def test_staff_can_enter_one_on_someones_behalf_with_the_channel(client, involvement_officer, opportunity):
    client.force_login(involvement_officer)
    url = reverse("expressions_of_interest:add")
    form = client.get(url).content.decode()
    assert "Channel" in form and "Through my support worker" in form
    blank = ExpressionOfInterest(status=Status.NEW, channel="phone", contact_method="phone")
    missing = client.post(url, admin_form_data(blank, opportunity="", name="Pat", consent=""))
    html = missing.content.decode()
    assert "Enter their phone number, or choose another way to contact them" in html
    assert "Choose the opportunity they are interested in" in html
    assert "Only enter it once they have agreed to be contacted" in html
    assert ExpressionOfInterest.objects.count() == 0
    response = client.post(
        url,
        admin_form_data(blank, opportunity=opportunity.pk, name="Pat", phone="07700 900555", consent="on"),
    )
    assert response.status_code == 302
    record = ExpressionOfInterest.objects.get()
    assert (record.channel, record.name, record.phone, record.opportunity_title) == (
        "phone",
        "Pat",
        "07700 900555",
        "Interview panel",
    )
    assert reference_pattern("E").match(record.reference)


@pytest.mark.django_db
def test_staff_can_change_the_status_after_personal_data_was_cleared(client, involvement_officer, records):
    record = records["new"]
    record.clear_personal_data()
    client.force_login(involvement_officer)
    url = reverse("expressions_of_interest:edit", args=[record.pk])
    response = client.post(url, admin_form_data(record, status="withdrawn"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == Status.WITHDRAWN and record.name == ""


@pytest.mark.django_db
def test_deleting_an_opportunity_keeps_peoples_records(opportunity):
    record = ExpressionOfInterestFactory(opportunity=opportunity)
    Page.objects.get(pk=opportunity.pk).delete()
    record.refresh_from_db()
    assert record.opportunity is None
    assert record.opportunity_title == "Interview panel"
    assert record.opportunity_name == "Interview panel"


@pytest.mark.django_db
def test_purge_clears_personal_details_and_keeps_the_record(opportunity, settings):
    record = ExpressionOfInterestFactory(
        opportunity=opportunity, name="Jo", best_times="Mornings", access_needs="Quiet", anything_else="Hi"
    )
    ExpressionOfInterest.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(days=settings.RETENTION_DAYS + 1)
    )
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    record.refresh_from_db()
    assert (record.name, record.email, record.best_times, record.access_needs, record.anything_else) == ("",) * 5
    assert record.personal_data_cleared_at is not None
    assert record.reference and record.opportunity_title == "Interview panel"


# --- Home page section -----------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_shows_featured_open_opportunities(client, index):
    OpportunityPageFactory(parent=index, title="Featured one", featured=True)
    OpportunityPageFactory(parent=index, title="Not featured", closing_date=days(1))
    OpportunityPageFactory(parent=index, title="Featured but closed", featured=True, closing_date=days(-1))
    html = client.get("/").content.decode()
    assert "Featured one" in html
    assert "Not featured" not in html and "Featured but closed" not in html
    assert 'href="/get-involved/"' in html


@pytest.mark.django_db
def test_home_page_falls_back_to_the_soonest_closing_and_hides_when_none_open(client, index):
    for number in range(4):
        OpportunityPageFactory(parent=index, title=f"Closes in {number + 1}", closing_date=days(number + 1))
    html = client.get("/").content.decode()
    assert "Closes in 1" in html and "Closes in 3" in html and "Closes in 4" not in html
    OpportunityPage.objects.update(closing_date=days(-1))
    cache.clear()  # as when the cached page and sections expire (PAGE_CACHE_SECONDS) after closing dates pass
    assert "open-opportunities-heading" not in client.get("/").content.decode()


# --- Demo content ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_covers_every_rung_and_theme_with_a_closed_and_dated_ones(client, demo_site):
    pages = list(OpportunityPage.objects.live())
    assert len(pages) >= 8
    open_pages = [page for page in pages if page.is_open]
    assert {page.rung for page in open_pages} == set(Rung.values)
    assert {theme for page in pages for theme in slugs(page.themes)} == set(THEMES)
    assert any(not page.is_open for page in pages)
    assert sum(1 for page in open_pages if page.has_calendar_entry and page.starts_at > timezone.now()) >= 3
    assert set(ExpressionOfInterest.objects.values_list("status", flat=True)) == set(Status.values)
    assert len(set(ExpressionOfInterest.objects.values_list("channel", flat=True))) >= 4
    index = OpportunityIndexPage.objects.get()
    assert index.url == "/get-involved/" and index.show_in_menus
    for rung in Rung.values:  # the ladder page's links
        html = client.get(f"/get-involved/?rung={rung}").content.decode()
        assert listed_titles(html), rung
    for page in pages:
        assert client.get(page.url).status_code == 200
        expected = 200 if page.is_open else 410
        assert client.get(page.url + "express-interest/").status_code == expected


@pytest.mark.django_db
def test_demo_content_is_idempotent(demo_site):
    pages, records = OpportunityPage.objects.count(), ExpressionOfInterest.objects.count()
    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OpportunityPage.objects.count() == pages
    assert ExpressionOfInterest.objects.count() == records


@pytest.mark.django_db
def test_the_involvement_team_cannot_delete_expressions_of_interest(client, opportunity, involvement_officer):
    record = ExpressionOfInterestFactory(opportunity=opportunity)
    client.force_login(involvement_officer)
    assert client.post(reverse("expressions_of_interest:delete", args=[record.pk])).status_code == 403
    assert ExpressionOfInterest.objects.filter(pk=record.pk).exists()


# --- Issue 13: the ladder drawn, one contact detail at a time, exit this page ------------


@pytest.mark.django_db
def test_ladder_counts_open_opportunities_per_rung_in_a_fixed_number_of_queries(
    client, page_cache_off, home_page, index
):
    from home.models import StandardPage

    ladder_page = home_page.add_child(
        instance=StandardPage(title="The Ladder of Participation", slug="ladder-of-participation", show_ladder=True)
    )

    def counts():
        html = client.get(ladder_page.url).content.decode()
        return {name: int(count) for count, name in re.findall(r"(\d+) open opportunit(?:y|ies) at (\w+)", html)}, html

    OpportunityPageFactory(parent=index, rung=Rung.CONTROL)
    OpportunityPageFactory(parent=index, rung=Rung.CONTROL)
    OpportunityPageFactory(parent=index, rung=Rung.CONTROL, closing_date=days(-1))  # closed: not counted
    OpportunityPageFactory(parent=index, rung=Rung.INFORMATION, live=False)  # draft: not counted
    found, html = counts()
    assert found == {"Control": 2}
    assert "No open opportunities at Information right now" in html

    def queries_for_page():
        client.get(ladder_page.url)  # new pages started a new content version: warm the shared pieces
        with CaptureQueriesContext(connection) as queries:
            client.get(ladder_page.url)
        return len(queries)

    before = queries_for_page()
    for number in range(20):
        OpportunityPageFactory(parent=index, rung=Rung.values[number % 5])
    assert queries_for_page() == before
    assert counts()[0] == dict.fromkeys(["Control"], 6) | dict.fromkeys(
        ["Partnership", "Participation", "Consultation", "Information"], 4
    )


@pytest.mark.django_db
def test_standard_page_without_the_ladder_ticked_does_not_draw_it(client, home_page, index):
    from home.models import StandardPage

    page = home_page.add_child(instance=StandardPage(title="About", slug="about"))
    assert 'class="ladder' not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_contact_details_sit_under_the_way_they_belong_to(client, opportunity):
    """GOV.UK conditional reveal: without JavaScript each box shows under its own
    answer; site.js hides the ones that do not belong to the chosen answer."""
    html = client.get(form_url(opportunity)).content.decode()
    fieldset = html.split("How should we contact you?", 1)[1].split("</fieldset>\n</div>", 1)[0]
    order = [
        fieldset.index('value="email"'),
        fieldset.index('id="id_email"'),
        fieldset.index('value="phone"'),
        fieldset.index('value="text"'),
        fieldset.index('id="id_phone"'),
        fieldset.index('value="post"'),
        fieldset.index('id="id_postal_address"'),
        fieldset.index('value="support_worker"'),
        fieldset.index('id="id_support_worker"'),
    ]
    assert order == sorted(order)
    assert 'data-reveal-name="contact_method" data-reveal-values="phone text"' in fieldset
    assert 'data-reveal-values="support_worker"' in fieldset
    assert fieldset.count('id="id_phone"') == 1


@pytest.mark.django_db
def test_contact_method_errors_link_to_the_first_answer_and_keep_what_was_typed(client, opportunity):
    response = client.post(form_url(opportunity), valid_data(contact_method="", email="jo@example.org"))
    html = response.content.decode()
    assert response.status_code == 200 and not ExpressionOfInterest.objects.exists()
    assert '<a href="#id_contact_method_0">Choose how we should contact you</a>' in html
    assert 'value="jo@example.org"' in html
    chosen = client.post(form_url(opportunity), valid_data(contact_method="text", email="", phone=""))
    assert re.search(r'<input type="radio" name="contact_method" value="text"[^>]* checked', chosen.content.decode())
    assert "Enter a mobile number we can text" in chosen.content.decode()


@pytest.mark.django_db
def test_form_and_confirmation_carry_need_help_and_exit_this_page(client, opportunity, site_settings):
    site_settings.exit_page_url = "https://www.example.com/weather"
    site_settings.save()
    form = client.get(form_url(opportunity)).content.decode()
    main = form.split('<footer class="site-footer">', 1)[0]
    assert "Need help now?" in main
    assert 'href="https://www.example.com/weather"' in main and "Exit this page" in main
    client.post(form_url(opportunity), valid_data())
    sent = client.get(sent_url(opportunity)).content.decode().split('<footer class="site-footer">', 1)[0]
    assert "Need help now?" in sent and "Exit this page" in sent
    # Not on pages that are not about the forms.
    assert "Exit this page" not in client.get(opportunity.url).content.decode()
