"""The emails subscribers get, each with a plain-text and a simple HTML part,
queued on the durable task queue (home/mail.py). Every email about updates
carries a one-click unsubscribe link and the List-Unsubscribe headers
(RFC 8058), so mail programs can offer their own Unsubscribe button."""

from django.template.loader import render_to_string
from django.urls import reverse

from home.cache import default_site
from home.mail import queue_mail
from records.notifications import site_settings_for

from .tokens import CONFIRM, MANAGE, make_token


def full_url(path):
    """An address for links in emails, which are sent outside any request."""
    site = default_site()
    root = site.root_url if site else ""
    return f"{root.rstrip('/')}{path}"


def links_for(subscriber):
    token = make_token(subscriber, MANAGE)
    return {
        "manage_url": full_url(reverse("updates:manage", args=[token])),
        "unsubscribe_url": full_url(reverse("updates:unsubscribe", args=[token])),
    }


def unsubscribe_headers(unsubscribe_url):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def queue_both_parts(subject, template, context, to, headers=None):
    context = {"settings": site_settings_for(None), **context}
    text = render_to_string(f"updates/emails/{template}.txt", context)
    html = render_to_string(f"updates/emails/{template}.html", context)
    queue_mail(subject, text, [to], html=html, headers=headers)


def send_confirmation(subscriber):
    confirm_url = full_url(reverse("updates:confirm", args=[make_token(subscriber, CONFIRM)]))
    queue_both_parts("Confirm your email updates", "confirm", {"confirm_url": confirm_url}, subscriber.email)


def send_already_subscribed(subscriber):
    """Someone signed up with an address that is already confirmed: tell the
    owner how to change their choices, and tell the form filler nothing."""
    queue_both_parts("Your email updates", "already_subscribed", links_for(subscriber), subscriber.email)


def send_updates(subscriber, announcements, *, digest=False):
    links = links_for(subscriber)
    if digest:
        subject = f"This week: {len(announcements)} update{'s' if len(announcements) != 1 else ''}"
    else:
        subject = announcements[0].title
    context = {"announcements": announcements, "digest": digest, **links}
    queue_both_parts(subject, "updates", context, subscriber.email, unsubscribe_headers(links["unsubscribe_url"]))
