"""Get involved in a real browser: the keyboard-only journey from the home
page to a sent expression of interest (phone and desktop widths), the form
without JavaScript, and axe checks on every page of the journey."""

import re

import pytest

from opportunities.models import ExpressionOfInterest
from records.references import reference_pattern
from tests.browser.conftest import assert_accessible, new_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPEN = "/get-involved/interview-panel-support-workers/"
CLOSED = "/get-involved/womens-service-steering-group/"
TITLE = "Sit on the interview panel for new support workers"


def tab_until(page, predicate, argument=None, limit=120):
    """Press Tab until the focused element passes `predicate` (JavaScript
    taking the element and `argument`): how a keyboard user moves."""
    check = f"([argument]) => {{ const el = document.activeElement; return !!el && ({predicate}); }}"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check, [argument]):
            return
    raise AssertionError(f"Tab never reached an element where {predicate} ({argument!r})")


def tab_to_link(page, text):
    tab_until(page, "el.tagName === 'A' && el.textContent.trim().startsWith(argument)", text)


def open_the_menu_on_a_phone(page):
    """On a phone the main menu folds behind "Menu": a button with JavaScript,
    a <details> summary without; Enter opens either."""
    if page.viewport_name == "phone":
        tab_until(page, "el.classList.contains('phone-menu__toggle')")
        page.keyboard.press("Enter")


def tab_to_field(page, element_id):
    tab_until(page, "el.id === argument", element_id)


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def page_with_and_without_js(request, browser, viewport_name):
    tab = new_page(browser, viewport_name, javascript=request.param)
    yield tab
    tab.context.close()


def test_keyboard_only_from_home_to_a_sent_expression_of_interest(page_with_and_without_js, live_server, demo_site):
    page = page_with_and_without_js
    page.goto(f"{live_server.url}/")
    open_the_menu_on_a_phone(page)
    tab_to_link(page, "Get involved")
    page.keyboard.press("Enter")
    page.wait_for_url("**/get-involved/")

    tab_to_link(page, "Partnership")
    page.keyboard.press("Enter")
    page.wait_for_url("**/get-involved/?rung=partnership")
    assert "1 open opportunity" in page.locator("#results").inner_text()

    tab_to_link(page, TITLE)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{OPEN}")

    tab_to_link(page, "Say you are interested")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{OPEN}express-interest/")

    tab_to_field(page, "id_name")
    page.keyboard.type("Jay")
    page.keyboard.press("Tab")  # into the radios: the first one, Email
    assert page.evaluate("document.activeElement.id") == "id_contact_method_0"
    page.keyboard.press("ArrowDown")  # Phone call
    page.keyboard.press("ArrowDown")  # Text message
    assert page.locator("#id_contact_method_2").is_checked()
    tab_to_field(page, "id_phone")
    page.keyboard.type("07700 900111")
    tab_to_field(page, "id_consent")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Send'")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{OPEN}express-interest/sent/")
    reference = page.locator(".panel .reference").inner_text().strip()
    assert reference_pattern("E").match(reference)
    record = ExpressionOfInterest.objects.get(reference=reference)
    assert (record.name, record.contact_method, record.phone, record.email) == ("Jay", "text", "07700 900111", "")
    # Nothing sideways-scrolls on a 375 px phone.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_form_works_without_javascript_with_an_error_then_success(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(f"{live_server.url}{OPEN}express-interest/")
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("I agree that the Involvement team can contact me").check()
    page.get_by_role("button", name="Send").click()

    assert page.title().startswith("Error:")
    summary = page.locator(".error-summary")
    assert "There is a problem" in summary.inner_text()
    assert "Enter your email address" in summary.inner_text()
    assert page.get_by_label("What should we call you?").input_value() == "Sam"  # answers kept
    assert page.get_by_label("Email", exact=True).is_checked()

    page.get_by_label("Email address (if you chose email)").fill("sam@example.org")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(f"**{OPEN}express-interest/sent/")
    reference = page.locator(".reference").inner_text().strip()
    assert reference_pattern("E").match(reference)
    assert ExpressionOfInterest.objects.filter(reference=reference, email="sam@example.org").exists()


def test_every_page_of_the_journey_passes_axe(page, live_server, demo_site):
    page.goto(f"{live_server.url}/get-involved/?rung=participation&format=in-person")
    assert_accessible(page, "opportunities-filtered")
    page.goto(f"{live_server.url}{OPEN}")
    assert_accessible(page, "opportunity-open")
    page.goto(f"{live_server.url}{CLOSED}")
    assert "This opportunity has closed" in page.content()
    assert_accessible(page, "opportunity-closed")

    page.goto(f"{live_server.url}{OPEN}express-interest/")
    assert_accessible(page, "express-interest-empty")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector(".error-summary")
    # With JavaScript the error summary takes focus, so it is read out first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page, "express-interest-errors")

    page.get_by_label("What should we call you?").fill("Ash")
    page.get_by_label("Through my support worker").check()
    page.get_by_label(re.compile("^Your support worker’s name and how we can reach them")).fill(
        "Chris at Example Housing, 0151 496 0777"
    )
    page.get_by_label("I agree that the Involvement team can contact me").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/express-interest/sent/")
    assert_accessible(page, "express-interest-sent")
