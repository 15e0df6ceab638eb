"""Posters and figures in a real browser: axe on both, the poster as it
prints (A4, black on white, no site chrome) with a QR code that scans from a
screenshot, and the charts drawn with JavaScript switched off (axe runs
JavaScript itself, so it checks the pages with JavaScript on)."""

import io

import pytest
import zxingcpp
from PIL import Image

from opportunities.models import OpportunityPage
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPPORTUNITY = "/get-involved/interview-panel-support-workers/"


def test_print_a_poster_link_opens_an_accessible_poster_whose_qr_code_scans(page, live_server, demo_site):
    page.goto(f"{live_server.url}{OPPORTUNITY}")
    page.get_by_role("link", name="Print a poster").click()
    page.wait_for_url(f"{live_server.url}{OPPORTUNITY}poster/")
    assert_accessible(page, "poster")

    # The poster links to the site's own address (Settings > Sites), not the test server's.
    full_url = OpportunityPage.objects.get(url_path__endswith=OPPORTUNITY).full_url
    assert full_url.endswith(OPPORTUNITY)
    qr = page.get_by_role("img", name=f"QR code that opens {full_url}")
    picture = Image.open(io.BytesIO(qr.screenshot()))
    assert [result.text for result in zxingcpp.read_barcodes(picture)] == [full_url]


def test_poster_prints_on_its_own_in_black_on_white(page, live_server, demo_site):
    page.goto(f"{live_server.url}{OPPORTUNITY}poster/")
    page.emulate_media(media="print")
    screenshot(page, "poster-print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".poster__screen-note"):
        assert not page.locator(hidden).first.is_visible(), hidden
    title = page.locator(".poster__title")
    style = title.evaluate("el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.fontSize] }")
    assert style[:2] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert float(style[2].removesuffix("px")) >= 40  # 36pt
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def test_figures_charts_show_without_javascript(page_without_js, live_server, demo_site):
    page = page_without_js
    page.goto(f"{live_server.url}/involvement-figures/")
    chart = page.get_by_role("img", name="Suggestions received and answered, month by month")
    assert chart.is_visible()
    table = page.get_by_role("table", name="Opportunities open now by rung of the ladder: the numbers in the chart")
    assert table.is_visible()
    screenshot(page, "involvement-figures-without-js")


def test_figures_page_with_its_charts_passes_axe(page, live_server, demo_site):
    page.goto(f"{live_server.url}/involvement-figures/")
    assert page.locator("svg.chart").count() >= 4
    assert_accessible(page, "involvement-figures-charts")
