"""Have your say in a real browser: the suggestion journey with and without
JavaScript, the Involvement team answering it, surveys, and axe checks."""

import re

import pytest
from playwright.sync_api import expect

from suggestions.models import Suggestion
from tests.browser.conftest import assert_accessible, new_page
from tests.factories.home import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IDEA = "Please put a water fountain in the Hub."


def test_anonymous_suggestion_from_error_to_status_check(page, live_server, demo_site):
    page.goto(f"{live_server.url}/have-your-say/")
    assert page.locator("#reply-details").is_hidden()  # revealed only for "Yes"
    assert_accessible(page, "have-your-say")

    page.get_by_role("button", name="Send suggestion").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page, "have-your-say-errors")
    page.locator(".error-summary a", has_text="Enter your suggestion").click()
    expect(page.locator("#id_text")).to_be_focused()

    page.keyboard.type(IDEA)
    page.get_by_label("Yes, I would like a reply").check()
    assert page.locator("#reply-details").is_visible()
    page.get_by_label("No, I want to stay anonymous").check()
    page.get_by_role("button", name="Send suggestion").click()

    expect(page).to_have_url(re.compile(r"/have-your-say/sent/$"))
    reference = page.locator(".panel .reference").inner_text()
    assert re.fullmatch(r"S-[2-9A-HJ-NP-Z]{6}", reference)
    assert Suggestion.objects.get(reference=reference).text == IDEA
    assert_accessible(page, "have-your-say-sent")

    page.get_by_role("link", name="check what has happened to your suggestion").click()
    assert page.locator(".summary-list .tag").inner_text() == "Received"
    assert IDEA not in page.content()
    assert_accessible(page, "status-check-found")


def test_suggestion_and_status_check_work_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(f"{live_server.url}/have-your-say/")
    assert page.locator("#reply-details").is_visible()
    page.get_by_label("Your suggestion").fill(IDEA)
    page.get_by_label("Yes, I would like a reply").check()
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_role("radio", name="Text message").check()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert page.locator(".error-summary").get_by_text("Enter your phone number").is_visible()
    assert page.get_by_label("Your suggestion").input_value() == IDEA
    page.get_by_label("Phone number").fill("07700 900982")
    page.get_by_label("I agree that the Involvement team can contact me").check()
    page.get_by_role("button", name="Send suggestion").click()

    expect(page).to_have_url(re.compile(r"/have-your-say/sent/$"))
    reference = page.locator(".panel .reference").inner_text()
    suggestion = Suggestion.objects.get(reference=reference)
    assert (suggestion.contact_method, suggestion.phone) == ("text", "07700 900982")

    page.goto(f"{live_server.url}/check/")
    page.get_by_label("Your reference").fill(reference.lower())
    page.get_by_role("button", name="Check").click()
    assert page.locator("h2", has_text=reference).is_visible()
    assert "07700 900982" not in page.content() and IDEA not in page.content()


def test_involvement_team_answers_a_suggestion_and_it_is_published(browser, live_server, demo_site):
    suggestion = Suggestion.objects.create(text=IDEA)
    UserFactory(username="ivy", groups=["Involvement team"])
    page = new_page(browser, "desktop")
    try:
        page.goto(f"{live_server.url}/admin/")
        page.get_by_label("Username").fill("ivy")
        page.get_by_label("Password").fill("correct-horse-battery")
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server.url}/admin/suggestions/")
        page.get_by_role("link", name=suggestion.reference).click()
        page.locator("#id_status").select_option("done")
        page.get_by_label("You said (public version)").fill("A water fountain at the Hub.")
        page.get_by_label("We did (public answer)").fill("A fountain went in by the kitchen in May.")
        page.get_by_label("Publish in 'You said, we did'").check()
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(re.compile(r"/admin/suggestions/$"))

        page.goto(f"{live_server.url}/you-said-we-did/")
        answer = page.locator(f"#answer-{suggestion.pk}")
        assert answer.get_by_text("A fountain went in by the kitchen in May.").is_visible()
        assert IDEA not in page.content()
    finally:
        page.context.close()


def test_status_check_listing_and_survey_pages_are_accessible(page, live_server, demo_site):
    page.goto(f"{live_server.url}/check/")
    assert_accessible(page, "status-check")
    page.get_by_label("Your reference").fill("S-ABCDEF")
    page.get_by_role("button", name="Check").click()
    assert page.get_by_text("We could not find a suggestion with the reference S-ABCDEF").first.is_visible()
    assert_accessible(page, "status-check-not-found")

    page.goto(f"{live_server.url}/you-said-we-did/")
    assert page.locator(".card.answer").count() >= 5
    assert_accessible(page, "you-said-we-did")

    page.goto(f"{live_server.url}/involvement-figures/")
    assert_accessible(page, "involvement-figures")

    page.goto(f"{live_server.url}/hub-opening-hours-survey/")
    assert_accessible(page, "survey")
    page.get_by_role("button", name="Send your answers").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page, "survey-errors")
    page.get_by_label("Tuesday").check()
    page.get_by_label("Evenings, after 5").check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator(".panel__title")).to_have_text("Thank you")
    assert_accessible(page, "survey-thank-you")


def test_the_honeypot_is_invisible_and_the_keyboard_never_reaches_it(page, live_server, demo_site):
    page.goto(f"{live_server.url}/have-your-say/")
    # Not shown to anyone, and not read out by screen readers.
    expect(page.locator("input[name=website]")).to_be_hidden()
    assert page.locator(".hp").get_attribute("aria-hidden") == "true"

    # Tab through the whole page: the keyboard reaches the send button, never the honeypot.
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()")
        reached.append(name)
        if name == "Send suggestion":
            break
    assert "Send suggestion" in reached
    assert "website" not in reached
