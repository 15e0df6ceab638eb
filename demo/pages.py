"""Idempotent page creation for the demo content loaders of every app, and the
date arithmetic that keeps demo content relative to the day it is loaded."""

import json
from datetime import timedelta

from django.utils import timezone


def days_from_today(days):
    """The date `days` after today (before it when negative), in the site's time zone."""
    return timezone.localdate() + timedelta(days=days)


def weekday_on_or_before(day, weekday):
    """The latest date on or before `day` that falls on `weekday` (Monday is 0),
    so that a meeting held "every Thursday" is dated on a Thursday."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def details(summary, html):
    return {"type": "details", "value": {"summary": summary, "content": html}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def stream(*blocks):
    """StreamField content as the JSON Wagtail stores."""
    return json.dumps(list(blocks))


def ensure_child_page(parent, model, slug, **fields):
    """The live child of `parent` with `slug`, created and published if missing.
    An existing page is left exactly as it is: a second run changes nothing,
    and edits staff made to demo pages are never overwritten."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def refresh_child_page(parent, slug, **fields):
    """Give the child of `parent` with `slug` new values for its dated fields and
    publish that as a new revision, so the editor and the live page agree.
    Returns False when there is no such page (staff deleted it, or it was never
    loaded): nothing is created here, so a refresh never duplicates anything."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        return False
    return refresh_page(existing.specific, **fields)


def refresh_page(page, **fields):
    """Set new values on a live demo page and publish them as a new revision."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return True
