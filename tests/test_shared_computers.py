"""Shared computers at the Hub or a library: the next person must not see the
last person's reference, and a member of the public's session is short-lived."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from suggestions.models import Suggestion
from tests.factories.suggestions import FormFieldFactory, FormPageFactory, SuggestionPageFactory

README = Path(settings.BASE_DIR, "README.md").read_text()


@pytest.fixture
def suggestion_page(home_page, site_settings):
    return SuggestionPageFactory(parent=home_page)


def send_suggestion(client):
    return client.post("/have-your-say/", {"text": "More benches, please.", "wants_reply": "no"})


@pytest.mark.django_db
def test_the_reference_is_shown_once_then_the_confirmation_goes_back_to_the_form(client, suggestion_page):
    send_suggestion(client)
    reference = Suggestion.objects.get().reference
    assert reference in client.get("/have-your-say/sent/").content.decode()

    # The next person at the same computer reopens the page from the history.
    later = client.get("/have-your-say/sent/")
    assert later.status_code == 302 and later["Location"] == "/have-your-say/"
    assert reference not in client.get("/have-your-say/").content.decode()


@pytest.mark.django_db
def test_a_survey_thank_you_page_is_shown_once(client, home_page, site_settings):
    survey = FormPageFactory(parent=home_page)
    FormFieldFactory(page=survey, label="Anything else?", field_type="multiline", required=False)
    assert client.post("/survey/", {"anything_else": "No"}).status_code == 302
    assert client.get("/survey/thank-you/").status_code == 200
    assert client.get("/survey/thank-you/")["Location"] == "/survey/"


@pytest.mark.django_db
def test_once_the_reference_is_shown_the_session_is_gone(client, suggestion_page):
    send_suggestion(client)
    assert Session.objects.count() == 1
    response = client.get("/have-your-say/sent/")
    assert not Session.objects.exists()
    # The browser is told to drop its session cookie too.
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""


@pytest.mark.django_db
def test_an_anonymous_session_lasts_minutes_not_weeks(client, suggestion_page):
    before = timezone.now()
    response = send_suggestion(client)
    session = Session.objects.get()
    lifetime = session.expire_date - before
    assert lifetime <= timedelta(seconds=settings.ANONYMOUS_SESSION_SECONDS + 5)
    assert settings.ANONYMOUS_SESSION_SECONDS <= 15 * 60
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.ANONYMOUS_SESSION_SECONDS


@pytest.mark.django_db
def test_readme_schedules_clearing_expired_sessions():
    scheduled_jobs = README.split("### Scheduled jobs", 1)[1].split("\n### ", 1)[0]
    assert "manage.py clearsessions" in scheduled_jobs
