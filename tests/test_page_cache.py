"""The anonymous page cache (home/pagecache.py) and the content version that
keeps it, and every other cached piece of a page, never stale (home/cache.py).

"Served from the cache" is shown by a request that runs no SQL at all."""

import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from home.cache import after_content_change_committed, bump_version, current_version
from home.models import FooterSettings
from home.pagecache import AnonymousPageCacheMiddleware, page_cache_enabled, page_key, page_url
from tests.factories.home import StandardPageFactory, UserFactory
from tests.factories.news import MeetingGroupFactory, MeetingIndexPageFactory, MeetingMinutesPageFactory
from tests.factories.suggestions import SuggestionFactory, SuggestionPageFactory, YouSaidWeDidPageFactory

REDIS_FOR_TESTS = "redis://127.0.0.1:6379/4"


def fetch(client, url, **extra):
    """The response and how many SQL queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def assert_cached(client, url):
    """The page is stored by the first request and answered by the second without SQL."""
    first, _ = fetch(client, url)
    assert first.status_code == 200
    second, queries = fetch(client, url)
    assert queries == 0, f"{url} was not served from the page cache"
    assert second.content == first.content
    return second


@pytest.fixture
def about(home_page, site_settings):
    # Created here, not by the first page view (whose save would rightly drop the cache).
    FooterSettings.for_site(home_page.get_site())
    return StandardPageFactory(parent=home_page, title="About us", slug="about", introduction="Who we are.")


# --- What is cached, and how ------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_page_is_served_from_the_cache_with_its_headers(client, about):
    response = assert_cached(client, "/about/")
    assert "About us" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=300"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Frame-Options"] == "DENY"
    assert not response.cookies


@pytest.mark.django_db
def test_head_is_answered_from_the_cache_without_a_body(client, about):
    assert_cached(client, "/about/")
    response, queries = fetch(client, "/about/", REQUEST_METHOD="HEAD")
    assert queries == 0 and response.status_code == 200 and response.content == b""


@pytest.mark.django_db
def test_the_key_is_the_full_url_so_query_strings_are_separate_pages(client, about):
    assert_cached(client, "/about/")
    response, queries = fetch(client, "/about/?utm_source=newsletter")
    assert queries > 0 and response.status_code == 200
    assert fetch(client, "/about/?utm_source=newsletter")[1] == 0


@pytest.mark.django_db
def test_not_found_pages_and_redirects_are_not_stored(client, about):
    fetch(client, "/no-such-page/")
    assert fetch(client, "/no-such-page/")[1] > 0
    # An editor's redirect answers from the database every time: removing
    # it takes effect at once, though removing one changes no content.
    redirect = Redirect.objects.create(old_path="/old-about", redirect_page=about)
    for _ in range(2):
        response = client.get("/old-about/")
        assert response.status_code == 301 and response["Location"].endswith("/about/")
    redirect.delete()
    assert client.get("/old-about/").status_code == 404


# --- Never stale ------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_change_is_seen_on_the_next_request(client, about):
    assert_cached(client, "/about/")
    about.title = "About the partnership"
    about.save_revision().publish()
    assert "About the partnership" in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_a_new_page_shows_in_the_navigation_of_cached_pages(client, about):
    assert "Our policy" not in assert_cached(client, "/about/").content.decode()
    StandardPageFactory(parent=about.get_parent(), title="Our policy", slug="policy", show_in_menus=True)
    assert "Our policy" in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_on_the_next_request(client, about):
    assert_cached(client, "/about/")
    about.unpublish()
    assert client.get("/about/").status_code == 404


@pytest.mark.django_db
def test_a_moved_page_answers_at_its_new_address_only(client, home_page, about):
    section = StandardPageFactory(parent=home_page, title="Our work", slug="our-work")
    assert_cached(client, "/about/")
    about.move(section, pos="last-child")
    # Wagtail leaves a redirect from the old address.
    assert client.get("/about/")["Location"] == "/our-work/about/"
    assert client.get("/our-work/about/").status_code == 200


@pytest.mark.django_db
def test_a_deleted_page_is_gone_on_the_next_request(client, about):
    assert_cached(client, "/about/")
    about.delete()
    assert client.get("/about/").status_code == 404


@pytest.mark.django_db
def test_changed_site_settings_show_on_every_cached_page(client, about, site_settings):
    assert "Test Involvement" in assert_cached(client, "/about/").content.decode()
    site_settings.organisation_name = "Merseyside Voices"
    site_settings.phone = "0151 496 0999"
    site_settings.save()
    html = client.get("/about/").content.decode()
    assert "Merseyside Voices" in html and "0151 496 0999" in html


@pytest.mark.django_db
def test_changed_footer_links_show_on_cached_pages(client, home_page, about):
    assert "Privacy notice" not in assert_cached(client, "/about/").content.decode()
    footer = FooterSettings.for_site(home_page.get_site())
    footer.links = [("link", {"page": about, "title": "Privacy notice"})]
    footer.save()
    assert "Privacy notice" in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_a_published_answer_shows_on_you_said_we_did_at_once(client, home_page, about):
    YouSaidWeDidPageFactory(parent=home_page)
    SuggestionPageFactory(parent=home_page)
    assert "We opened on Saturdays" not in assert_cached(client, "/you-said-we-did/").content.decode()
    SuggestionFactory(published=True, public_answer="We opened on Saturdays")
    assert "We opened on Saturdays" in client.get("/you-said-we-did/").content.decode()


@pytest.mark.django_db
def test_a_renamed_snippet_shows_on_cached_listings(client, home_page, about):
    group = MeetingGroupFactory(name="Carers forum")
    index = MeetingIndexPageFactory(parent=home_page)
    MeetingMinutesPageFactory(parent=index, group=group)
    assert "Carers forum" in assert_cached(client, "/meetings/").content.decode()
    group.name = "Carers and families forum"
    group.save()
    assert "Carers and families forum" in client.get("/meetings/").content.decode()


# --- Never cached -----------------------------------------------------------------


@pytest.mark.django_db
def test_form_pages_are_never_stored(client, home_page, site_settings):
    SuggestionPageFactory(parent=home_page)
    for _ in range(2):
        response, queries = fetch(client, "/have-your-say/")
        assert queries > 0 and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_status_check_is_never_stored(client, home_page, site_settings):
    SuggestionPageFactory(parent=home_page)
    suggestion = SuggestionFactory()
    for _ in range(2):
        response, queries = fetch(client, "/check/", data={"reference": suggestion.reference})
        assert queries > 0 and "no-store" in response["Cache-Control"]


def test_a_public_response_that_sets_a_cookie_is_not_stored():
    """A page that hands out a cookie (a CSRF token, say) is never replayed to someone else."""
    response = HttpResponse("A page with a form")
    response["Cache-Control"] = "public, max-age=300"
    assert AnonymousPageCacheMiddleware.may_store(response) is True
    response.set_cookie("csrftoken", "token-for-one-visitor")
    assert AnonymousPageCacheMiddleware.may_store(response) is False


@pytest.mark.django_db
def test_signed_in_staff_never_get_or_leave_a_cached_page(client, about):
    assert_cached(client, "/about/")
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response, queries = fetch(client, "/about/")
    assert queries > 0 and "no-store" not in response.get("Cache-Control", "")
    assert "wagtail-userbar" in response.content.decode()
    client.logout()
    client.cookies.clear()
    assert "wagtail-userbar" not in fetch(client, "/about/")[0].content.decode()


@pytest.mark.django_db
def test_a_visitor_with_a_session_or_messages_cookie_skips_the_cache(client, about):
    assert_cached(client, "/about/")
    for cookie in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[cookie] = "anything"
        assert fetch(client, "/about/")[1] > 0


class CountingView:
    """A public page whose every build is counted."""

    def __init__(self):
        self.builds = 0

    def __call__(self, request):
        self.builds += 1
        response = HttpResponse(f"Build {self.builds}")
        response["Cache-Control"] = "public, max-age=300"
        return response


def test_a_workers_own_copy_is_used_only_while_the_shared_version_holds(rf):
    view = CountingView()
    worker, other_worker = AnonymousPageCacheMiddleware(view), AnonymousPageCacheMiddleware(view)
    assert worker(rf.get("/about/")).content == b"Build 1"
    shared = caches["default"]
    with mock.patch.object(type(shared), "get_many", side_effect=shared.get_many) as page_reads:
        assert worker(rf.get("/about/")).content == b"Build 1"
    assert page_reads.call_count == 0  # only the version token was read
    assert other_worker(rf.get("/about/")).content == b"Build 1"  # from the shared cache

    bump_version()  # content changed, by this or any other server
    assert worker(rf.get("/about/")).content == b"Build 2"
    assert other_worker(rf.get("/about/")).content == b"Build 2"
    assert view.builds == 2


def test_a_workers_own_copy_expires_with_the_shared_entry(rf, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 60
    view = CountingView()
    worker = AnonymousPageCacheMiddleware(view)
    worker(rf.get("/about/"))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert worker(rf.get("/about/")).content == b"Build 2"


def test_an_entry_left_by_an_earlier_release_is_a_miss_not_an_error(rf):
    view = CountingView()
    caches["default"].set(page_key(page_url(rf.get("/about/"))), (current_version(), HttpResponse("Old shape")))
    assert AnonymousPageCacheMiddleware(view)(rf.get("/about/")).content == b"Build 1"


def test_previews_and_the_admin_are_never_answered_from_the_cache(rf):
    middleware = AnonymousPageCacheMiddleware(lambda request: HttpResponse())
    assert middleware.may_answer_from_cache(rf.get("/about/"))
    assert not middleware.may_answer_from_cache(rf.get("/admin/pages/3/edit/preview/"))
    assert not middleware.may_answer_from_cache(rf.get("/admin/login/"))


def test_static_files_and_uploads_are_never_looked_up_or_stored(rf):
    """The page cache runs first, before WhiteNoise: a static file's own
    `public` caching must not land a copy in the page cache."""
    answered = []

    def view(request):
        answered.append(request.path)
        response = HttpResponse("body { color: black }")
        response["Cache-Control"] = "max-age=315360000, public, immutable"
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    for path in ("/static/css/site.abc123.css", "/media/images/poster.png"):
        for _ in range(2):
            middleware(rf.get(path))
    assert answered == ["/static/css/site.abc123.css"] * 2 + ["/media/images/poster.png"] * 2


@pytest.mark.django_db
def test_a_cached_page_keeps_the_security_headers(client, about):
    """The cache answers before the security middleware, so what it stored
    must already carry every header a freshly built page gets."""
    fresh = client.get("/about/")
    cached = assert_cached(client, "/about/")
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert cached[header] == fresh[header], header


@pytest.mark.django_db
def test_posts_are_never_answered_from_the_cache(client, about):
    assert_cached(client, "/about/")
    with CaptureQueriesContext(connection) as captured:
        client.post("/about/", {})
    assert len(captured) > 0


# --- Where it runs -----------------------------------------------------------------


def test_a_per_process_memory_cache_is_not_used_for_pages_unless_asked(settings):
    del settings.PAGE_CACHE_ENABLED
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert page_cache_enabled() is False
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tempfile.mkdtemp()}
    }
    assert page_cache_enabled() is True
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache_enabled() is False


def test_make_run_uses_a_cache_its_workers_share_when_there_is_no_redis():
    from config.settings import base

    if not base.REDIS_URL:
        assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"


def redis_reachable():
    try:
        return redis.Redis.from_url(REDIS_FOR_TESTS, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def shared_cache(backend, location, prefix):
    return {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": prefix}


@pytest.fixture(params=["redis", "file"])
def two_servers(request, settings):
    """Two app servers: two separate cache clients on the same Redis database
    (production) or the same cache folder (`make run`)."""
    prefix = f"sui-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not redis_reachable():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        config = shared_cache("django_redis.cache.RedisCache", REDIS_FOR_TESTS, prefix)
    else:
        config = shared_cache("django.core.cache.backends.filebased.FileBasedCache", tempfile.mkdtemp(), prefix)
    settings.CACHES = {**settings.CACHES, "server_a": config, "server_b": dict(config)}
    yield
    for alias in ("server_a", "server_b"):
        if request.param == "redis":
            caches[alias].delete_pattern("*")
        else:
            caches[alias].clear()


@pytest.mark.django_db
def test_a_change_made_on_one_server_is_seen_by_the_other(client, settings, two_servers, about, site_settings):
    assert caches["server_a"] is not caches["server_b"]
    settings.PAGE_CACHE_ALIAS = "server_a"
    assert_cached(client, "/about/")
    settings.PAGE_CACHE_ALIAS = "server_b"
    assert fetch(client, "/about/")[1] == 0  # the other server reads the same stored page
    about.title = "About the partnership"
    about.save_revision().publish()  # published through server B
    settings.PAGE_CACHE_ALIAS = "server_a"
    assert "About the partnership" in client.get("/about/").content.decode()
    settings.PAGE_CACHE_ALIAS = "server_b"
    site_settings.organisation_name = "Merseyside Voices"
    site_settings.save()
    settings.PAGE_CACHE_ALIAS = "server_a"
    assert "Merseyside Voices" in client.get("/about/").content.decode()


# --- A CDN or caching proxy in front -------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caching_proxy(settings, about):
    # The test's transaction never commits: count the fixtures' changes as
    # committed, so that the change under test is the first one waiting.
    connection.run_on_commit.clear()
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_purges_the_caching_proxy(caching_proxy, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About the partnership"
        about.save_revision().publish()
    purged = {path for _host, path in caching_proxy.purged}
    # The page itself and every other live page (navigation and listings show it too).
    assert {"/", "/about/"} <= purged
    assert {host for host, _path in caching_proxy.purged} == {"localhost"}


@pytest.mark.django_db
def test_without_a_caching_proxy_nothing_is_purged(settings, about, django_capture_on_commit_callbacks):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    connection.run_on_commit.clear()  # the fixtures' changes count as committed
    with (
        mock.patch("wagtail.contrib.frontend_cache.utils.purge_pages_from_cache") as purge,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        about.save_revision().publish()
    assert callbacks  # the after-commit bump ran
    purge.assert_not_called()


@pytest.mark.django_db
def test_many_changes_in_one_transaction_purge_the_proxy_once(caching_proxy, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for number in range(3):
            about.title = f"About us, version {number}"
            about.save_revision().publish()
    assert callbacks.count(after_content_change_committed) == 1
    assert sorted(path for _host, path in caching_proxy.purged).count("/about/") == 1
