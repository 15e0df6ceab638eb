"""Emails about records people send in.

Staff notifications carry the reference and an admin link only: personal
details stay in the admin, behind the Involvement team's permission, and never
sit in mailboxes. Every email is queued with the record (home/mail.py) and
sent by the worker after commit; a failure to send is retried and logged,
never allowed to lose or roll back the record.
"""

import logging

from django.template.loader import render_to_string

from home.admin_links import admin_link
from home.cache import default_site
from home.mail import queue_mail
from home.models import SiteSettings

logger = logging.getLogger(__name__)


def site_settings_for(request):
    """SiteSettings for the request's site, or the default site's outside a request."""
    if request is not None:
        return SiteSettings.for_request(request)
    site = default_site()
    return SiteSettings.for_site(site) if site else SiteSettings()


def send_after_commit(subject, template, context, recipients):
    """Queue `template` in the current transaction; the worker sends it after commit (home/mail.py)."""
    queue_mail(subject, render_to_string(template, context), recipients)


def notify_involvement_team(record, *, what, request=None):
    """Tell the team that `what` (e.g. "A new suggestion") has arrived."""
    site_settings = site_settings_for(request)
    if not site_settings.involvement_team_email:
        logger.warning("No Involvement team email in site settings; %s was not notified.", record.reference)
        return
    context = {"what": what, "reference": record.reference, "link": admin_link(record), "settings": site_settings}
    send_after_commit(
        f"{what}: {record.reference}",
        "records/emails/staff_notification.txt",
        context,
        [site_settings.involvement_team_email],
    )


def send_acknowledgement(record, *, to, subject, template, request=None, extra_context=None):
    """Send the person their reference, only when they gave an email address."""
    if not to:
        return
    site_settings = site_settings_for(request)
    context = {"record": record, "reference": record.reference, "settings": site_settings, **(extra_context or {})}
    send_after_commit(f"{subject} ({record.reference})", template, context, [to])
