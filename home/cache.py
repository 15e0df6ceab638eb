"""The site-wide content version: one token in the shared cache that changes
whenever anything a public page shows changes.

Everything cached from public content (whole anonymous pages, the navigation,
the site settings) is stored under the current version, so bumping it makes
every app server and every worker see the change on its next request: the old
entries are simply never read again and expire. Publishing is rare, so
throwing the whole site's cache away on each change costs little and can never
leave one page stale while another is fresh.

What bumps it: publishing, unpublishing, moving, saving or deleting any page;
saving or deleting a site, a setting, a snippet, an image or a document; and
saving or deleting the models in settings.PAGE_CACHE_CHANGED_BY (the records
whose answers and figures pages show). When a CDN or caching proxy is
configured (WAGTAILFRONTENDCACHE), every live page is purged from it too.
"""

import functools
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

VERSION_KEY = "site-content-version"
# Entries live at most this long (seconds) even if nothing changes, so that
# content that depends on the date (upcoming meetings, closing dates) moves on.
DEFAULT_TIMEOUT = 300


def content_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def content_timeout():
    """How long cached pieces of pages (settings, navigation) are kept."""
    return getattr(settings, "CONTENT_CACHE_SECONDS", DEFAULT_TIMEOUT)


def page_timeout():
    """How long whole anonymous pages are kept; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_TIMEOUT)


def current_version():
    """The current token, creating one the first time (add() so that two
    workers starting at once agree on a single token)."""
    cache = content_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    if version is None:
        # The shared cache is unreachable (Redis stopped: django-redis answers
        # "nothing" instead of raising). A token of this call alone means no
        # cached entry can ever match it, so pages are simply built afresh
        # until the cache is back, and nothing stale is served after.
        return uuid.uuid4().hex
    return version


def bump_version():
    """A new random token (not an increment: every backend can set a key,
    and no two servers can ever produce the same next value)."""
    content_cache().set(VERSION_KEY, uuid.uuid4().hex, None)


def cached_content(name, build, *parts):
    """`build()` once per content version (and at most every timeout
    seconds), shared by every worker through the configured cache.

    The entry is stored with the version it was built under and read in the
    same round trip as the current version (as the page cache does), so a
    hit costs one cache read; an entry from an older version is never used.
    """
    key = ":".join(["content", name, *(str(part) for part in parts)])
    cache = content_cache()
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    # Read before building: a change made while building leaves this entry
    # under the old version, where it is never read again.
    version = version or current_version()
    value = build()
    cache.set(key, (version, value), content_timeout())
    return value


# --- What changes public content -------------------------------------------------


def content_changed(**kwargs):
    """Bump now (so this request's later reads see the change) and again when
    the transaction commits (so a page rendered by another worker between the
    two, from the old rows, is not kept under the new version)."""
    bump_version()
    if not after_commit_pending():
        transaction.on_commit(after_content_change_committed)


def after_commit_pending():
    """Whether this transaction already bumps and purges when it commits: a
    publish saves many rows, and the CDN needs purging only once."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        callback is after_content_change_committed for _savepoints, callback, _robust in connection.run_on_commit
    )


def after_content_change_committed():
    bump_version()
    purge_frontend_cache()


def purge_frontend_cache():
    """Purge every live page from the CDN or caching proxy, if one is
    configured: a change can show on any page (navigation, footer, listings)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(Page.objects.live().specific(defer=True))


@functools.cache
def models_that_change_content():
    """Worked out on first use, once every app has registered its snippets."""
    from wagtail.contrib.settings.models import AbstractSetting
    from wagtail.snippets.models import get_snippet_models

    named = [apps.get_model(label) for label in getattr(settings, "PAGE_CACHE_CHANGED_BY", [])]
    media = [apps.get_model("wagtailimages", "Image"), apps.get_model("wagtaildocs", "Document")]
    shown = [model for model in apps.get_models() if issubclass(model, (Page, AbstractSetting))]
    return frozenset({Site, *shown, *get_snippet_models(), *media, *named})


def model_saved_or_deleted(sender, created=False, **kwargs):
    if sender in models_that_change_content() and not is_default_setting_created(sender, created):
        content_changed()


def is_default_setting_created(sender, created):
    """A site's settings row made with its defaults on first use changes
    nothing a page shows (the page being rendered already uses it); editing
    it later is a save like any other."""
    from wagtail.contrib.settings.models import AbstractSetting

    return created and issubclass(sender, AbstractSetting)


def connect_content_signals():
    post_save.connect(model_saved_or_deleted, dispatch_uid="content-model-saved")
    post_delete.connect(model_saved_or_deleted, dispatch_uid="content-model-deleted")
    for signal in (page_published, page_unpublished, pre_page_move, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"content-{id(signal)}")


# --- Per-request work done once per content version --------------------------------


class SharedCacheSiteSetting:
    """Mixin for a BaseSiteSetting: `for_site` (and so `for_request` and the
    `settings` template variable) reads the shared cache instead of running
    a query on every page. Saving the setting bumps the version."""

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        parent = super()
        return cached_content(cls._meta.label, lambda: parent.for_site(site), site.pk)


def site_for_request(request):
    """Wagtail's Site.find_for_request, with the answer (and the site's
    specific root page, which every page's routing starts from) kept in the
    shared cache per host and port."""

    def find():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - cached on the instance, and pickled with it
        return site

    return cached_content("site", find, request.get_host(), request.get_port())


def default_site():
    """The default Wagtail site, for work done outside a request (emails,
    scheduled jobs): kept in the shared cache, so a run that writes to
    thousands of subscribers looks it up once."""
    return cached_content("default-site", lambda: Site.objects.filter(is_default_site=True).first())
