"""The one status check at /check/: any registered kind of reference, what it
may show for each, and what it must never read."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from opportunities.models import ExpressionOfInterest
from opportunities.status import STAGE_EXPLANATIONS, STAGES
from records.admin_views import STATUS_CHANGED
from records.status_check import HOOK_NAME, ReferenceCheckForm, ReferenceKind, StatusReport, reference_kinds
from tests.factories.opportunities import (
    ExpressionOfInterestFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
)
from tests.factories.suggestions import SuggestionFactory

Status = ExpressionOfInterest.Status
RECEIVED_ON = timezone.make_aware(timezone.datetime(2026, 3, 4, 12))
PERSONAL = {
    "name": "Jo Bloggs-Private",
    "email": "jo.private@example.org",
    "best_times": "Mornings before my appointment",
    "access_needs": "Wheelchair user",
    "anything_else": "I am staying at the night shelter",
    "internal_notes": "Said they do not feel safe",
}


def html_of(response):
    return response.content.decode()


@pytest.fixture
def opportunity(home_page, site_settings):
    index = OpportunityIndexPageFactory(parent=home_page)
    return OpportunityPageFactory(parent=index, title="Recovery peer panel", slug="recovery-panel")


def interest(opportunity, **kwargs):
    return ExpressionOfInterestFactory(opportunity=opportunity, created_at=RECEIVED_ON, **PERSONAL, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "stage"),
    [
        (Status.NEW, "Received"),
        (Status.CONTACTED, "Someone will contact you"),
        (Status.TAKING_PART, "Passed on"),
        (Status.NOT_TAKEN_FORWARD, "Closed"),
        (Status.WITHDRAWN, "Closed"),
    ],
)
def test_an_expression_of_interest_shows_its_stage_and_dates_and_nothing_personal(client, opportunity, status, stage):
    record = interest(opportunity, status=status)
    typed = " " + record.reference.lower().replace("-", " ") + " "
    response = client.get("/check/", {"reference": typed})
    html = html_of(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Expression of interest" in html and record.reference in html
    assert f'<strong class="tag">{stage}</strong>' in html and STAGE_EXPLANATIONS[stage] in html
    assert "<dt>Received</dt><dd>4 March 2026</dd>" in html
    assert ("<dt>Reached this stage</dt>" in html) == (stage != "Received")
    for private in (*PERSONAL.values(), "Recovery peer panel"):
        assert private not in html


def test_every_status_of_an_expression_of_interest_has_a_stage_people_understand():
    assert set(STAGES) == set(Status)
    assert set(STAGES.values()) == {"Received", "Someone will contact you", "Passed on", "Closed"}


@pytest.mark.django_db
def test_the_stage_date_is_when_the_team_last_changed_the_status(client, opportunity):
    record = interest(opportunity, status=Status.TAKING_PART)
    log(record, STATUS_CHANGED, data={"from": "New", "to": "Contacted"})
    changed = timezone.now() - timedelta(days=3)
    ModelLogEntry.objects.update(timestamp=changed)
    log(record, STATUS_CHANGED, data={"from": "Contacted", "to": "Taking part"})
    html = html_of(client.get("/check/", {"reference": record.reference}))
    assert f"<dt>Reached this stage</dt><dd>{timezone.localdate():%-d %B %Y}</dd>" in html


@pytest.mark.django_db
def test_a_flagged_expression_of_interest_shows_its_stage_only(client, opportunity):
    record = interest(opportunity, status=Status.CONTACTED, is_safeguarding_concern=True)
    html = html_of(client.get("/check/", {"reference": record.reference}))
    assert '<strong class="tag">Someone will contact you</strong>' in html
    assert "4 March 2026" not in html and "<dt>Received</dt>" not in html and "Reached this stage" not in html


@pytest.mark.django_db
def test_the_expression_of_interest_lookup_never_reads_a_personal_field(client, opportunity):
    record = interest(opportunity, status=Status.CONTACTED)
    with CaptureQueriesContext(connection) as queries:
        client.get("/check/", {"reference": record.reference})
    lookup = [query["sql"] for query in queries if 'FROM "opportunities_expressionofinterest"' in query["sql"]]
    assert len(lookup) == 1
    for column in (*ExpressionOfInterest.PERSONAL_DATA_FIELDS, "internal_notes", "opportunity_id", "opportunity_title"):
        assert f'"{column}"' not in lookup[0]
    # The history is read for its date only, never for who changed what.
    history = [query["sql"] for query in queries if 'FROM "wagtailcore_modellogentry"' in query["sql"]]
    assert history and all('"data"' not in sql and '"user_id"' not in sql for sql in history)


@pytest.mark.django_db
def test_unknown_expression_of_interest_reference_gets_help_not_an_error(client, opportunity):
    response = client.get("/check/", {"reference": "E-ABCDEF"})
    html = html_of(response)
    assert response.status_code == 200 and "<title>Error: " in html
    assert "We could not find an expression of interest with the reference E-ABCDEF" in html


@pytest.mark.django_db
def test_both_kinds_share_one_rate_limit(client, opportunity):
    statuses = [client.get("/check/", {"reference": f"{'SE'[n % 2]}-ABCD{n:02d}"}).status_code for n in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    html = html_of(client.get("/check/", {"reference": interest(opportunity).reference}))
    assert "To stop people guessing other people" in html


@pytest.mark.django_db
def test_the_footer_and_the_suggestion_form_link_to_the_check(client, home_page, site_settings):
    assert 'href="/check/"' in html_of(client.get("/"))


def test_the_check_knows_each_kind_from_the_hooks_feature_apps_register():
    assert [kind.prefix for kind in reference_kinds()] == ["S", "E"]
    assert "S- or E-" in ReferenceCheckForm().fields["reference"].help_text


@pytest.mark.django_db
def test_a_newly_registered_kind_is_answered_without_changing_records(client, site_settings):
    report = StatusReport(reference="T-ABCDEF", kind="Test record", stage="Ready", explanation="All set.")
    kind = ReferenceKind(prefix="T", noun="test record", find=lambda reference: report)
    with hooks.register_temporarily(HOOK_NAME, lambda: kind):
        html = html_of(client.get("/check/", {"reference": "t-abcdef"}))
    assert "Test record" in html and "All set." in html


@pytest.mark.django_db
def test_a_flagged_report_loses_its_dates_and_answer_whatever_the_app_returned():
    report = StatusReport(
        reference="S-ABCDEF",
        kind="Suggestion",
        stage="Received",
        explanation="x",
        dates=(("Received", RECEIVED_ON),),
        answer="An answer",
        safeguarding=True,
    )
    assert report.as_shown() == StatusReport(
        reference="S-ABCDEF", kind="Suggestion", stage="Received", explanation="x", safeguarding=True
    )


@pytest.mark.django_db
def test_a_post_to_the_check_is_refused(client, site_settings):
    assert client.post("/check/", {"reference": SuggestionFactory().reference}).status_code == 405
