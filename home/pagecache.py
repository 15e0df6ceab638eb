"""A whole-page cache for anonymous visitors, answering before any other
middleware runs (it is first in MIDDLEWARE): a stored page already carries
the headers the security middleware gave it, and static files and uploads
(served by WhiteNoise and the storage) are never looked up here.

Only responses the rest of the site has already judged public are stored:
PublicCacheHeadersMiddleware marks a response `Cache-Control: public` only
when it is a 200 GET for an anonymous visitor that sets no cookie, and never
for the admin, the status check, previews or form pages (those are
never_cache). Requests that carry a session or messages cookie (signed-in
staff, someone just shown a message) skip the cache without touching the
database (which is also why a stored page's `Vary: Cookie` holds: it is
only ever served to visitors without those cookies). Entries are keyed by
the full URL (host, path and query string, so filters and page numbers are
separate) under the site-wide content version
(home/cache.py), so a change is seen on the next request everywhere. Each
worker also keeps its own copy of the pages it served lately: a hit then
reads only the small version token from the shared cache, and a copy is used
only while that version is the one it was built under and the shared entry
has not expired.

The cache must be shared by every worker (Redis, the database or the file
cache): with a per-process memory cache one worker could keep serving a page
that another worker's publish made stale, so the middleware stays off with
one (settings.PAGE_CACHE_ENABLED overrides that, as the tests do); it is on
with Redis and with the file cache `make run` uses.
"""

import hashlib
import pickle
import time
from dataclasses import astuple, dataclass, fields

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from home.cache import VERSION_KEY, content_cache, current_version, page_timeout

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
NEVER_STORED_LIMIT = 1000
LOCAL_LIMIT = 200


def page_cache_enabled():
    if not page_timeout():
        return False
    explicitly_enabled = getattr(settings, "PAGE_CACHE_ENABLED", None)
    if explicitly_enabled is not None:
        return explicitly_enabled
    return not isinstance(content_cache(), LocMemCache)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = page_cache_enabled()
        self.never_stored = set()
        # {url: PageEntry}: this worker's copies of pages it served lately.
        self.local = {}
        self.skipped_prefixes = (*ADMIN_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
        # Read once: the names of cookies that mean "not an anonymous visitor
        # with nothing pending".
        self.private_cookies = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))

    def __call__(self, request):
        if not (self.enabled and self.may_answer_from_cache(request)):
            return self.get_response(request)
        url = page_url(request)
        if url in self.never_stored:
            return self.get_response(request)
        head = request.method == "HEAD"
        cache = content_cache()
        key = page_key(url)
        local = self.local.get(url)
        if local is None:
            found = cache.get_many([VERSION_KEY, key])
            version, stored = found.get(VERSION_KEY), found.get(key)
        else:
            version = cache.get(VERSION_KEY)
            if local.is_current(version):
                return local.response(head=head)
            stored = cache.get(key)  # the version is already read
        entry = PageEntry.from_stored(stored)
        if entry is not None and entry.is_current(version):
            self.keep_locally(url, entry)
            return entry.response(head=head)
        version = version or current_version()
        response = self.get_response(request)
        if request.method == "GET":
            if self.may_store(response):
                entry = PageEntry.of(response, version, page_timeout())
                cache.set(key, astuple(entry), page_timeout())
                self.keep_locally(url, entry)
            elif "no-store" in response.get("Cache-Control", ""):
                self.remember_never_stored(url)
        return response

    def keep_locally(self, url, entry):
        """A copy in this worker's memory, so that a hit reads only the small
        version token from the shared cache, not the whole page. It is used
        only while the shared version is still the one it was built under, so
        it can never be staler than the shared cache; bounded in number."""
        if len(self.local) >= LOCAL_LIMIT:
            self.local.clear()
        self.local[url] = entry

    def remember_never_stored(self, url):
        """Addresses whose view says never_cache (forms, the status check) skip
        the cache lookup next time: a lookup that can only miss costs as much
        as a hit. Only ever skips a read, so it can never serve anything
        stale; bounded so that made-up query strings cannot grow it forever."""
        if len(self.never_stored) >= NEVER_STORED_LIMIT:
            self.never_stored.clear()
        self.never_stored.add(url)

    def may_answer_from_cache(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.skipped_prefixes)
            and not any(name in request.COOKIES for name in self.private_cookies)
        )

    @staticmethod
    def may_store(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and "public" in cache_control
            and "private" not in cache_control
            and not response.cookies
            and not response.streaming
        )


def page_url(request):
    # get_host() checks ALLOWED_HOSTS, so no made-up host makes new entries;
    # the scheme keeps http and https apart (only https pages are stored
    # where SECURE_SSL_REDIRECT sends http visitors there).
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def page_key(url):
    return "page:" + hashlib.sha256(url.encode()).hexdigest()


@dataclass(frozen=True)
class PageEntry:
    """A stored page: the version it was built under, when it expires (wall
    clock, so a worker's copy never outlives the shared one), and the
    response pickled (unpickling a Django response is far cheaper than
    building a new one header by header)."""

    version: str
    expires_at: float
    pickled: bytes

    @classmethod
    def from_stored(cls, stored):
        """Stored as a plain tuple, which any release can read back: an entry
        in another shape (left by an earlier release) is a miss, never an error."""
        if isinstance(stored, tuple) and len(stored) == len(fields(cls)):
            return cls(*stored)
        return None

    @classmethod
    def of(cls, response, version, timeout):
        return cls(version, time.time() + timeout, pickle.dumps(response, pickle.HIGHEST_PROTOCOL))

    def is_current(self, version):
        return version is not None and self.version == version and time.time() < self.expires_at

    def response(self, *, head=False):
        response = pickle.loads(self.pickled)  # noqa: S301 - bytes this site pickled itself
        if head:
            response.content = b""
        return response
