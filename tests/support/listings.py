"""Reading the admin's record listings and dashboard panels in tests."""


def row_html(html, reference):
    """The table row (listing or dashboard panel) that holds one reference."""
    start = html.rindex("<tr", 0, html.index(reference))
    return html[start : html.index("</tr>", start)]
