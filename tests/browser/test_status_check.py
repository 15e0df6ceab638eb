"""The one status check in a real browser on the narrowest phone (320 px),
with and without JavaScript: both kinds of reference, and axe on each state."""

import pytest
from playwright.sync_api import expect

from opportunities.models import ExpressionOfInterest
from tests.browser.conftest import assert_accessible, refuse_site_scripts
from tests.factories.opportunities import ExpressionOfInterestFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 320, "height": 568}


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def narrow_page(request, browser):
    context = browser.new_context(viewport=NARROW_PHONE, locale="en-GB")
    context.set_default_timeout(10_000)
    if not request.param:
        refuse_site_scripts(context)
    tab = context.new_page()
    tab.viewport_name = f"320-{request.node.callspec.id}"
    yield tab
    context.close()


def check(page, reference):
    page.get_by_label("Your reference").fill(reference.lower())
    page.get_by_role("button", name="Check").click()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_status_check_answers_both_kinds_of_reference_at_320px(narrow_page, live_server, demo_site):
    page = narrow_page
    suggestion = SuggestionFactory(with_reply=True, text="Please fix the Hub's broken door.")
    interest = ExpressionOfInterestFactory(
        status=ExpressionOfInterest.Status.CONTACTED, anything_else="I sleep at the night shelter"
    )

    page.goto(f"{live_server.url}/")
    page.locator("footer").get_by_role("link", name="Check on something you sent us").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check on something you sent us")
    assert fits_the_screen(page)
    assert_accessible(page, "status-check-320")

    check(page, suggestion.reference)
    expect(page.locator(".summary-list .tag")).to_have_text("Received")
    assert "broken door" not in page.content() and suggestion.email not in page.content()
    assert fits_the_screen(page)
    assert_accessible(page, "status-check-suggestion-320")

    page.get_by_role("link", name="Check another reference").click()
    check(page, interest.reference)
    expect(page.get_by_role("heading", name=f"Expression of interest {interest.reference}")).to_be_visible()
    expect(page.locator(".summary-list .tag")).to_have_text("Someone will contact you")
    assert "night shelter" not in page.content() and interest.email not in page.content()
    assert fits_the_screen(page)
    assert_accessible(page, "status-check-interest-320")

    page.get_by_role("link", name="Check another reference").click()
    check(page, "E-ABCDEF")
    expect(page.locator(".error-summary")).to_contain_text("We could not find an expression of interest")
    assert_accessible(page, "status-check-not-found-320")
