"""Absolute links into the Wagtail admin, for emails (which have no request
to build an address from)."""

from django.conf import settings
from wagtail.admin.admin_url_finder import AdminURLFinder


def admin_url(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def admin_link(instance):
    """The admin edit page of a page, snippet or record, or the admin's home
    page when it has none."""
    path = AdminURLFinder().get_edit_url(instance)
    return admin_url(path) if path else settings.WAGTAILADMIN_BASE_URL
