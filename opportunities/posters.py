"""A printable A4 poster for each opportunity, for the Hub's noticeboard and
anyone without data on their phone: the essentials in large type, the ways to
say "I'm interested" without the internet, and a QR code to the page."""

import io

import segno
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

# "M" recovers from about 15% damage: enough for a creased or scuffed poster
# while keeping the modules big enough to scan from a step away.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_code_svg(url):
    """The QR code for `url` as inline SVG, black on white, sized by CSS."""
    out = io.BytesIO()
    segno.make(url, error=ERROR_CORRECTION).save(
        out,
        kind="svg",
        border=QUIET_ZONE,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=True,
        omitsize=True,  # a viewBox only, so the stylesheet sets the printed size
        svgclass="poster__qr-code",
        lineclass=None,
    )
    # segno writes only path data from the URL, never the URL's characters.
    return mark_safe(out.getvalue().decode())  # noqa: S308


def poster_response(request, page):
    page_url = page.get_full_url(request)
    context = {
        "page": page,
        "self": page,
        "page_url": page_url,
        "qr_code": qr_code_svg(page_url),
        "opportunity_url": page.get_url(request),
    }
    return TemplateResponse(request, "opportunities/poster.html", context)
