"""Printable posters of opportunities (<opportunity>/poster/): what they say,
and a QR code that, rasterised as the page draws it, scans back to the page."""

import io
import re
from datetime import timedelta

import cairosvg
import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory


@pytest.fixture
def opportunity(home_page, site_settings):
    index = OpportunityIndexPageFactory(parent=home_page)
    return OpportunityPageFactory(
        parent=index,
        title="Interview panel for a new Hub worker",
        slug="interview-panel",
        what_you_would_do="<p>Read the applications and ask one question each.</p>",
        payment="A £20 voucher and bus fares.",
        place="Lived Experience Hub",
        when_details="Tuesday mornings in March",
        closing_date=timezone.localdate() + timedelta(days=10),
    )


def poster_html(client, opportunity):
    response = client.get(f"{opportunity.url}poster/")
    assert response.status_code == 200
    return response.content.decode()


def qr_svg_on(html):
    """The QR code's SVG exactly as the page carries it."""
    return re.search(r'<svg[^>]*class="poster__qr-code".*?</svg>', html, re.S).group(0)


def decode_qr(svg):
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=400, output_height=400)
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, "one QR code should be found"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


@pytest.mark.django_db
def test_poster_qr_code_decodes_to_the_opportunitys_full_url(client, opportunity):
    html = poster_html(client, opportunity)
    assert decode_qr(qr_svg_on(html)) == "http://localhost/get-involved/interview-panel/"
    assert opportunity.get_full_url() == "http://localhost/get-involved/interview-panel/"


@pytest.mark.django_db
def test_poster_says_what_when_where_payment_closing_and_how_to_say_you_are_interested(client, opportunity):
    html = poster_html(client, opportunity)
    main = html[html.index("<main") :]
    for text in (
        '<h1 class="poster__title" id="poster-title">Interview panel for a new Hub worker</h1>',
        "Read the applications and ask one question each.",
        "Tuesday mornings in March",
        "Lived Experience Hub",
        "A £20 voucher and bus fares.",
        opportunity.closing_text,
        "<strong>Ring</strong> 0151 496 0000",
        "<strong>Text</strong> 07700 900000",
        "<strong>Call in</strong> at The Hub, 1 Example Street",
        "http://localhost/get-involved/interview-panel/",
    ):
        assert text in main, text
    assert 'role="img" aria-label="QR code that opens http://localhost/get-involved/interview-panel/"' in main
    assert "This opportunity has closed" not in main


@pytest.mark.django_db
def test_poster_of_a_closed_opportunity_says_so(client, opportunity):
    opportunity.closing_date = timezone.localdate() - timedelta(days=1)
    opportunity.save_revision().publish()
    assert "<strong>This opportunity has closed.</strong>" in poster_html(client, opportunity)


@pytest.mark.django_db
def test_opportunity_page_links_to_its_poster(client, opportunity):
    html = client.get(opportunity.url).content.decode()
    assert '<a href="/get-involved/interview-panel/poster/">Print a poster' in html


@pytest.mark.django_db
def test_unpublished_opportunity_has_no_poster(client, opportunity):
    opportunity.unpublish()
    assert client.get("/get-involved/interview-panel/poster/").status_code == 404
