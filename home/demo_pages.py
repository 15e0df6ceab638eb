"""Idempotent page creation for the demo content loaders of every app."""

import json

from wagtail.models import Page


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


def home_page():
    from home.models import HomePage

    return HomePage.objects.first()


def get_root():
    return Page.get_first_root_node()
