"""Foundation pages in a real browser: axe checks, keyboard, screenshots."""

import pytest

from tests.browser.conftest import assert_accessible, axe_violations, desktop_only, phone_only

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "home": "/",
    "standard-page": "/about/",
    "ladder": "/ladder-of-participation/",
    "policy": "/policy/",
    "search-results": "/search/?query=hub",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_types_have_no_accessibility_violations(page, live_server, demo_site, name):
    page.goto(f"{live_server.url}{PAGES[name]}")
    assert_accessible(page, name)


@desktop_only
def test_skip_link_is_first_and_moves_focus_to_main_content(page, live_server, demo_site):
    page.goto(f"{live_server.url}/about/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


@phone_only
def test_phone_layout_does_not_scroll_sideways(page, live_server, demo_site):
    page.goto(f"{live_server.url}/policy/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    client_width = page.evaluate("document.documentElement.clientWidth")
    assert scroll_width <= client_width


@desktop_only
def test_the_checker_itself_catches_a_broken_page(page):
    """An image without alt text and an unlabelled input must fail the check."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    rule_ids = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= rule_ids
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
