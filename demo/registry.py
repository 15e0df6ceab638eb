"""The demo content of each app, in the order it is loaded.

An explicit list rather than a search through the installed apps, so that a
reader (or an editor's "go to definition") can follow `load_demo_content` to
every loader. Each module has `load(home_page, log)`, which adds only what is
missing, and `refresh_dates(home_page, log)`, which moves the dated items it
finds by slug back relative to today. Standard pages come first: the other
sections link to them."""

from . import home, news, opportunities, suggestions

DEMO_CONTENT = [home, news, opportunities, suggestions]
