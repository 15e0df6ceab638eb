"""Have your say: the suggestion box, status check, triage, "You said, we
did", surveys built with the form builder, and retention."""

import csv
import io
import os
import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission, Page

from records.admin_views import STATUS_CHANGED
from suggestions.models import FormPage, Suggestion, SuggestionPage, SurveySubmission, YouSaidWeDidPage
from tests.factories.suggestions import (
    FormFieldFactory,
    FormPageFactory,
    SuggestionFactory,
    SuggestionPageFactory,
    SuggestionTopicFactory,
    YouSaidWeDidPageFactory,
)
from tests.support.listings import row_html
from tests.support.spreadsheets import FORMULA, NEUTRALISED_FORMULA, csv_rows, row_for, xlsx_rows

Status = Suggestion.Status
ANSWERED = [Status.DONE, Status.PARTLY_DONE, Status.CANT_DO]
NOT_ANSWERED = [Status.RECEIVED, Status.CONSIDERING, Status.CLOSED]
NAME, EMAIL, PHONE, ADDRESS = "Alex Example", "alex@example.org", "07700 900982", "1 Example Road, Liverpool"
IP = "203.0.113.77"


@pytest.fixture
def suggestion_page(home_page, site_settings):
    return SuggestionPageFactory(parent=home_page)


@pytest.fixture
def said_did_page(home_page, site_settings):
    return YouSaidWeDidPageFactory(parent=home_page)


@pytest.fixture
def survey(home_page, site_settings):
    page = FormPageFactory(parent=home_page, to_address="survey-team@example.org")
    FormFieldFactory(page=page, label="When should the Hub open?", field_type="radio", choices="Mornings\nEvenings")
    FormFieldFactory(page=page, label="Anything else?", field_type="multiline", required=False, help_text="Any ideas")
    FormFieldFactory(page=page, label="Your name", required=False, personal_data=True)
    FormFieldFactory(page=page, label="Email", field_type="email", required=False, personal_data=True)
    return page


def html_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def refused(response):
    """A refusal is a 403: never a redirect, which a person, a proxy or a test could take for success."""
    return response.status_code == 403


def post_suggestion(client, **data):
    fields = {"text": "Please open the Hub on Saturdays.", "wants_reply": "no", **data}
    return client.post("/have-your-say/", fields, REMOTE_ADDR=data.pop("REMOTE_ADDR", IP))


def reply_data(method, **overrides):
    data = {
        "wants_reply": "yes",
        "name": NAME,
        "contact_method": method,
        "email": EMAIL,
        "phone": PHONE,
        "postal_address": ADDRESS,
        "support_worker": "Chris at the Outreach Project",
        "consent": "on",
    }
    return {**data, **overrides}


# --- The model: states, dates, publish rules ------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(Status))
def test_every_status_saves_and_answered_ones_get_an_answered_date(status):
    suggestion = SuggestionFactory(status=status, public_answer="Because of the budget.")
    suggestion.full_clean()
    suggestion.refresh_from_db()
    assert suggestion.status == status
    assert (suggestion.answered_at is not None) == (status in ANSWERED)
    assert suggestion.reference.startswith("S-") and len(suggestion.reference) == 8
    assert suggestion.status_explanation


@pytest.mark.django_db
def test_answered_date_is_kept_once_set_and_cleared_if_reopened():
    suggestion = SuggestionFactory()
    suggestion.status = Status.DONE
    suggestion.save(update_fields=["status"])
    suggestion.refresh_from_db()
    answered = suggestion.answered_at
    assert answered is not None
    suggestion.status = Status.PARTLY_DONE
    suggestion.save()
    assert suggestion.answered_at == answered
    suggestion.status = Status.CONSIDERING
    suggestion.save()
    suggestion.refresh_from_db()
    assert suggestion.answered_at is None


@pytest.mark.django_db
def test_cant_do_needs_a_reason_in_the_public_answer():
    suggestion = SuggestionFactory(status=Status.CANT_DO)
    with pytest.raises(ValidationError) as error:
        suggestion.full_clean()
    assert "public_answer" in error.value.message_dict
    suggestion.public_answer = "Our funding does not allow it."
    suggestion.full_clean()


@pytest.mark.django_db
def test_a_flagged_suggestion_cannot_be_ticked_for_publishing():
    suggestion = SuggestionFactory(published=True, is_safeguarding_concern=True)
    with pytest.raises(ValidationError) as error:
        suggestion.full_clean()
    assert "publish" in error.value.message_dict


@pytest.mark.django_db
def test_publishing_needs_both_public_texts():
    suggestion = SuggestionFactory(status=Status.DONE, publish=True)
    with pytest.raises(ValidationError) as error:
        suggestion.full_clean()
    assert {"public_version", "public_answer"} <= set(error.value.message_dict)


PUBLISH_BREAKERS = {
    "not ticked": {"publish": False},
    "flagged": {"is_safeguarding_concern": True},
    "no public version": {"public_version": ""},
    "no public answer": {"public_answer": ""},
    **{f"status {status}": {"status": status} for status in NOT_ANSWERED},
}


@pytest.mark.django_db
@pytest.mark.parametrize("breaker", list(PUBLISH_BREAKERS))
def test_published_needs_tick_answer_status_both_texts_and_no_flag(breaker):
    shown = SuggestionFactory(published=True)
    hidden = SuggestionFactory(published=True, **PUBLISH_BREAKERS[breaker])
    published = list(Suggestion.objects.published())
    assert shown in published
    assert hidden not in published


@pytest.mark.django_db
@pytest.mark.parametrize("status", ANSWERED)
def test_every_answered_status_can_be_published(status):
    suggestion = SuggestionFactory(published=True, status=status)
    assert list(Suggestion.objects.published()) == [suggestion]


@pytest.mark.django_db
def test_saving_without_wanting_a_reply_forgets_contact_details():
    suggestion = SuggestionFactory(wants_reply=False, name=NAME, email=EMAIL, phone=PHONE, contact_method="email")
    suggestion.refresh_from_db()
    assert (suggestion.name, suggestion.email, suggestion.phone, suggestion.contact_method) == ("", "", "", "")


@pytest.mark.django_db
def test_page_type_rules(home_page):
    for model in (SuggestionPage, YouSaidWeDidPage, FormPage):
        assert model.can_create_at(home_page)
        assert model.allowed_subpage_models() == []
    SuggestionPageFactory(parent=home_page)
    YouSaidWeDidPageFactory(parent=home_page)
    assert not SuggestionPage.can_create_at(home_page)
    assert not YouSaidWeDidPage.can_create_at(home_page)
    assert FormPage.can_create_at(home_page)


# --- The suggestion box ------------------------------------------------------------


@pytest.mark.django_db
def test_suggestion_page_has_form_limit_hint_reply_question_and_other_ways(client, suggestion_page):
    response = client.get("/have-your-say/")
    html = html_of(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Tell us what you think." in html
    assert 'maxlength="2000"' in html and "up to 2,000 characters" in html
    assert 'value="no" required id="id_wants_reply_0" checked' in html
    assert "What should we call you? (only if you want a reply)</label>" in html
    assert "What is it about? (optional)" in html
    assert "Other ways to get in touch" in html and "0151 496 0000" in html
    assert 'name="website"' in html and 'class="hp"' in html
    assert 'href="/check/"' in html


@pytest.mark.django_db
def test_topic_in_the_address_is_chosen_when_it_is_a_known_one(client, suggestion_page):
    SuggestionTopicFactory(name="Our involvement policy", slug="policy")
    html = html_of(client.get("/have-your-say/?topic=policy"))
    assert '<option value="policy" selected>' in html
    for unknown in ("nope", "<script>", ""):
        response = client.get("/have-your-say/", {"topic": unknown})
        assert response.status_code == 200
        assert "selected>Our involvement policy" not in html_of(response)
        assert "<script>" not in html_of(response)


@pytest.mark.django_db
def test_the_form_looks_a_topic_up_only_when_the_address_names_one(client, suggestion_page):
    SuggestionTopicFactory(name="Our involvement policy", slug="policy")

    def topic_queries(url):
        client.get(url)  # warm per-request caches
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return [query for query in queries.captured_queries if "suggestions_suggestiontopic" in query["sql"]]

    assert len(topic_queries("/have-your-say/")) == 1  # the list of topics to choose from
    assert len(topic_queries("/have-your-say/?topic=policy")) == 2


@pytest.mark.django_db
def test_anonymous_suggestion_stores_no_name_contact_detail_or_address(client, suggestion_page):
    topic = SuggestionTopicFactory(slug="the-hub")
    response = post_suggestion(client, topic="the-hub")
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.topic == topic and suggestion.channel == "website" and not suggestion.wants_reply
    stored = {field.name: getattr(suggestion, field.attname) for field in Suggestion._meta.concrete_fields}
    assert IP not in str(stored)
    assert not suggestion.consent and suggestion.contact_method == ""
    for session in Session.objects.all():
        assert IP not in str(session.get_decoded())


@pytest.mark.django_db
def test_no_reply_with_reply_details_filled_in_asks_which_they_meant_and_keeps_everything(client, suggestion_page):
    """Without JavaScript "No" is ticked by default and every reply box shows: a
    person who filled them in but left "No" must be asked, not silently ignored."""
    SuggestionTopicFactory(slug="the-hub")
    typed = reply_data("phone", wants_reply="no", topic="the-hub", text="Open the Hub on Sundays, please.")
    response = post_suggestion(client, **typed)
    html = html_of(response)
    assert response.status_code == 200
    assert not Suggestion.objects.exists()
    assert "<title>Error: " in html
    assert '<a href="#id_wants_reply_0">You chose “No, I want to stay anonymous” but also filled in how' in html
    assert "Open the Hub on Sundays, please.</textarea>" in html and '<option value="the-hub" selected>' in html
    for value in (NAME, EMAIL, PHONE):
        assert f'value="{value}"' in html
    assert f"{ADDRESS}</textarea>" in html and 'value="Chris at the Outreach Project"' in html
    assert re.search(r'<input type="radio" name="contact_method" value="phone"[^>]* checked', html)
    assert 'name="consent" id="id_consent" checked' in html
    # They meant Yes: now it goes through, and only the phone number is kept.
    assert post_suggestion(client, **{**typed, "wants_reply": "yes"}).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.wants_reply and suggestion.phone == PHONE and suggestion.email == ""


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "email", "phone", "postal_address", "support_worker", "contact_method"])
def test_any_one_reply_detail_with_no_reply_is_a_contradiction(client, suggestion_page, field):
    response = post_suggestion(client, **{field: reply_data("email")[field]})
    assert response.status_code == 200 and not Suggestion.objects.exists()
    assert "but also filled in how to reply" in html_of(response)


@pytest.mark.django_db
def test_consent_ticked_with_no_reply_is_a_contradiction(client, suggestion_page):
    response = post_suggestion(client, consent="on")
    assert response.status_code == 200 and not Suggestion.objects.exists()


@pytest.mark.django_db
def test_anonymous_with_only_spaces_in_the_reply_boxes_is_not_a_contradiction(client, suggestion_page):
    assert post_suggestion(client, name="   ", email=" ").status_code == 302


@pytest.mark.django_db
def test_confirmation_says_plainly_that_an_anonymous_suggestion_gets_no_reply(client, suggestion_page):
    post_suggestion(client)
    html = html_of(client.get("/have-your-say/sent/"))
    assert "You chose to stay anonymous, so we will not reply to you." in html
    assert "We will reply" not in html and "within 5 working days" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "promise"),
    [
        ("email", "We will reply by email."),
        ("phone", "We will reply by phone."),
        ("text", "We will reply by text message."),
        ("post", "We will reply by letter."),
        ("support_worker", "We will reply through your support worker."),
    ],
)
def test_confirmation_says_how_we_will_reply(client, suggestion_page, method, promise):
    assert post_suggestion(client, **reply_data(method)).status_code == 302
    html = html_of(client.get("/have-your-say/sent/"))
    assert promise in html and "We aim to get back to you within 5 working days." in html
    assert "stay anonymous" not in html
    for secret in (NAME, EMAIL, PHONE, ADDRESS):
        assert secret not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "kept", "dropped"),
    [
        ("email", "email", ["phone", "postal_address", "support_worker"]),
        ("phone", "phone", ["email", "postal_address", "support_worker"]),
        ("text", "phone", ["email", "postal_address", "support_worker"]),
        ("post", "postal_address", ["email", "phone", "support_worker"]),
        ("support_worker", "support_worker", ["email", "phone", "postal_address"]),
    ],
)
def test_a_reply_keeps_only_the_detail_for_the_chosen_way(client, suggestion_page, method, kept, dropped):
    assert post_suggestion(client, **reply_data(method)).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.wants_reply and suggestion.name == NAME and suggestion.consent
    assert suggestion.contact_method == method and getattr(suggestion, kept)
    assert all(getattr(suggestion, name) == "" for name in dropped)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("missing", "method", "message"),
    [
        ("name", "email", "Tell us what to call you"),
        ("contact_method", "", "Choose how we should reply"),
        ("email", "email", "Enter your email address"),
        ("phone", "text", "Enter your phone number"),
        ("postal_address", "post", "Enter your postal address"),
        ("support_worker", "support_worker", "Enter your support worker"),
        ("consent", "phone", "Tick the box to agree"),
    ],
)
def test_a_reply_needs_a_name_a_way_its_detail_and_consent(client, suggestion_page, missing, method, message):
    data = reply_data(method)
    data.pop(missing)
    response = post_suggestion(client, **data)
    assert response.status_code == 200
    assert message in html_of(response)
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_details_for_a_reply_are_checked_only_when_needed(client, suggestion_page):
    bad = post_suggestion(client, **reply_data("email", email="not-an-email", phone="abc"))
    assert "Enter an email address in the correct format" in html_of(bad)
    assert "Enter a phone number, like" not in html_of(bad)
    # With No, a badly typed detail is not checked: the person is asked whether they wanted a reply.
    no_reply = html_of(post_suggestion(client, wants_reply="no", email="not-an-email", phone="abc"))
    assert "but also filled in how to reply" in no_reply and "Enter a phone number, like" not in no_reply


@pytest.mark.django_db
def test_blank_suggestion_stores_nothing_and_keeps_what_was_typed(client, suggestion_page):
    SuggestionTopicFactory(slug="the-hub")
    response = post_suggestion(client, text="   ", topic="the-hub", **reply_data("phone", name="Jo Bloggs"))
    html = html_of(response)
    assert response.status_code == 200
    assert not Suggestion.objects.exists()
    assert "<title>Error: " in html
    assert 'class="error-summary"' in html and '<a href="#id_text">Enter your suggestion</a>' in html
    assert 'value="Jo Bloggs"' in html and '<option value="the-hub" selected>' in html
    assert 'value="yes" required id="id_wants_reply_1" checked' in html
    assert not mail.outbox


@pytest.mark.django_db
def test_an_overlong_suggestion_is_refused_with_its_count(client, suggestion_page):
    response = post_suggestion(client, text="x" * 2001)
    assert "must be 2,000 characters or fewer. It has 2001" in html_of(response)
    assert not Suggestion.objects.exists()
    assert post_suggestion(client, text="x" * 2000).status_code == 302


@pytest.mark.django_db
def test_honeypot_filled_stores_nothing(client, suggestion_page):
    response = post_suggestion(client, website="http://spam.example")
    assert response.status_code == 400
    assert "We could not accept this form" in html_of(response)
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_a_burst_of_25_from_one_address_is_slowed_with_a_clear_429(client, suggestion_page):
    statuses = [post_suggestion(client, text=f"Idea {n}").status_code for n in range(25)]
    assert statuses[:10] == [302] * 10
    assert set(statuses[10:]) == {429}
    assert Suggestion.objects.count() == 10
    page = html_of(post_suggestion(client))
    assert "Please wait a few minutes" in page and "Other ways to get in touch" in page
    # Another address is not affected.
    assert post_suggestion(client, REMOTE_ADDR="198.51.100.1").status_code == 302


@pytest.mark.django_db
def test_suggestion_page_links_to_you_said_we_did(client, suggestion_page, said_did_page):
    assert 'href="/you-said-we-did/">what we did about earlier suggestions' in html_of(client.get("/have-your-say/"))


@pytest.mark.django_db
def test_confirmation_page_shows_reference_next_steps_and_status_link(client, suggestion_page, said_did_page):
    response = post_suggestion(client)
    assert response["Location"] == "/have-your-say/sent/"
    reference = Suggestion.objects.get().reference
    page = client.get("/have-your-say/sent/")
    html = html_of(page)
    assert "no-store" in page["Cache-Control"]
    assert f'<strong class="reference">{reference}</strong>' in html
    assert f'href="/check/?reference={reference}"' in html
    assert 'href="/you-said-we-did/"' in html
    # Shown once: a refresh (or the next person at a shared computer) goes
    # back to the form, and nothing is sent again.
    again = client.get("/have-your-say/sent/")
    assert again.status_code == 302 and again["Location"] == "/have-your-say/"
    assert Suggestion.objects.count() == 1


@pytest.mark.django_db
def test_confirmation_page_without_a_submission_goes_back_to_the_form(client, suggestion_page):
    response = client.get("/have-your-say/sent/")
    assert response.status_code == 302 and response["Location"] == "/have-your-say/"


@pytest.mark.django_db
def test_staff_are_told_the_reference_and_link_only(client, suggestion_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_suggestion(client, text="The showers are cold", **reply_data("email"))
    suggestion = Suggestion.objects.get()
    staff = [message for message in mail.outbox if message.to == ["team@example.org"]]
    assert len(staff) == 1
    body = staff[0].subject + staff[0].body
    assert suggestion.reference in body
    assert f"http://testserver/admin/suggestions/edit/{suggestion.pk}/" in body
    for private in (NAME, EMAIL, "The showers are cold"):
        assert private not in body


@pytest.mark.django_db
def test_acknowledgement_goes_only_to_people_who_asked_for_a_reply_by_email(
    client, suggestion_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_suggestion(client, text="Anonymous one")
        post_suggestion(client, text="By phone", **reply_data("phone"))
    assert [message.to for message in mail.outbox] == [["team@example.org"], ["team@example.org"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_suggestion(client, text="By email", **reply_data("email"))
    reference = Suggestion.objects.get(text="By email").reference
    acknowledgement = next(message for message in mail.outbox if message.to == [EMAIL])
    assert reference in acknowledgement.subject and reference in acknowledgement.body
    assert f"http://testserver/check/?reference={reference}" in acknowledgement.body


@pytest.mark.django_db
def test_the_acknowledgement_is_fixed_wording_and_the_reference_nothing_the_sender_typed(
    client, suggestion_page, django_capture_on_commit_callbacks
):
    """Otherwise anyone could make the site send their own text to any address."""
    spam = {"text": "Visit http://evil.example now", "name": "Your account is locked"}
    with django_capture_on_commit_callbacks(execute=True):
        post_suggestion(client, **reply_data("email", email="victim@example.org", name=spam["name"]), text=spam["text"])
        post_suggestion(client, **reply_data("email", email="victim@example.org"))
    first, second = Suggestion.objects.order_by("created_at")
    spammed, plain = (message for message in mail.outbox if message.to == ["victim@example.org"])
    for value in spam.values():
        assert value not in spammed.body and value not in spammed.subject
    assert spammed.body.replace(first.reference, "REF") == plain.body.replace(second.reference, "REF")
    assert spammed.subject.replace(first.reference, "REF") == plain.subject.replace(second.reference, "REF")


# --- Status check --------------------------------------------------------------------


@pytest.mark.django_db
def test_status_check_shows_status_dates_and_public_answer_but_nothing_private(client, suggestion_page):
    suggestion = SuggestionFactory(
        with_reply=True,
        text="My secret message about my key worker",
        topic=SuggestionTopicFactory(name="Topic they chose"),
        status=Status.PARTLY_DONE,
        public_version="A public version",
        public_answer="We changed the rota.",
        internal_notes="Staff only note",
        created_at=timezone.make_aware(timezone.datetime(2026, 3, 4, 12)),
    )
    typed = " " + suggestion.reference.lower().replace("-", " ") + " "
    response = client.get("/check/", {"reference": typed})
    html = html_of(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Answered: partly done" in html and "we did part of what you suggested" in html
    assert "4 March 2026" in html and timezone.localdate().strftime("%-d %B %Y") in html
    assert "We changed the rota." in html
    for private in ("My secret message", NAME, EMAIL, "Staff only note", "A public version"):
        assert private not in html


@pytest.mark.django_db
def test_status_check_never_reads_the_message_or_personal_details(client, suggestion_page):
    suggestion = SuggestionFactory(with_reply=True)
    with CaptureQueriesContext(connection) as queries:
        client.get("/check/", {"reference": suggestion.reference})
    lookup = [query["sql"] for query in queries if 'FROM "suggestions_suggestion"' in query["sql"]]
    assert len(lookup) == 1
    for column in ("text", "name", "email", "phone", "postal_address", "support_worker", "internal_notes"):
        assert f'"{column}"' not in lookup[0]


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(Status))
def test_status_check_explains_every_status(client, suggestion_page, status):
    suggestion = SuggestionFactory(status=status, public_answer="Our answer text.")
    html = html_of(client.get("/check/", {"reference": suggestion.reference}))
    assert suggestion.get_status_display().replace("'", "&#x27;") in html
    assert Suggestion.STATUS_EXPLANATIONS[status].replace("'", "&#x27;") in html
    assert ("Our answer text." in html) == (status in ANSWERED or status == Status.CLOSED)
    assert ("<dt>Answered</dt>" in html) == (status in ANSWERED)


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(Status))
def test_status_check_of_a_flagged_suggestion_shows_its_status_only(client, suggestion_page, status):
    suggestion = SuggestionFactory(
        status=status,
        is_safeguarding_concern=True,
        public_answer="Our answer text.",
        created_at=timezone.make_aware(timezone.datetime(2026, 3, 4, 12)),
    )
    html = html_of(client.get("/check/", {"reference": suggestion.reference}))
    assert suggestion.get_status_display().replace("'", "&#x27;") in html
    assert "Our answer text." not in html and "Our answer" not in html
    assert "4 March 2026" not in html and "<dt>Received</dt>" not in html and "<dt>Answered</dt>" not in html


@pytest.mark.django_db
def test_the_old_status_check_address_still_answers(client, suggestion_page):
    suggestion = SuggestionFactory()
    response = client.get("/have-your-say/check/", {"reference": suggestion.reference})
    assert response.status_code == 302 and response["Location"] == f"/check/?reference={suggestion.reference}"
    assert suggestion.reference in html_of(client.get(response["Location"]))
    assert client.get("/have-your-say/check/")["Location"] == "/check/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("S-ABCDEF", "We could not find a suggestion with the reference S-ABCDEF"),
        ("E-ABCDEF", "We could not find an expression of interest with the reference E-ABCDEF"),
        ("X-ABCDEF", "S- or E- then 6 letters and numbers"),
        ("S-0O1I00", "S- or E- then 6 letters and numbers"),
        ("x" * 500, "S- or E- then 6 letters and numbers"),
        ("", "Enter your reference"),
    ],
)
def test_status_check_unknown_or_malformed_reference_gets_help_not_an_error(client, suggestion_page, typed, message):
    response = client.get("/check/", {"reference": typed})
    html = html_of(response)
    assert response.status_code == 200
    assert message in html and "<title>Error: " in html
    assert "Other ways to get in touch" in html and "check each letter and number" in html


@pytest.mark.django_db
def test_status_check_without_a_reference_just_shows_the_form(client, suggestion_page):
    html = html_of(client.get("/check/"))
    assert 'name="reference"' in html and "There is a problem" not in html


@pytest.mark.django_db
def test_guessing_references_is_rate_limited(client, suggestion_page):
    statuses = [client.get("/check/", {"reference": f"S-ABCD{n:02d}"}).status_code for n in range(22)]
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429, 429]
    html = html_of(client.get("/check/", {"reference": "S-ABCDEF"}))
    assert "To stop people guessing other people" in html and "Other ways to get in touch" in html


# --- You said, we did -------------------------------------------------------------


@pytest.mark.django_db
def test_you_said_we_did_shows_only_published_answers_newest_first(client, said_did_page, suggestion_page):
    topic = SuggestionTopicFactory(name="The Hub", slug="the-hub")
    old = SuggestionFactory(published=True, topic=topic, answered_at=timezone.now() - timedelta(days=30))
    new = SuggestionFactory(published=True, status=Status.CANT_DO, public_answer="We can't, because of funding.")
    hidden = [
        SuggestionFactory(published=True, is_safeguarding_concern=True, public_version="Flagged one"),
        SuggestionFactory(published=True, publish=False, public_version="Unticked one"),
        SuggestionFactory(published=True, status=Status.CONSIDERING, public_version="Not answered one"),
    ]
    response = client.get("/you-said-we-did/")
    html = html_of(response)
    assert response.status_code == 200
    assert html.index(new.public_version) < html.index(old.public_version)
    assert "<dt>You said</dt>" in html and "<dt>We did</dt>" in html
    assert "The Hub" in html and "Can&#x27;t do" in html and old.answered_at.strftime("%-d %B %Y") in html
    assert "3 answers" not in html and "2 answers" in html
    for suggestion in [old, new, *hidden]:
        assert suggestion.text not in html
    for suggestion in hidden:
        assert suggestion.public_version not in html
    assert 'type="application/rss+xml"' in html and 'href="/you-said-we-did/feed/"' in html
    assert 'href="/have-your-say/"' in html


@pytest.mark.django_db
def test_feed_lists_only_published_answers(client, said_did_page):
    shown = SuggestionFactory(published=True, topic=SuggestionTopicFactory(name="Forum"))
    flagged = SuggestionFactory(published=True, is_safeguarding_concern=True)
    unticked = SuggestionFactory(published=True, publish=False)
    response = client.get("/you-said-we-did/feed/")
    xml = html_of(response)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert shown.public_version in xml and shown.public_answer in xml
    assert f"/you-said-we-did/#answer-{shown.pk}" in xml and "<category>Forum</category>" in xml
    for hidden in (flagged, unticked):
        assert hidden.public_version not in xml
    assert shown.text not in xml


@pytest.mark.django_db
def test_you_said_we_did_filters_by_topic_and_year_and_ignores_unknown_values(client, said_did_page):
    hub = SuggestionTopicFactory(name="The Hub", slug="the-hub")
    forum = SuggestionTopicFactory(name="The Forum", slug="forum")
    last_year = timezone.now().year - 1
    SuggestionFactory(published=True, topic=hub, public_version="Hub this year")
    SuggestionFactory(
        published=True,
        topic=forum,
        public_version="Forum last year",
        answered_at=timezone.make_aware(timezone.datetime(last_year, 6, 1)),
    )
    html = html_of(client.get("/you-said-we-did/", {"topic": "the-hub"}))
    assert "Hub this year" in html and "Forum last year" not in html
    assert 'aria-current="true">The Hub</a>' in html and "Show all answers" in html
    html = html_of(client.get("/you-said-we-did/", {"year": str(last_year)}))
    assert "Forum last year" in html and "Hub this year" not in html
    html = html_of(client.get("/you-said-we-did/", {"year": str(last_year), "topic": "the-hub"}))
    assert "0 answers" in html and "no published answers for this choice" in html
    for junk in ({"topic": "<b>x</b>"}, {"year": "abc"}, {"year": "1999"}, {"page": "-3"}):
        response = client.get("/you-said-we-did/", junk)
        assert response.status_code == 200
        assert "Hub this year" in html_of(response) and "Forum last year" in html_of(response)


@pytest.mark.django_db
def test_you_said_we_did_shows_ten_per_page_and_pages_keep_filters(client, said_did_page):
    topic = SuggestionTopicFactory(slug="the-hub")
    SuggestionFactory.create_batch(23, published=True, topic=topic)
    html = html_of(client.get("/you-said-we-did/", {"topic": "the-hub"}))
    assert html.count('class="card answer"') == 10
    assert 'href="?topic=the-hub&amp;page=2"' in html
    second = html_of(client.get("/you-said-we-did/", {"topic": "the-hub", "page": "2"}))
    assert "Showing 11 to 20 of 23" in second
    assert html_of(client.get("/you-said-we-did/", {"page": "99"})).count('class="card answer"') == 3


def count_queries(client, url):
    client.get(url)  # warm up: new content starts a new cache version (home/cache.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_you_said_we_did_uses_a_fixed_number_of_queries_and_stays_small(
    client, page_cache_off, said_did_page, suggestion_page
):
    topics = SuggestionTopicFactory.create_batch(5)
    for n in range(10):
        SuggestionFactory(published=True, topic=topics[n % 5])
    client.get("/you-said-we-did/")  # warm the site root cache
    few, _ = count_queries(client, "/you-said-we-did/")
    for n in range(190):
        SuggestionFactory(published=True, topic=topics[n % 5])
    many, response = count_queries(client, "/you-said-we-did/")
    assert few == many
    assert len(response.content) < 60 * 1024
    assert count_queries(client, "/you-said-we-did/feed/")[0] <= many


@pytest.mark.django_db
def test_home_page_section_invites_suggestions_and_shows_latest_answers(
    client, page_cache_off, suggestion_page, said_did_page
):
    SuggestionFactory.create_batch(10, published=True, topic=SuggestionTopicFactory())
    latest = SuggestionFactory(published=True, public_version="The newest one")
    client.get("/")
    few, response = count_queries(client, "/")
    html = html_of(response)
    assert 'id="have-your-say-heading"' in html and 'href="/have-your-say/"' in html
    assert html.count('class="card answer"') == 3 and latest.public_version in html
    assert 'href="/you-said-we-did/"' in html
    SuggestionFactory.create_batch(190, published=True)
    assert count_queries(client, "/")[0] == few


@pytest.mark.django_db
def test_home_page_has_no_have_your_say_section_without_the_page(client, home_page):
    assert 'id="have-your-say-heading"' not in html_of(client.get("/"))


# --- How involvement is going ---------------------------------------------------------


# Figures: see tests/test_figures.py.


# --- Admin: suggestions ---------------------------------------------------------------


def admin_urls(suggestion):
    return [
        reverse("suggestions:index"),
        reverse("suggestions:index") + "?export=csv",
        reverse("suggestions:edit", args=[suggestion.pk]),
        reverse("suggestions:inspect", args=[suggestion.pk]),
        reverse("suggestions:add"),
    ]


@pytest.mark.django_db
def test_involvement_team_can_list_filter_search_export_and_open_suggestions(client, involvement_officer):
    topic = SuggestionTopicFactory(name="The Hub", slug="the-hub")
    suggestion = SuggestionFactory(with_reply=True, topic=topic, assigned_to=involvement_officer)
    SuggestionFactory(is_safeguarding_concern=True)
    client.force_login(involvement_officer)
    for url in admin_urls(suggestion):
        assert client.get(url).status_code == 200, url
    assert '"url": "/admin/suggestions/"' in html_of(client.get("/admin/"))
    index = reverse("suggestions:index")
    filters = {
        "status": "received",
        "topic": topic.pk,
        "channel": "website",
        "is_safeguarding_concern": "false",
        "assigned_to": involvement_officer.pk,
        "created_at_from": "2000-01-01",
    }
    html = html_of(client.get(index, filters))
    assert suggestion.reference in html
    assert "Safeguarding concern" in html_of(client.get(index))
    found = html_of(client.get(index, {"q": suggestion.reference.lower()}))
    assert suggestion.reference in found
    rows = list(csv.DictReader(io.StringIO(html_of(client.get(index, {"export": "csv"})))))
    exported = next(row for row in rows if row["Reference"] == suggestion.reference)
    assert exported["Email address"] == EMAIL and exported["What to call them"] == NAME
    assert exported["Topic"] == "The Hub"
    assert (exported["Status"], exported["Channel"], exported["How to contact them"]) == (
        "Received",
        "Website",
        "Email",
    )


@pytest.mark.django_db
def test_admin_listing_uses_a_fixed_number_of_queries(client, involvement_officer):
    topic = SuggestionTopicFactory()
    SuggestionFactory.create_batch(10, topic=topic, assigned_to=involvement_officer)
    client.force_login(involvement_officer)
    index = reverse("suggestions:index")
    client.get(index)
    few, _ = count_queries(client, index)
    SuggestionFactory.create_batch(40, topic=SuggestionTopicFactory(), assigned_to=involvement_officer)
    assert count_queries(client, index)[0] == few


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["editor", "moderator", "reviewer"])
def test_other_staff_cannot_see_suggestions(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    suggestion = SuggestionFactory(with_reply=True)
    client.force_login(user)
    for url in admin_urls(suggestion):
        assert refused(client.get(url)), url
    dashboard = html_of(client.get("/admin/"))
    assert "/admin/suggestions/" not in dashboard and suggestion.reference not in dashboard


@pytest.mark.django_db
def test_answering_a_suggestion_logs_the_status_change_and_publishes_it(client, involvement_officer, said_did_page):
    suggestion = SuggestionFactory(text="Original words with my name in")
    client.force_login(involvement_officer)
    data = {
        "status": "done",
        "assigned_to": involvement_officer.pk,
        "channel": "website",
        "text": suggestion.text,
        "public_version": "More evening sessions.",
        "public_answer": "We added two evenings a week.",
        "publish": "on",
        "internal_notes": "",
    }
    response = client.post(reverse("suggestions:edit", args=[suggestion.pk]), data)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "done" and suggestion.answered_at is not None
    assert suggestion in Suggestion.objects.published()
    entry = log_registry.get_logs_for_instance(suggestion).get(action=STATUS_CHANGED)
    assert entry.user == involvement_officer
    assert entry.data == {"from": "Received", "to": "Answered: done"}
    history = html_of(client.get(reverse("suggestions:history", args=[suggestion.pk])))
    assert "Status changed from “Received” to “Answered: done”" in history
    html = html_of(client.get("/you-said-we-did/"))
    assert "We added two evenings a week." in html and "Original words" not in html


@pytest.mark.django_db
def test_admin_refuses_cant_do_without_a_reason_and_publishing_a_flagged_one(client, involvement_officer):
    suggestion = SuggestionFactory()
    client.force_login(involvement_officer)
    base = {"channel": "website", "text": suggestion.text, "public_version": "", "public_answer": ""}
    response = client.post(reverse("suggestions:edit", args=[suggestion.pk]), {**base, "status": "cant_do"})
    assert response.status_code == 200 and "Explain why we can" in html_of(response)
    flagged = {**base, "status": "done", "publish": "on", "is_safeguarding_concern": "on"}
    flagged.update(public_version="x", public_answer="y")
    response = client.post(reverse("suggestions:edit", args=[suggestion.pk]), flagged)
    assert "can never be published" in html_of(response)
    suggestion.refresh_from_db()
    assert suggestion.status == "received" and not suggestion.publish


@pytest.mark.django_db
def test_staff_can_enter_a_suggestion_on_someones_behalf(client, involvement_officer):
    client.force_login(involvement_officer)
    data = {
        "status": "received",
        "channel": "paper",
        "text": "Written on a card in the Hub box.",
        "wants_reply": "on",
        "name": "Pat",
        "contact_method": "post",
        "postal_address": ADDRESS,
        "consent": "on",
    }
    assert client.post(reverse("suggestions:add"), data).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.channel == "paper" and suggestion.reference.startswith("S-")
    assert suggestion.postal_address == ADDRESS


@pytest.mark.django_db
def test_dashboard_panel_shows_waiting_suggestions_to_the_involvement_team_only(client, involvement_officer, editor):
    waiting = SuggestionFactory(is_safeguarding_concern=True)
    SuggestionFactory(status=Status.CONSIDERING)
    SuggestionFactory(published=True)
    client.force_login(involvement_officer)
    html = html_of(client.get("/admin/"))
    assert "2 waiting for a reply" in html and "1 flagged as a safeguarding concern" in html
    assert waiting.reference in html
    client.force_login(editor)
    assert "waiting for a reply" not in html_of(client.get("/admin/"))


def received_days_ago(record, days):
    type(record).objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def triage_suggestions():
    topic = SuggestionTopicFactory(name="Food at the Hub", slug="food")
    waiting = SuggestionFactory(text="  Hot meals on Sundays please\nMy name is Private Person", topic=topic)
    flagged = SuggestionFactory(text="I do not feel safe at night", is_safeguarding_concern=True)
    answered = SuggestionFactory(text="Longer opening hours", published=True)
    received_days_ago(waiting, 3)
    received_days_ago(answered, 40)
    return {"waiting": waiting, "flagged": flagged, "answered": answered}


@pytest.mark.django_db
def test_suggestion_listing_shows_triage_at_a_glance(client, involvement_officer, triage_suggestions):
    client.force_login(involvement_officer)
    html = html_of(client.get(reverse("suggestions:index")))
    waiting = row_html(html, triage_suggestions["waiting"].reference)
    assert "Hot meals on Sundays please" in waiting and "Private Person" not in waiting  # first line only
    assert "Food at the Hub" in waiting and "3 days" in waiting
    assert '<td class="sui-nowrap title">' in waiting  # the reference never wraps
    assert "sui-flagged" not in waiting and "Safeguarding concern" not in waiting
    flagged = row_html(html, triage_suggestions["flagged"].reference)
    assert '<tr class="sui-flagged">' in flagged and "Safeguarding concern" in flagged  # colour and words
    assert "Today" in flagged
    assert "days" not in row_html(html, triage_suggestions["answered"].reference)  # no longer waiting
    assert "records/admin.css" in html


def test_the_admin_stylesheet_keeps_references_on_one_line_and_colours_flagged_rows():
    css = (Path(__file__).resolve().parent.parent / "records/static/records/admin.css").read_text()
    assert re.search(r"\.sui-nowrap\s*{\s*white-space:\s*nowrap;", css)
    assert re.search(r"tr\.sui-flagged > td:first-child[^{]*{\s*border-inline-start:[^;]*critical", css)


@pytest.mark.django_db
def test_dashboard_shows_suggestions_at_a_glance(client, involvement_officer, triage_suggestions):
    client.force_login(involvement_officer)
    html = html_of(client.get("/admin/"))
    waiting = row_html(html, triage_suggestions["waiting"].reference)
    assert "Hot meals on Sundays please" in waiting and "Private Person" not in waiting
    assert "Food at the Hub" in waiting and "3 days" in waiting and 'class="sui-nowrap"' in waiting
    flagged = row_html(html, triage_suggestions["flagged"].reference)
    assert 'class="sui-flagged"' in flagged and "Safeguarding concern" in flagged
    # Flagged records come first.
    assert html.index(triage_suggestions["flagged"].reference) < html.index(triage_suggestions["waiting"].reference)


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Moderators", "Editors"])
def test_other_groups_never_see_what_people_wrote_even_if_given_the_records(client, request, triage_suggestions, group):
    """Even if someone grants another group the view permission, the message
    column and the dashboard's first lines stay with the Involvement team."""
    from django.contrib.auth.models import Permission

    Group.objects.get(name=group).permissions.add(Permission.objects.get(codename="view_suggestion"))
    client.force_login(request.getfixturevalue(group.lower().removesuffix("s")))
    listing = html_of(client.get(reverse("suggestions:index")))
    dashboard = html_of(client.get("/admin/"))
    assert triage_suggestions["waiting"].reference in listing and triage_suggestions["waiting"].reference in dashboard
    for html in (listing, dashboard):
        assert "Hot meals" not in html and "feel safe" not in html and ">Message<" not in html


@pytest.mark.django_db
def test_suggestion_exports_read_as_labels_and_local_dates_without_formulas(client, involvement_officer):
    received = timezone.make_aware(timezone.datetime(2026, 7, 1, 9, 30, 15, 123456), UTC)
    suggestion = SuggestionFactory(
        with_reply=True, name=FORMULA, text="-1 for the new rota", status=Status.CONSIDERING, created_at=received
    )
    client.force_login(involvement_officer)
    index = reverse("suggestions:index")
    row = row_for(csv_rows(client, index), suggestion.reference)
    assert row["What to call them"] == NEUTRALISED_FORMULA
    assert row["Their suggestion"] == "'-1 for the new rota"
    assert (row["Status"], row["Channel"], row["How to contact them"]) == ("Being considered", "Website", "Email")
    assert row["Received"] == "2026-07-01 10:30"  # British Summer Time, no seconds' fractions
    assert (row["Safeguarding concern"], row["Wants a reply"]) == ("No", "Yes")
    cells = row_for(xlsx_rows(client, index), suggestion.reference)
    assert cells["What to call them"].value == NEUTRALISED_FORMULA and cells["What to call them"].data_type == "s"
    assert cells["Status"].value == "Being considered"
    assert cells["Received"].value == timezone.datetime(2026, 7, 1, 10, 30, 15)


@pytest.mark.django_db
def test_export_buttons_are_in_the_header_not_a_menu(client, involvement_officer):
    client.force_login(involvement_officer)
    html = html_of(client.get(reverse("suggestions:index")))
    start = html.index('id="w-slim-header-buttons"')
    header = html[start : html.index("</nav>", start)]
    for spreadsheet_format in ("csv", "xlsx"):
        assert f'<a href="/admin/suggestions/?export={spreadsheet_format}" class="w-header-button button"' in header
    assert "w-dropdown" not in header  # nothing hidden behind a "..." menu


@pytest.mark.django_db
def test_editors_and_the_team_manage_the_topic_list(client, editor, involvement_officer, reviewer):
    url = reverse("wagtailsnippets_suggestions_suggestiontopic:add")
    for number, user in enumerate((editor, involvement_officer)):
        client.force_login(user)
        response = client.post(url, {"name": f"Food {number}", "slug": f"food-{number}"})
        assert response.status_code == 302
    client.force_login(reviewer)
    assert refused(client.get(url))


# --- Surveys and feedback forms (form builder) ------------------------------------------


@pytest.mark.django_db
def test_survey_renders_accessible_fields_and_is_never_cached(client, survey):
    response = client.get("/survey/")
    html = html_of(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Tell us when the Hub should be open." in html
    assert '<legend class="label">When should the Hub open?</legend>' in html
    assert 'for="id_anything_else">Anything else? (optional)</label>' in html
    assert '<div class="hint" id="id_anything_else_helptext">Any ideas</div>' in html
    assert 'class="hp"' in html and "Other ways to get in touch" in html


@pytest.mark.django_db
def test_survey_answers_are_stored_without_the_honeypot_and_thanked(client, survey):
    data = {"when_should_the_hub_open": "Evenings", "anything_else": "A quiet room", "your_name": "Sam"}
    response = client.post("/survey/", data)
    assert response.status_code == 302 and response["Location"] == "/survey/thank-you/"
    submission = SurveySubmission.objects.get()
    assert submission.page_id == survey.pk
    assert submission.form_data == {**data, "email": ""}
    thanks = client.get("/survey/thank-you/")
    assert "Thanks, we will share the results at the Forum." in html_of(thanks)
    assert "no-store" in thanks["Cache-Control"]
    assert SurveySubmission.objects.count() == 1


@pytest.mark.django_db
def test_survey_thank_you_page_without_answers_goes_back_to_the_form(client, survey):
    assert client.get("/survey/thank-you/")["Location"] == "/survey/"


@pytest.mark.django_db
def test_survey_errors_are_summarised_and_answers_kept(client, survey):
    response = client.post("/survey/", {"anything_else": "Kept text", "email": "nope"})
    html = html_of(response)
    assert response.status_code == 200 and "<title>Error: " in html
    assert '<a href="#id_when_should_the_hub_open_0">' in html and '<a href="#id_email">' in html
    assert "Kept text" in html
    assert not SurveySubmission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, None, "This survey opens on"), (None, -1, "This survey closed on")],
)
def test_survey_outside_its_dates_shows_a_message_and_refuses_answers(client, survey, opens, closes, message):
    today = timezone.localdate()
    survey.opens_on = today + timedelta(days=opens) if opens else None
    survey.closes_on = today + timedelta(days=closes) if closes else None
    survey.save()
    html = html_of(client.get("/survey/"))
    assert message in html and 'name="when_should_the_hub_open"' not in html
    response = client.post("/survey/", {"when_should_the_hub_open": "Evenings"})
    assert response.status_code == 403 and "Your answers were not sent" in html_of(response)
    assert not SurveySubmission.objects.exists()


@pytest.mark.django_db
def test_editors_can_preview_the_survey_form_and_its_thank_you_page(client, superuser, survey):
    client.force_login(superuser)
    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[survey.pk]))
    assert 'name="when_should_the_hub_open"' in html_of(draft)
    landing = survey.make_preview_request(preview_mode="landing")
    landing.render()
    assert "Thanks, we will share the results at the Forum." in html_of(landing)


@pytest.mark.django_db
def test_survey_is_open_on_its_first_and_last_day(survey):
    today = timezone.localdate()
    survey.opens_on = survey.closes_on = today
    assert survey.is_open
    survey.closes_on = today - timedelta(days=2)
    with pytest.raises(ValidationError):
        survey.full_clean()


@pytest.mark.django_db
def test_survey_honeypot_and_rate_limit(client, survey):
    answer = {"when_should_the_hub_open": "Mornings"}
    assert client.post("/survey/", {**answer, "website": "spam"}).status_code == 400
    assert not SurveySubmission.objects.exists()
    statuses = [client.post("/survey/", answer).status_code for _ in range(12)]
    assert statuses[:9] == [302] * 9 and statuses[9:] == [429] * 3
    assert SurveySubmission.objects.count() == 9


@pytest.mark.django_db
def test_survey_email_carries_no_answer_at_all(client, survey, django_capture_on_commit_callbacks):
    survey.form_fields.update(personal_data=False)  # even unticked, answers never go by email
    data = {
        "when_should_the_hub_open": "Evenings",
        "anything_else": "I sleep at the night shelter",
        "your_name": "Sam Private",
        "email": "sam@example.org",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/survey/", data)
    response = SurveySubmission.objects.get()
    (message,) = mail.outbox
    assert message.to == ["survey-team@example.org"]
    text = message.subject + message.body
    assert survey.title in text and f"response {response.pk}" in text
    assert f"http://testserver/admin/forms/submissions/{survey.pk}/" in message.body
    for answer in data.values():
        assert answer not in text, answer


def survey_edit_data(client, survey, **changes):
    from tests.test_editors import edit_form_data

    return edit_form_data(client, survey, **changes)


@pytest.mark.django_db
def test_a_moderator_cannot_change_who_gets_survey_emails_or_what_is_personal(client, survey, moderator):
    """Even by posting the fields the editor does not show them."""
    client.force_login(moderator)
    html = html_of(client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])))
    assert 'name="to_address"' not in html
    personal_data_boxes = re.findall(r'<input[^>]*name="form_fields-\d+-personal_data"[^>]*>', html)
    assert all("disabled" in box for box in personal_data_boxes), personal_data_boxes
    data = survey_edit_data(client, survey, to_address="moderator@example.org")
    for index, field in enumerate(survey.form_fields.order_by("sort_order")):
        data[f"form_fields-{index}-id"] = str(field.pk)
        data.pop(f"form_fields-{index}-personal_data", None)  # unticked
    data["form_fields-TOTAL_FORMS"] = str(survey.form_fields.count() + 1)
    new = survey.form_fields.count()
    data.update(
        {
            f"form_fields-{new}-label": "Your phone",
            f"form_fields-{new}-field_type": "singleline",
            f"form_fields-{new}-ORDER": str(new + 1),
        }
    )
    data[f"form_fields-{new}-personal_data"] = "on"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[survey.pk]), data)
    assert response.status_code == 302, html_of(response)
    survey.refresh_from_db()
    draft = survey.get_latest_revision_as_object()
    assert draft.to_address == "survey-team@example.org"
    personal = {field.label for field in draft.form_fields.all() if field.personal_data}
    assert personal == {"Your name", "Email"}
    assert "Your phone" in {field.label for field in draft.form_fields.all()}  # the rest of the edit went through


@pytest.mark.django_db
def test_a_superuser_can_change_who_gets_survey_emails_and_what_is_personal(client, survey, superuser):
    client.force_login(superuser)
    data = survey_edit_data(client, survey, to_address="involvement@example.org")
    for index in range(survey.form_fields.count()):
        data.pop(f"form_fields-{index}-personal_data", None)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[survey.pk]), data)
    assert response.status_code == 302, html_of(response)
    survey.refresh_from_db()
    draft = survey.get_latest_revision_as_object()
    assert draft.to_address == "involvement@example.org"
    assert not any(field.personal_data for field in draft.form_fields.all())


@pytest.mark.django_db
def test_a_question_that_clashes_with_the_spam_trap_is_refused(client, superuser, home_page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Feedback",
            "slug": "feedback",
            "form_fields": inline_formset([{"label": "Website", "field_type": "singleline", "required": "on"}]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:add", args=["suggestions", "formpage", home_page.pk]), data)
    assert response.status_code == 200
    assert "Please word this question differently" in html_of(response)
    assert not FormPage.objects.exists()
    data["form_fields-0-label"] = "Your website address"
    data["form_fields-0-personal_data"] = "on"
    response = client.post(reverse("wagtailadmin_pages:add", args=["suggestions", "formpage", home_page.pk]), data)
    assert response.status_code == 302
    assert FormPage.objects.get().form_fields.get().personal_data


@pytest.fixture
def editor_who_can_edit_pages(editor, home_page):
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=Group.objects.get(name="Editors"), page=home_page, permission_id=permission_id(permission)
        )
    return editor


def permission_id(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk


@pytest.mark.django_db
def test_survey_responses_are_for_the_involvement_team_not_editors(
    client, survey, involvement_officer, editor_who_can_edit_pages, superuser
):
    client.post("/survey/", {"when_should_the_hub_open": "Evenings", "your_name": "Sam Private"})
    submissions = reverse("wagtailforms:list_submissions", args=[survey.pk])
    index = reverse("suggestions_survey_responses:index")
    for user in (involvement_officer, superuser):
        client.force_login(user)
        assert survey.title in html_of(client.get(index))
        assert "Sam Private" in html_of(client.get(submissions))
        assert "Sam Private" in html_of(client.get(submissions, {"export": "csv"}))
        assert '"url": "/admin/survey-responses/"' in html_of(client.get("/admin/"))
    client.force_login(editor_who_can_edit_pages)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).status_code == 200
    assert refused(client.get(submissions))
    assert refused(client.get(submissions, {"export": "csv"}))
    assert refused(client.get(index))
    assert survey.title not in html_of(client.get(reverse("wagtailforms:index")))
    dashboard = html_of(client.get("/admin/"))
    assert "/admin/survey-responses/" not in dashboard and "/admin/forms/" not in dashboard


@pytest.mark.django_db
def test_survey_response_exports_carry_no_live_formulas(client, survey, involvement_officer):
    FormFieldFactory(page=survey, label="=1+1", required=False)  # a question label is a heading
    client.post(
        "/survey/",
        {"when_should_the_hub_open": "Evenings", "your_name": FORMULA, "anything_else": "@everyone\ncall me"},
    )
    client.force_login(involvement_officer)
    submissions = reverse("wagtailforms:list_submissions", args=[survey.pk])
    for rows in (csv_rows(client, submissions), xlsx_rows(client, submissions)):
        (row,) = rows
        cells = {heading: getattr(cell, "value", cell) for heading, cell in row.items()}
        assert cells["Your name"] == NEUTRALISED_FORMULA
        assert cells["Anything else?"] == "'@everyone\ncall me"
        assert cells["When should the Hub open?"] == "Evenings"
        assert "'=1+1" in cells and "=1+1" not in cells
    (row,) = csv_rows(client, submissions)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row["Submission date"])


# --- Retention ---------------------------------------------------------------------


@pytest.mark.django_db
def test_purge_clears_old_personal_data_keeps_the_record_and_dry_run_changes_nothing(survey, settings):
    settings.RETENTION_DAYS = 365
    long_ago = timezone.now() - timedelta(days=400)
    old = SuggestionFactory(with_reply=True, published=True, created_at=long_ago, phone=PHONE)
    recent = SuggestionFactory(with_reply=True, created_at=timezone.now() - timedelta(days=300))
    answers = {"when_should_the_hub_open": "Evenings", "anything_else": "More chairs", "your_name": "Sam"}
    old_response = SurveySubmission.objects.create(page=survey, form_data={**answers, "email": "sam@example.org"})
    SurveySubmission.objects.filter(pk=old_response.pk).update(submit_time=long_ago)
    new_response = SurveySubmission.objects.create(page=survey, form_data={**answers, "email": "new@example.org"})

    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "Would clear personal data from 1 suggestions." in out.getvalue()
    assert "Would clear personal data from 1 survey responses." in out.getvalue()
    old.refresh_from_db()
    assert old.name == NAME and old.personal_data_cleared_at is None

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Cleared personal data from 1 suggestions." in out.getvalue()
    old.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "")
    assert old.personal_data_cleared_at is not None
    assert old.text == "(Removed after the retention period.)"
    assert old.reference and old.public_version and old in Suggestion.objects.published()
    recent.refresh_from_db()
    assert recent.name == NAME and recent.email == EMAIL
    old_response.refresh_from_db()
    assert old_response.form_data == {"when_should_the_hub_open": "Evenings"}  # written answers go too
    new_response.refresh_from_db()
    assert new_response.form_data["email"] == "new@example.org"

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "0 record(s) were cleared." in out.getvalue()


# --- Demo content --------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_covers_every_state_and_loads_once(client, demo_site):
    suggestions = Suggestion.objects.all()
    assert suggestions.count() >= 10
    assert {s.status for s in suggestions} == set(Status)
    assert len({s.channel for s in suggestions}) >= 5
    assert Suggestion.objects.published().count() >= 5
    flagged = suggestions.filter(is_safeguarding_concern=True, publish=True, status__in=ANSWERED)
    assert flagged.count() == 1 and flagged.get() not in Suggestion.objects.published()
    assert suggestions.filter(wants_reply=False).exclude(name="").count() == 0
    survey = FormPage.objects.get(slug="hub-opening-hours-survey")
    assert survey.is_open and 4 <= survey.form_fields.count() <= 5
    assert survey.form_fields.filter(personal_data=True).exists()
    counts = (Suggestion.objects.count(), Page.objects.count())
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Suggestion.objects.count(), Page.objects.count()) == counts
    urls = ("/have-your-say/", "/you-said-we-did/", "/hub-opening-hours-survey/", "/involvement-figures/")
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert '<option value="policy" selected>' in html_of(client.get("/have-your-say/?topic=policy"))
    html = html_of(client.get("/you-said-we-did/"))
    assert flagged.get().public_version not in html


@pytest.mark.django_db
def test_mistakes_in_the_form_do_not_use_up_the_rate_limit(client, suggestion_page):
    # Someone struggling with the form gets it wrong many times ...
    for _ in range(15):
        assert post_suggestion(client, text="").status_code == 200
    # ... and can still send it once it is right.
    assert post_suggestion(client).status_code == 302


@pytest.mark.django_db
def test_spam_rejected_posts_count_against_the_rate_limit(client, suggestion_page):
    statuses = [post_suggestion(client, website="http://spam.example").status_code for _ in range(12)]
    assert statuses[:10] == [400] * 10 and statuses[10:] == [429, 429]
    assert post_suggestion(client).status_code == 429


def delete_survey_responses(client, survey, *responses):
    url = reverse("wagtailforms:delete_submissions", args=[survey.pk])
    return client.post(url + "?" + "&".join(f"selected-submissions={response.pk}" for response in responses))


@pytest.mark.django_db
def test_reading_survey_responses_is_not_enough_to_delete_them(client, survey, involvement_officer):
    response = SurveySubmission.objects.create(page=survey, form_data={"your_name": "Sam"})
    client.force_login(involvement_officer)
    assert client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).status_code == 200
    assert refused(delete_survey_responses(client, survey, response))
    assert SurveySubmission.objects.filter(pk=response.pk).exists()


@pytest.mark.django_db
def test_a_superuser_can_delete_survey_responses(client, survey, superuser):
    response = SurveySubmission.objects.create(page=survey, form_data={"your_name": "Sam"})
    client.force_login(superuser)
    assert delete_survey_responses(client, survey, response).status_code == 302
    assert not SurveySubmission.objects.exists()


@pytest.mark.django_db
def test_the_involvement_team_cannot_delete_suggestions(client, involvement_officer):
    suggestion = SuggestionFactory()
    client.force_login(involvement_officer)
    assert refused(client.post(reverse("suggestions:delete", args=[suggestion.pk])))
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


@pytest.mark.django_db
def test_feed_escapes_staff_text_so_no_markup_reaches_feed_readers(client, said_did_page):
    import xml.etree.ElementTree as ElementTree

    payload = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="http://evil.example">x</a>'
    SuggestionFactory(
        published=True,
        public_version=f"You asked {payload}",
        public_answer=f"We did {payload}",
        topic=SuggestionTopicFactory(name="<b>Hub</b>"),
    )
    feed = client.get("/you-said-we-did/feed/").content
    item = ElementTree.fromstring(feed).find("channel/item")  # noqa: S314 (our own feed)
    # What a feed reader gets once it has read the XML: text with no tags in it.
    for element in ("title", "description", "category"):
        read = item.find(element).text
        assert "<script" not in read and "<img" not in read and "<a " not in read and "<b>" not in read
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in item.find("description").text


@pytest.mark.django_db
def test_suggestion_pages_say_not_for_urgent_things_and_offer_need_help_and_exit(client, suggestion_page):
    form = client.get("/have-your-say/").content.decode().split('<footer class="site-footer">', 1)[0]
    assert "Replies take a few working days, so do not use this form for anything urgent." in form
    assert "Need help now?" in form and 'href="tel:999"' in form
    assert 'href="https://www.bbc.co.uk/weather"' in form and "Exit this page" in form
    post_suggestion(client)
    sent = client.get("/have-your-say/sent/").content.decode().split('<footer class="site-footer">', 1)[0]
    assert "Need help now?" in sent and "Exit this page" in sent
    check = client.get("/check/").content.decode().split('<footer class="site-footer">', 1)[0]
    assert "Need help now?" in check and "Exit this page" in check
