"""Issue 13 in a real browser, at 320 and 375 px wide, with and without
JavaScript: the page heading on the first screen of every page type, the
phone menu, "Exit this page", the reply contradiction, the one-detail contact
question, and axe on every new page and state."""

import re

import pytest
from playwright.sync_api import expect

from home.models import SiteSettings
from suggestions.models import Suggestion
from tests.browser.conftest import assert_accessible, refuse_site_scripts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONES = {"320": {"width": 320, "height": 568}, "375": {"width": 375, "height": 667}}
HEADER_BUDGET = 120
EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture(params=[(width, js) for width in PHONES for js in (True, False)], ids=lambda p: f"{p[0]}px-js-{p[1]}")
def phone(request, browser):
    """A phone-sized tab. "Without JavaScript" means the site's scripts never
    load (they are refused), so the page is exactly what a browser without
    JavaScript shows; the browser's own engine stays on only because axe-core,
    the accessibility checker, runs in it (it hangs in a tab with it off)."""
    width, javascript = request.param
    context = browser.new_context(viewport=PHONES[width], locale="en-GB")
    context.set_default_timeout(10_000)
    if not javascript:
        refuse_site_scripts(context)
    # Never leave the test machine: the neutral site answers from here.
    context.route(
        re.compile(r"^https://www\.bbc\.co\.uk/.*"),
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>",
        ),
    )
    tab = context.new_page()
    tab.viewport_name = f"{width}px-{'js' if javascript else 'nojs'}"
    tab.javascript = javascript
    yield tab
    context.close()


def page_type_urls(live_server_url, page):
    """One address of every page type, found from the demo site's own links."""
    urls = [
        "/",
        "/about/",
        "/ladder-of-participation/",
        "/news/",
        "/meetings/",
        "/leaflets/",
        "/get-involved/",
        "/have-your-say/",
        "/check/",
        "/you-said-we-did/",
        "/involvement-figures/",
        "/search/?q=hub",
        "/search/?q=zzzxqv",
        "/no-such-page/",
    ]
    for listing, link in (("/news/", ".card__title a"), ("/meetings/", ".card__title a"), ("/leaflets/", ".card a")):
        page.goto(f"{live_server_url}{listing}")
        urls.append(page.locator(link).first.get_attribute("href"))
    page.goto(f"{live_server_url}/get-involved/")
    opportunity = page.locator(".card__title a").first.get_attribute("href")
    urls += [opportunity, f"{opportunity}express-interest/"]
    return urls


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def test_first_screen_shows_the_page_heading_on_every_page_type(phone, live_server, demo_site):
    viewport_height = phone.viewport_size["height"]
    for url in page_type_urls(live_server.url, phone):
        phone.goto(f"{live_server.url}{url}")
        assert header_height(phone) <= HEADER_BUDGET, url
        heading = phone.locator("h1").first.bounding_box()
        assert heading is not None and heading["y"] + heading["height"] <= viewport_height, (url, heading)
        assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"], url


def test_phone_menu_opens_and_reaches_the_ladder_and_you_said_we_did(phone, live_server, demo_site):
    phone.goto(f"{live_server.url}/about/")
    ladder_link = phone.get_by_role("link", name="The Ladder of Participation")
    expect(ladder_link).to_be_hidden()
    if phone.javascript:
        toggle = phone.get_by_role("button", name="Menu")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    else:
        phone.locator("summary", has_text="Menu").click()
    expect(ladder_link).to_be_visible()
    expect(phone.get_by_role("link", name="You said, we did")).to_be_visible()
    assert_accessible(phone, "phone-menu-open")
    ladder_link.click()
    expect(phone).to_have_url(re.compile(r"/ladder-of-participation/$"))
    expect(phone.locator(".ladder .ladder__rung")).to_have_count(5)
    assert_accessible(phone, "ladder")
    if phone.javascript:
        phone.get_by_role("button", name="Menu").click()
        phone.keyboard.press("Escape")
        expect(phone.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")


def test_exit_this_page_leaves_for_the_neutral_site(phone, live_server, demo_site):
    phone.goto(f"{live_server.url}/about/")
    phone.goto(f"{live_server.url}/have-your-say/")
    exit_button = phone.get_by_role("link", name="Exit this page")
    expect(exit_button).to_be_visible()
    expect(exit_button).to_have_attribute("href", EXIT_URL)
    exit_button.click()
    expect(phone).to_have_url(EXIT_URL)
    if phone.javascript:
        # location.replace: Back goes to the page before, not to the form.
        phone.go_back()
        expect(phone).to_have_url(f"{live_server.url}/about/")


def test_pressing_shift_three_times_exits_and_back_does_not_return(phone, live_server, demo_site):
    if not phone.javascript:
        pytest.skip("Shift three times needs JavaScript; without it the link is the way out")
    phone.goto(f"{live_server.url}/about/")
    phone.goto(f"{live_server.url}/have-your-say/")
    phone.get_by_label("Your suggestion").fill("Half-written")
    for _ in range(3):
        phone.keyboard.press("Shift")
    expect(phone).to_have_url(EXIT_URL)
    phone.go_back()
    expect(phone).to_have_url(f"{live_server.url}/about/")


def test_exit_destination_is_a_site_setting(phone, live_server, demo_site):
    settings = SiteSettings.objects.get()
    settings.exit_page_url = "https://www.bbc.co.uk/food"
    settings.save()
    phone.goto(f"{live_server.url}/have-your-say/")
    phone.get_by_role("link", name="Exit this page").click()
    expect(phone).to_have_url("https://www.bbc.co.uk/food")


def test_no_with_reply_details_is_caught_and_nothing_typed_is_lost(phone, live_server, demo_site):
    phone.goto(f"{live_server.url}/have-your-say/")
    idea = "Longer opening hours at the Hub."
    sent = Suggestion.objects.filter(text=idea)
    phone.get_by_label("Your suggestion").fill(idea)
    if phone.javascript:
        # The reply boxes are hidden until Yes; typed and then left with No,
        # they are not sent, and the confirmation says so plainly.
        phone.get_by_label("Yes, I would like a reply").check()
        phone.get_by_label("What should we call you?").fill("Sam")
        phone.get_by_label("No, I want to stay anonymous").check()
        phone.get_by_role("button", name="Send suggestion").click()
        expect(phone.locator(".panel__title")).to_have_text("Suggestion sent")
        expect(phone.get_by_text("You chose to stay anonymous")).to_be_visible()
        assert sent.get().name == ""
        return
    expect(phone.get_by_label("No, I want to stay anonymous")).to_be_checked()
    phone.get_by_label("What should we call you?").fill("Sam")
    phone.get_by_role("radio", name="Phone call").check()
    phone.get_by_label("Phone number").fill("07700 900982")
    phone.get_by_label("I agree that the Involvement team can contact me").check()
    phone.get_by_role("button", name="Send suggestion").click()
    expect(phone).to_have_title(re.compile(r"^Error: "))
    expect(phone.locator(".error-summary")).to_contain_text("You chose “No, I want to stay anonymous”")
    assert not sent.exists()
    assert phone.get_by_label("Your suggestion").input_value() == idea
    assert phone.get_by_label("What should we call you?").input_value() == "Sam"
    assert phone.get_by_label("Phone number").input_value() == "07700 900982"
    expect(phone.get_by_role("radio", name="Phone call")).to_be_checked()
    expect(phone.get_by_label("I agree that the Involvement team can contact me")).to_be_checked()
    assert_accessible(phone, "suggestion-contradiction")
    phone.get_by_label("Yes, I would like a reply").check()
    phone.get_by_role("button", name="Send suggestion").click()
    expect(phone.get_by_text("We will reply by phone.")).to_be_visible()
    assert_accessible(phone, "suggestion-sent-reply-by-phone")
    assert sent.get().phone == "07700 900982"


def test_interest_form_asks_how_to_contact_then_only_the_matching_detail(phone, live_server, demo_site):
    phone.goto(f"{live_server.url}/get-involved/")
    phone.locator(".card__title a").first.click()
    phone.goto(phone.url + "express-interest/")
    email = phone.get_by_label("Email address")
    phone_number = phone.get_by_label("Phone number")
    if phone.javascript:
        expect(email).to_be_hidden()
        expect(phone_number).to_be_hidden()
        phone.get_by_role("radio", name="Text message").check()
        expect(phone_number).to_be_visible()
        expect(email).to_be_hidden()
    else:
        # GOV.UK's fallback: every box shows, each under its own answer.
        expect(email).to_be_visible()
        expect(phone_number).to_be_visible()
        phone.get_by_role("radio", name="Text message").check()
    assert_accessible(phone, "express-interest-text-chosen")
    phone.get_by_label("What should we call you?").fill("Jo")
    phone_number.fill("07700 900982")
    phone.get_by_label("I agree that the Involvement team can contact me").check()
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".panel .reference")).to_have_text(re.compile(r"^E-"))
    expect(phone.get_by_role("heading", name="Need help now?").first).to_be_visible()
    assert_accessible(phone, "express-interest-sent")


def test_search_with_no_results_and_home_page_ladder_are_accessible(phone, live_server, demo_site):
    phone.goto(f"{live_server.url}/search/?q=zzzxqv")
    expect(phone.get_by_text("Things to try")).to_be_visible()
    expect(phone.locator(".section-links a")).not_to_have_count(0)
    assert_accessible(phone, "search-no-results")
    phone.goto(f"{live_server.url}/")
    expect(phone.locator(".ladder--small .ladder__rung")).to_have_count(5)
    assert_accessible(phone, "home-with-ladder")
