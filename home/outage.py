"""What people see while the database is down.

A 503 page that needs neither the database nor the request's site: it says
nothing sent in the last minute was received, and gives the phone number and
drop-in details from a copy of the site settings kept in the cache (written
whenever the settings are saved, and refreshed by /healthz). Without that
copy it falls back to wording that needs no details. The site recovers on
its own: Django opens a fresh connection for the next request.
"""

import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string

from .models import SiteSettings

CONTACT_CACHE_KEY = "outage-contact-details"
CONTACT_FIELDS = ("organisation_name", "phone", "text_number", "hub_address", "hub_opening_times")
# Errors that mean "cannot reach the database", as opposed to a bug in a query.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def is_database_outage(exception):
    # SQLite also raises OperationalError for a bad query, so ask the
    # database before blaming an outage.
    return isinstance(exception, OUTAGE_ERRORS) and not database_answers()


def handling_database_outage():
    """True inside Django's handler for an uncaught error caused by the database being unreachable."""
    return is_database_outage(sys.exc_info()[1])


def remember_contact_details(site_settings):
    cache.set(CONTACT_CACHE_KEY, {name: getattr(site_settings, name) for name in CONTACT_FIELDS}, None)


@receiver(post_save, sender=SiteSettings)
def remember_saved_contact_details(sender, instance, **kwargs):
    if instance.site.is_default_site:
        remember_contact_details(instance)


def remember_default_site_contact_details_if_missing():
    if cache.get(CONTACT_CACHE_KEY) is not None:
        return
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        remember_contact_details(SiteSettings.for_site(site))


def remembered_contact_details():
    try:
        return cache.get(CONTACT_CACHE_KEY)
    except Exception:  # the page must render whatever else is broken
        return None


def outage_response():
    html = render_to_string("503.html", {"contact": remembered_contact_details()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "120"
    response["Cache-Control"] = "no-store"
    return response
