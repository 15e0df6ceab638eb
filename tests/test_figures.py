"""How involvement is going (/involvement-figures/): the figures against
hand-counted records, small-number suppression in the chart, the table and
the CSV, and a fixed number of queries however many records there are."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from home.charts import bar_chart_svg
from home.figures import Figure, Row, last_twelve_months, published_count, start_of
from opportunities.models import ExpressionOfInterest, OpportunityPage, Rung
from suggestions.models import InvolvementFiguresPage, Suggestion
from tests.factories.opportunities import (
    ExpressionOfInterestFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
)
from tests.factories.suggestions import SuggestionFactory

MONTHLY = "Suggestions received and answered, month by month"
MEDIAN = "How long an answer takes"
INTEREST = "Expressions of interest by rung of the ladder"
OPEN = "Opportunities open now by rung of the ladder"


@pytest.fixture
def figures_page(home_page):
    page = InvolvementFiguresPage(title="How involvement is going", slug="involvement-figures", introduction="Live.")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def months():
    return last_twelve_months(timezone.localdate())


def label(month):
    return date_format(month, "F Y")


@pytest.fixture
def hand_counted(figures_page, home_page, months):
    """Records whose figures are counted by hand in the tests below.

    Suggestions: this month 6 received, 2 of them answered (after 1 and 6
    days); last month 3 received and all answered (after 2, 4 and 9 days);
    13 months ago 5 received and answered (outside every figure). So the
    median of the 5 answered in the window is 4 days.
    Opportunities: 5 open on Participation, 1 closed on Participation, 1 open on
    Consultation. Expressions of interest in the last 12 months: 6 on
    Participation, 2 on Consultation, 1 for a deleted page; 3 more a year
    and a month ago.
    """
    this_month, last_month = start_of(months[-1]), start_of(months[-2])
    long_ago = start_of(months[0]) - timedelta(days=40)
    done, cant_do = Suggestion.Status.DONE, Suggestion.Status.CANT_DO
    for days in (1, 6):
        SuggestionFactory(created_at=this_month, status=done, answered_at=this_month + timedelta(days))
    SuggestionFactory.create_batch(4, created_at=this_month)
    for days in (2, 4, 9):
        day = last_month + timedelta(days=1)
        SuggestionFactory(created_at=day, status=cant_do, public_answer="No.", answered_at=day + timedelta(days))
    SuggestionFactory.create_batch(5, created_at=long_ago, status=done, answered_at=long_ago)

    index = OpportunityIndexPageFactory(parent=home_page)
    participation = [OpportunityPageFactory(parent=index, rung=Rung.PARTICIPATION) for _ in range(5)]
    OpportunityPageFactory(parent=index, rung=Rung.PARTICIPATION, closing_date=timezone.localdate() - timedelta(1))
    consultation = OpportunityPageFactory(parent=index, rung=Rung.CONSULTATION)
    ExpressionOfInterestFactory.create_batch(6, opportunity=participation[0])
    ExpressionOfInterestFactory.create_batch(3, opportunity=participation[1], created_at=long_ago)
    ExpressionOfInterestFactory.create_batch(2, opportunity=consultation)
    doomed = OpportunityPageFactory(parent=index, rung=Rung.CONTROL, closing_date=timezone.localdate() - timedelta(1))
    ExpressionOfInterestFactory(opportunity=doomed)
    doomed.delete()
    assert ExpressionOfInterest.objects.filter(opportunity=None).count() == 1


def download_csv(client, **params):
    response = client.get("/involvement-figures/figures.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def csv_value(rows, figure, label, measure):
    [row] = [r for r in rows if (r["figure"], r["label"], r["measure"]) == (figure, label, measure)]
    return row["value"]


def table_row(html, label):
    match = re.search(rf'<tr><th scope="row">{re.escape(label)}</th>(.*?)</tr>', html)
    assert match, label
    return re.findall(r'<td class="table__number">([^<]*)</td>', match.group(1))


def section(html, slug):
    match = re.search(rf'<section class="figure-section" aria-labelledby="{slug}-heading">(.*?)</section>', html, re.S)
    assert match, slug
    return match.group(1)


def chart_of(html, slug):
    svg = re.search(r"<svg class=\"chart\".*?</svg>", section(html, slug), re.S).group(0)
    return ET.fromstring(svg)  # noqa: S314 (our own markup)


def bar_labels(svg):
    """The words beside the bars, in order (the first text of a row is its label)."""
    return [text.text for text in svg.findall(".//{*}text")]


@pytest.mark.parametrize("count, shown", [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (1234, "1234")])
def test_counts_from_1_to_4_are_published_as_fewer_than_5(count, shown):
    assert published_count(count) == shown


@pytest.mark.django_db
def test_month_by_month_matches_hand_count_with_suppression_in_chart_table_and_csv(client, hand_counted, months):
    html = client.get("/involvement-figures/").content.decode()
    this_month, last_month = label(months[-1]), label(months[-2])
    assert table_row(html, this_month) == ["6", "fewer than 5"]
    assert table_row(html, last_month) == ["fewer than 5", "fewer than 5"]
    assert table_row(html, label(months[0])) == ["0", "0"]
    assert html.count('<tr><th scope="row">') >= 12
    assert label(months[0] - timedelta(days=1)) not in html  # 13 months ago is not shown

    chart = chart_of(html, "suggestions-by-month")
    words = bar_labels(chart)
    at = words.index(this_month)
    assert words[at + 1 : at + 3] == ["6", "fewer than 5"]
    at = words.index(last_month)
    assert words[at + 1 : at + 3] == ["fewer than 5", "fewer than 5"]
    assert f"{this_month}: received 6, answered fewer than 5." in chart.find("{*}desc").text
    assert chart.get("role") == "img"
    title_id, desc_id = chart.get("aria-labelledby").split()
    assert chart.find("{*}title").get("id") == title_id and chart.find("{*}desc").get("id") == desc_id
    # Suppressed counts are dashed outlines to 5, never a bar of the true length.
    dashed = [rect for rect in chart.findall(".//{*}rect") if rect.get("stroke-dasharray")]
    assert len(dashed) == 3 and len({rect.get("width") for rect in dashed}) == 1

    rows = download_csv(client)
    assert csv_value(rows, MONTHLY, this_month, "Received") == "6"
    assert csv_value(rows, MONTHLY, this_month, "Answered") == "fewer than 5"
    assert csv_value(rows, MONTHLY, last_month, "Received") == "fewer than 5"
    assert csv_value(rows, MONTHLY, last_month, "Answered") == "fewer than 5"
    assert not any(row["value"] in {"1", "2", "3", "4"} for row in rows)


@pytest.mark.django_db
def test_median_days_to_answer_is_the_middle_of_the_last_12_months(client, hand_counted):
    html = client.get("/involvement-figures/").content.decode()
    assert "<dt>Median days from received to answered</dt><dd>4.0</dd>" in html
    rows = download_csv(client, figure="median-days-to-answer")
    assert [(r["figure"], r["label"], r["value"]) for r in rows] == [
        (MEDIAN, "Median days from received to answered", "4.0")
    ]


@pytest.mark.django_db
def test_median_of_an_even_number_is_the_mean_of_the_middle_two(client, figures_page):
    start = timezone.now() - timedelta(days=30)
    for days in (1, 2, 3, 5, 8, 13):
        SuggestionFactory(created_at=start, status=Suggestion.Status.DONE, answered_at=start + timedelta(days))
    assert "<dd>4.0</dd>" in client.get("/involvement-figures/").content.decode()


@pytest.mark.django_db
def test_median_is_not_shown_when_fewer_than_5_were_answered(client, figures_page):
    SuggestionFactory.create_batch(4, published=True)
    html = client.get("/involvement-figures/").content.decode()
    assert "<dd>not shown: fewer than 5 suggestions answered</dd>" in html


@pytest.mark.django_db
def test_rung_figures_match_hand_count_with_suppression_in_chart_table_and_csv(client, hand_counted):
    html = client.get("/involvement-figures/").content.decode()
    interest, open_now = section(html, "interest-by-rung"), section(html, "open-by-rung")
    assert table_row(interest, "Participation") == ["6"]
    assert table_row(interest, "Consultation") == ["fewer than 5"]
    assert table_row(interest, "Control") == ["0"]
    assert table_row(interest, "Opportunity since removed") == ["fewer than 5"]
    assert table_row(open_now, "Participation") == ["5"]
    assert table_row(open_now, "Consultation") == ["fewer than 5"]
    assert table_row(open_now, "Information") == ["0"]
    words = bar_labels(chart_of(html, "interest-by-rung"))
    assert words[words.index("Participation") + 1] == "6"
    assert words[words.index("Consultation") + 1] == "fewer than 5"

    rows = download_csv(client)
    assert csv_value(rows, INTEREST, "Participation", "Expressions of interest") == "6"
    assert csv_value(rows, INTEREST, "Consultation", "Expressions of interest") == "fewer than 5"
    assert csv_value(rows, OPEN, "Participation", "Open opportunities") == "5"
    assert csv_value(rows, OPEN, "Consultation", "Open opportunities") == "fewer than 5"


@pytest.mark.django_db
def test_a_new_expression_of_interest_shows_in_the_figures_at_once(client, page_cache_off, hand_counted):
    """The figures are kept per content version: a record received starts a new one."""
    client.get("/involvement-figures/")
    participation = OpportunityPage.objects.filter(rung=Rung.PARTICIPATION).first()
    ExpressionOfInterestFactory(opportunity=participation)
    html = client.get("/involvement-figures/").content.decode()
    assert table_row(section(html, "interest-by-rung"), "Participation") == ["7"]


@pytest.mark.django_db
def test_this_years_totals_and_ways_in_are_suppressed_too(client, figures_page):
    SuggestionFactory.create_batch(5, channel="paper")
    SuggestionFactory(channel="phone", published=True)
    html = client.get("/involvement-figures/").content.decode()
    assert "<dt>Suggestions received</dt><dd>6</dd>" in html
    assert "<dt>Suggestions answered</dt><dd>fewer than 5</dd>" in html
    assert "<dt>Survey and feedback form responses</dt><dd>0</dd>" in html
    ways_in = section(html, "suggestions-by-channel")
    assert table_row(ways_in, "Paper form or box at the Hub") == ["5"]
    assert table_row(ways_in, "Phone") == ["fewer than 5"]


@pytest.mark.django_db
def test_one_figure_can_be_downloaded_on_its_own_and_an_unknown_one_gives_all(client, hand_counted):
    one = download_csv(client, figure="open-by-rung")
    assert {row["figure"] for row in one} == {OPEN} and len(one) == 5
    everything = download_csv(client, figure="<script>")
    assert {MONTHLY, MEDIAN, INTEREST, OPEN} <= {row["figure"] for row in everything}
    html = client.get("/involvement-figures/").content.decode()
    assert 'href="/involvement-figures/figures.csv" download' in html
    assert 'href="/involvement-figures/figures.csv?figure=open-by-rung" download' in html


def queries_for(client, url):
    cache.clear()  # count the aggregate queries themselves, not a figures cache hit
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_records(count, opportunity):
    """`count` suggestions and expressions of interest spread over the last 14 months."""
    now = timezone.now()
    suggestions, interest = [], []
    for n in range(count):
        received = now - timedelta(days=n % 420)
        answered = n % 2 == 0  # 5 of the first 10: enough for the median query to run
        suggestions.append(
            Suggestion(
                reference=f"S-{n:06d}",
                text="An idea.",
                created_at=received,
                status=Suggestion.Status.DONE if answered else Suggestion.Status.RECEIVED,
                answered_at=received + timedelta(days=n % 11) if answered else None,
            )
        )
        interest.append(
            ExpressionOfInterest(
                reference=f"E-{n:06d}", opportunity=opportunity, contact_method="phone", created_at=received
            )
        )
    Suggestion.objects.bulk_create(suggestions)
    ExpressionOfInterest.objects.bulk_create(interest)


@pytest.mark.django_db
def test_figures_page_and_csv_make_the_same_number_of_queries_at_10_and_1000_records(
    client, page_cache_off, figures_page, home_page
):
    opportunity = OpportunityPageFactory(parent=OpportunityIndexPageFactory(parent=home_page))
    add_records(10, opportunity)
    client.get("/involvement-figures/")  # warm caches (site root, settings)
    few = queries_for(client, "/involvement-figures/"), queries_for(client, "/involvement-figures/figures.csv")
    Suggestion.objects.all().delete()
    ExpressionOfInterest.objects.all().delete()
    add_records(1000, opportunity)
    client.get("/involvement-figures/")  # deleting records started a new content version: warm again
    many = queries_for(client, "/involvement-figures/"), queries_for(client, "/involvement-figures/figures.csv")
    assert few == many
    rows = download_csv(client, figure="interest-by-rung")
    assert int(csv_value(rows, INTEREST, "Participation", "Expressions of interest")) > 800


def test_chart_names_itself_and_escapes_labels():
    figure = Figure(slug="test", title="A <b> & c", label_heading="Thing", measures=("Count",), rows=[Row("<x>", (7,))])
    svg = ET.fromstring(str(bar_chart_svg(figure)))  # noqa: S314
    assert svg.find("{*}title").text == "A <b> & c"
    assert svg.find("{*}desc").text == "<x>: 7."
