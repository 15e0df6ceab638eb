"""Real-browser tests: Playwright for Python driving Debian's Chromium.

Run as part of `make test`. Where /usr/bin/chromium is missing they are
skipped with a loud banner, except under CI=true, where a missing browser is a
failure (CI installs it with apt-get). Screenshots go to test-artifacts/
(ignored by git) so a person can look at every page type after a run.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the Django ORM
# calls that tests make between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_MISSING = not Path(CHROMIUM).exists()
MISSING_MESSAGE = (
    f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. Install it with `apt-get install -y chromium` "
    "(CI does this itself and fails without it)."
)


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if BROWSER_MISSING and os.environ.get("CI") != "true":
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=MISSING_MESSAGE))


def pytest_terminal_summary(terminalreporter):
    if BROWSER_MISSING:
        terminalreporter.write_sep("!", MISSING_MESSAGE, red=True, bold=True)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if BROWSER_MISSING:
        pytest.fail(MISSING_MESSAGE)  # only reached under CI=true
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's event loop gives this thread a new context, and with it new
    # database connection objects that lack the test database's serialized
    # contents; without them serialized_rollback cannot restore the data
    # between browser tests (the second one found no pages at all when any
    # other database test had run first). Carry them across.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport_name(request):
    return request.param


# Tests whose outcome does not depend on the screen width run at one width
# only: a parametrize of the same name overrides the two-width fixture above.
desktop_only = pytest.mark.parametrize("viewport_name", ["desktop"])
phone_only = pytest.mark.parametrize("viewport_name", ["phone"])


def refuse_site_scripts(context):
    """No JavaScript, for tests that also run axe: the site's scripts never
    load, so the page is what a browser without JavaScript shows, while the
    browser's engine stays on for axe-core (which hangs with it off)."""
    context.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())


def new_page(browser, viewport_name, *, javascript=True):
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], java_script_enabled=javascript, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = viewport_name
    return page


@pytest.fixture
def page(browser, viewport_name):
    """A fresh browser tab at the phone or desktop width (each test runs at both)."""
    tab = new_page(browser, viewport_name)
    yield tab
    tab.context.close()


@pytest.fixture
def page_without_js(browser, viewport_name):
    tab = new_page(browser, viewport_name, javascript=False)
    yield tab
    tab.context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    page.screenshot(path=str(SCREENSHOTS / f"{slug}-{getattr(page, 'viewport_name', 'page')}.png"), full_page=True)


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


def assert_accessible(page, name=None):
    """No axe-core violations for WCAG 2.0/2.1/2.2 A and AA; screenshot the page too."""
    if name:
        screenshot(page, name)
    violations = axe_violations(page)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"Accessibility violations on {page.url}:\n{report}"
