"""Web addresses of a routable page's own routes (its form, confirmation,
calendar entry), for links and redirects."""


def subpage_url(request, page, name):
    """The address of route `name` on `page`, e.g. /get-involved/panel/express-interest/."""
    return page.get_url(request) + page.reverse_subpage(name)
