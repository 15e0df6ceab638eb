"""The foundation: pages, settings, demo content, search, errors, security."""

import os
import re
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import DatabaseError
from django.test import RequestFactory
from django.urls import reverse
from laces.components import Component
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.blocks import BodyBlock
from home.models import HomePage, StandardPage
from home.templatetags.home_tags import document_meta, human_size
from tests.factories.home import StandardPageFactory

FIXED_URLS = ["/", "/about/", "/ladder-of-participation/", "/policy/", "/privacy/", "/accessibility/"]


# --- Pages ------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_renders_title_introduction_and_navigation(client, site_settings, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your voice, your services" in html
    assert "Find ways to have your say." in html
    assert '<nav class="main-nav" aria-label="Main">' in html
    assert 'href="/about/"' in html
    assert "Test Involvement" in html  # organisation name from site settings


@pytest.mark.django_db
def test_home_page_shows_sections_registered_by_feature_apps_and_skips_empty_ones(client, home_page):
    class Section(Component):
        def render_html(self, parent_context=None):
            return "<section><h2>Latest from a feature app</h2></section>"

    with (
        hooks.register_temporarily("home_page_sections", lambda request, page: Section()),
        hooks.register_temporarily("home_page_sections", lambda request, page: None),
    ):
        html = client.get("/").content.decode()
    assert "Latest from a feature app" in html


@pytest.mark.django_db
def test_standard_page_renders_body_blocks_version_and_review_dates(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Our policy",
        slug="policy",
        version="4.1",
        last_reviewed="2026-05-14",
        next_review="2027-05-14",
        body=[
            ("heading", {"text": "Our values", "level": "h2"}),
            ("paragraph", "<p>We work in the open.</p>"),
            ("details", {"summary": "Can I bring someone?", "content": "<p>Yes.</p>"}),
            ("quote", {"quote": "It made a difference.", "attribution": "Forum member"}),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<h2 class="heading-l">Our values</h2>' in html
    assert "We work in the open." in html
    assert "<summary" in html and "Can I bring someone?" in html
    assert "It made a difference." in html
    assert "<dt>Version</dt><dd>4.1</dd>" in html
    assert "14 May 2027" in html
    # Breadcrumbs lead back home.
    assert 'aria-label="Breadcrumb"' in html and ">Home</a>" in html


@pytest.mark.django_db
def test_every_page_has_skip_link_landmarks_and_no_third_party_requests(client, demo_site):
    for url in FIXED_URLS:
        html = client.get(url).content.decode()
        assert '<html lang="en-GB"' in html, url
        assert 'href="#main-content"' in html and 'id="main-content"' in html, url
        assert "<header" in html and "<footer" in html and "<main" in html, url
        assert "http://" not in html.replace("http://testserver", "").replace("http://localhost", ""), url
        assert "https://" not in html, url


@pytest.mark.django_db
def test_meta_description_and_open_graph_tags(client, demo_site):
    html = client.get("/about/").content.decode()
    assert '<meta name="description" content="People who use services help to plan' in html
    assert '<meta property="og:title" content="About service user involvement">' in html


# --- Blocks and documents ----------------------------------------------------


@pytest.mark.django_db
def test_image_block_requires_alt_text_unless_decorative():
    from django.core.exceptions import ValidationError
    from wagtail_factories import ImageFactory

    block = BodyBlock().child_blocks["image"]
    image = ImageFactory(description="")
    value = block.normalize({"image": image, "decorative": False, "alt_text": ""})
    with pytest.raises(ValidationError):
        block.clean(value)
    decorative = block.normalize({"image": image, "decorative": True, "alt_text": ""})
    assert block.clean(decorative)


def test_call_to_action_needs_exactly_one_destination():
    from django.core.exceptions import ValidationError

    block = BodyBlock().child_blocks["call_to_action"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Go", "page": None, "url": ""}))
    assert block.clean(block.to_python({"text": "Go", "page": None, "url": "https://example.org"}))


@pytest.mark.parametrize(
    "size, expected", [(900, "900 bytes"), (240 * 1024, "240 KB"), (int(2.5 * 1024 * 1024), "2.5 MB")]
)
def test_human_size(size, expected):
    assert human_size(size) == expected


@pytest.mark.django_db
def test_document_links_say_type_and_size(client, home_page):
    Document = get_document_model()
    document = Document(title="Spring newsletter")
    document.file.save("spring.pdf", ContentFile(b"%PDF-1.4 " + b"x" * (240 * 1024)), save=False)
    document.save()
    assert document_meta(document) == "PDF, 240 KB"
    page = StandardPageFactory(
        parent=home_page,
        slug="docs",
        body=[("documents", {"heading": "Downloads", "documents": [{"document": document, "label": ""}]})],
    )
    html = client.get(page.url).content.decode()
    assert "Spring newsletter</a>" in html
    assert "(PDF, 240 KB)" in html


@pytest.mark.django_db
def test_document_upload_refuses_types_outside_the_allowlist(client, superuser, home_page):
    client.force_login(superuser)
    upload = ContentFile(b"MZ\x90\x00 not a document", name="virus.exe")
    response = client.post(reverse("wagtaildocs:add"), {"title": "Bad", "file": upload, "collection": 1})
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in response.content.decode()
    assert not get_document_model().objects.filter(title="Bad").exists()


@pytest.mark.django_db
def test_document_upload_refuses_files_over_the_size_cap(client, superuser, home_page, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(superuser)
    upload = ContentFile(b"%PDF-1.4" + b"x" * 4096, name="big.pdf")
    response = client.post(reverse("wagtaildocs:add"), {"title": "Big", "file": upload, "collection": 1})
    assert "This file is too big" in response.content.decode()
    assert not get_document_model().objects.filter(title="Big").exists()


@pytest.mark.django_db
def test_image_upload_refuses_types_outside_the_allowlist(client, superuser, home_page):
    client.force_login(superuser)
    upload = ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>", name="drawing.svg")
    response = client.post(reverse("wagtailimages:add"), {"title": "Bad", "file": upload, "collection": 1})
    assert "Not a supported image format" in response.content.decode()


# --- Editors: page type rules ---------------------------------------------


@pytest.mark.django_db
def test_page_type_rules(home_page):
    assert StandardPage.can_exist_under(home_page)
    assert not HomePage.can_exist_under(home_page)  # only one home page, at the root
    assert HomePage.max_count == 1


@pytest.mark.django_db
def test_editor_can_create_a_standard_page_in_the_admin(client, superuser, home_page):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Volunteering",
            "slug": "volunteering",
            "introduction": "How to volunteer.",
            "body": streamfield([("paragraph", rich_text("<p>Come and help.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert StandardPage.objects.get(slug="volunteering").live
    assert "Come and help." in client.get("/volunteering/").content.decode()


# --- Demo content -------------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_is_idempotent_and_serves_every_fixed_url(client):
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages_after_first_run = Page.objects.count()
    revisions_after_first_run = Page.objects.filter(live=True).count()
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Page.objects.count() == pages_after_first_run
    assert Page.objects.filter(live=True).count() == revisions_after_first_run
    for url in FIXED_URLS:
        assert client.get(url).status_code == 200, url
    ladder = client.get("/ladder-of-participation/").content.decode()
    for rung in ("information", "consultation", "participation", "partnership", "control"):
        assert f'href="/get-involved/?rung={rung}"' in ladder
    policy = client.get("/policy/").content.decode()
    assert "<dt>Version</dt>" in policy and "<dt>Next review</dt>" in policy
    footer = client.get("/").content.decode()
    assert "0151 496 0123" in footer and "Lived Experience Hub" in footer


# --- Search -------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_demo_content_and_paginates_safely(client, demo_site):
    response = client.get("/search/", {"query": "cookies"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Privacy notice" in html
    assert client.get("/search/", {"query": "hub", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"query": "hub", "page": "99999"}).status_code == 200
    empty = client.get("/search/", {"query": "zzzxqv"}).content.decode()
    assert "0 results" in empty


@pytest.mark.django_db
def test_search_never_returns_drafts_or_private_pages(client, home_page):
    from wagtail.models import PageViewRestriction

    StandardPageFactory(parent=home_page, title="Zebra crossing live", slug="zebra-live")
    StandardPageFactory(parent=home_page, title="Zebra crossing draft", slug="zebra-draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Zebra crossing private", slug="zebra-private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    hidden_section = StandardPageFactory(parent=home_page, title="Staff only", slug="staff-only")
    PageViewRestriction.objects.create(page=hidden_section, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=hidden_section, title="Zebra crossing under a private section", slug="zebra-under")
    # A live page whose newer draft has not been published: only the live words are found.
    changed = StandardPageFactory(parent=home_page, title="Giraffe notes", slug="giraffe")
    changed.title = "Zebra crossing unpublished change"
    changed.save_revision()

    html = client.get("/search/", {"query": "zebra"}).content.decode()
    assert "Zebra crossing live" in html
    for hidden in ("draft", "private", "under a private section", "unpublished change"):
        assert f"Zebra crossing {hidden}" not in html
    assert "1 result" in html


@pytest.mark.django_db
def test_search_query_is_escaped(client, demo_site):
    html = client.get("/search/", {"query": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


# --- Errors, health, robots, sitemap -----------------------------------------------


@pytest.mark.django_db
def test_unknown_url_gives_the_sites_own_404(client, site_settings):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Other ways to get in touch" in html and "0151 496 0000" in html


@pytest.mark.django_db
def test_500_page_is_plain_and_helpful(client):
    from home.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "task_queue": "immediate",
    }


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_robots_and_sitemap(client, demo_site):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/ladder-of-participation/</loc>" in sitemap.content.decode()


@pytest.mark.django_db
def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


# --- Security and configuration -----------------------------------------------------


@pytest.mark.django_db
def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


# The whole Content-Security-Policy, pinned: widening any directive (say an
# 'unsafe-inline' or another host in script-src) must be a decision that
# changes this test too.
EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def parse_csp(header):
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/search/?query=hub", "/no-such-page/"])
def test_content_security_policy_is_exactly_the_pinned_one(client, site_settings, path):
    assert parse_csp(client.get(path)["Content-Security-Policy"]) == EXPECTED_CSP


@pytest.mark.django_db
def test_a_widened_script_src_fails_the_pinned_policy(client, site_settings, settings):
    widened = {**settings.CONTENT_SECURITY_POLICY}
    widened["DIRECTIVES"] = {**widened["DIRECTIVES"], "script-src": ["'self'", "https://cdn.example.com"]}
    settings.CONTENT_SECURITY_POLICY = widened
    assert parse_csp(client.get("/")["Content-Security-Policy"]) != EXPECTED_CSP


def run_settings_check(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_production_settings_keep_the_proxy_ssl_header():
    """Behind the TLS-terminating proxy, without this every request looks like
    plain HTTP: redirect loops, and secure cookies and CSRF checks misfire."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "sui.example.org"})
    code = "from config.settings import production as p; print(p.SECURE_PROXY_SSL_HEADER, p.SECURE_SSL_REDIRECT)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True", result.stderr


def test_production_settings_refuse_a_missing_secret_key():
    result = run_settings_check({"DJANGO_ALLOWED_HOSTS": "sui.example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_missing_allowed_hosts():
    result = run_settings_check({"DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_settings_check(
        {"DJANGO_SECRET_KEY": "k3y-" + "a8Zq!x9" * 10, "DJANGO_ALLOWED_HOSTS": "sui.example.org"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_url_selects_the_redis_cache():
    code = "from config.settings import base; print(base.CACHES['default']['BACKEND'])"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)  # noqa: S603
    assert result.stdout.strip() == "django_redis.cache.RedisCache"


# --- Setup for `make run` ------------------------------------------------------------


@pytest.mark.django_db
def test_setup_site_loads_demo_once_and_creates_admin_with_the_given_password(settings, monkeypatch):
    from io import StringIO

    from django.contrib.auth import authenticate

    settings.DEBUG = True
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-test-password")
    out = StringIO()
    call_command("setup_site", stdout=out)
    assert HomePage.objects.count() == 1
    assert authenticate(RequestFactory().post("/admin/login/"), username="admin", password="a-long-test-password")
    pages = Page.objects.count()
    call_command("setup_site", stdout=StringIO())
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_setup_site_prints_a_random_password_once(settings, monkeypatch):
    from io import StringIO

    from django.contrib.auth import authenticate

    settings.DEBUG = True
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("setup_site", stdout=out)
    password = out.getvalue().split("with password: ")[1].split()[0]
    assert authenticate(RequestFactory().post("/admin/login/"), username="admin", password=password)
    again = StringIO()
    call_command("setup_site", stdout=again)
    assert password not in again.getvalue()


@pytest.mark.django_db
def test_setup_site_refuses_to_run_without_debug(settings):
    from django.core.management import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("setup_site")


def test_concurrent_sqlite_writers_lose_nothing(tmp_path):
    """Four processes each make 40 read-then-write transactions on one SQLite
    file with the project's settings: every write is stored, none fails."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.support.sqlite_writers", str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert result.returncode == 0, result.stderr
    assert "stored=160 failures=0 expected=160" in result.stdout, result.stdout + result.stderr


@pytest.mark.django_db
def test_public_pages_may_be_cached_but_not_for_signed_in_staff(client, demo_site, superuser):
    response = client.get("/about/")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    client.force_login(superuser)
    signed_in = client.get("/about/")
    assert "public" not in signed_in.get("Cache-Control", "")


@pytest.mark.django_db
def test_views_that_opt_out_of_caching_keep_their_headers(client, home_page):
    response = client.get("/healthz")
    assert "public" not in response.get("Cache-Control", "")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "public" not in client.get("/no-such-page/").get("Cache-Control", "")


@pytest.mark.django_db
def test_500_page_after_a_form_post_says_the_form_was_not_received(client, rf):
    from home.views import server_error

    html = server_error(rf.post("/have-your-say/")).content.decode()
    assert "Your form was not received" in html and "try again" in html
    assert "Your form was not received" not in server_error(rf.get("/news/")).content.decode()


@pytest.mark.django_db
def test_a_500_during_a_form_post_shows_the_not_received_page(site_settings, monkeypatch):
    from django.test import Client

    import suggestions.views
    from tests.factories.suggestions import SuggestionPageFactory

    SuggestionPageFactory(parent=site_settings.site.root_page)

    def broken(request, page):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(suggestions.views, "suggestion_form", broken)
    client = Client(raise_request_exception=False)
    response = client.post("/have-your-say/", {"text": "More benches"})
    assert response.status_code == 500
    assert "Your form was not received" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_shows_the_sites_own_page_with_cookies_and_other_ways(site_settings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/search/", {"query": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in html and "cookies are allowed" in html
    assert "Other ways to get in touch" in html and "0151 496 0000" in html
    assert "CSRF" not in html and "Forbidden" not in html


# --- Issue 13: safety, the phone header, search ----------------------------------------


@pytest.mark.django_db
def test_search_answers_q_as_well_as_query(client, demo_site):
    by_q = client.get("/search/", {"q": "cookies"}).content.decode()
    assert "Privacy notice" in by_q and 'value="cookies"' in by_q
    # `query` wins when both are given (it is what our own form sends).
    both = client.get("/search/", {"query": "cookies", "q": "zzzxqv"}).content.decode()
    assert "Privacy notice" in both


@pytest.mark.django_db
def test_search_with_no_results_says_what_to_try_and_links_to_the_main_sections(client, demo_site):
    html = client.get("/search/", {"q": "zzzxqv"}).content.decode()
    assert "0 results" in html and "Things to try" in html and "Check the spelling." in html
    sections = html.split("Or look in one of these sections", 1)[1]
    for path in ("/news/", "/get-involved/", "/have-your-say/", "/ladder-of-participation/", "/you-said-we-did/"):
        assert f'href="{path}"' in sections
    assert 'aria-hidden="true" focusable="false"' in sections  # decorative section icons


@pytest.mark.django_db
def test_need_help_now_is_in_the_footer_with_uk_defaults_and_editable(client, site_settings):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "Need help now?" in footer
    assert 'href="tel:999"' in footer and "NHS 111, option 2" in footer and 'href="tel:111"' in footer
    assert 'href="tel:116123"' in footer and "Samaritans" in footer
    assert "out-of-hours" not in footer  # none set yet
    site_settings.out_of_hours_contact = "Hub out-of-hours line, 5pm to 10pm"
    site_settings.out_of_hours_number = "0151 496 0199"
    site_settings.samaritans_number = "116 000"
    site_settings.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert "Hub out-of-hours line, 5pm to 10pm" in footer and 'href="tel:01514960199"' in footer
    assert 'href="tel:116000"' in footer


@pytest.mark.django_db
def test_phone_menu_works_without_javascript_and_desktop_keeps_the_full_menu(client, site_settings, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    html = client.get("/").content.decode()
    phone_menu = html.split('<details class="phone-menu"', 1)[1].split("</details>", 1)[0]
    assert '<summary class="phone-menu__toggle">Menu</summary>' in phone_menu
    assert 'href="/about/"' in phone_menu
    wide_menu = html.split('<nav class="main-nav" aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert 'href="/about/"' in wide_menu


@pytest.mark.django_db
def test_the_menu_is_looked_up_once_although_it_is_drawn_twice(client, page_cache_off, site_settings, home_page):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        StandardPageFactory(parent=home_page, slug=f"page-{number}", show_in_menus=True)
    client.get("/page-0/")
    cache.clear()  # a cold render: the menu is not yet in the shared cache
    with CaptureQueriesContext(connection) as queries:
        client.get("/page-0/")
    menu_queries = [
        q["sql"] for q in queries if '"wagtailcore_page"."show_in_menus")' in q["sql"].split(" WHERE ", 1)[-1]
    ]
    assert len(menu_queries) == 1


@pytest.mark.django_db
def test_demo_menu_reaches_the_ladder_and_you_said_we_did(client, demo_site):
    html = client.get("/").content.decode()
    phone_menu = html.split('<details class="phone-menu"', 1)[1].split("</details>", 1)[0]
    assert 'href="/ladder-of-participation/"' in phone_menu and 'href="/you-said-we-did/"' in phone_menu


@pytest.mark.django_db
def test_other_ways_to_get_in_touch_is_shown_once_not_again_in_the_footer(client, demo_site):
    for url in ("/have-your-say/", "/get-involved/", "/no-such-page/", "/check/"):
        html = client.get(url).content.decode()
        # The box's heading, and the footer's link to it.
        assert html.lower().count("other ways to get in touch") == 2, url
        assert html.count('<dl class="contact-list">') == 1, url
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert 'href="#other-ways-heading"' in footer
    # Where there is no box, the footer has the details.
    about = client.get("/about/").content.decode()
    assert about.count('<dl class="contact-list">') == 1
    assert '<dl class="contact-list">' in about.split('<footer class="site-footer">', 1)[1]


@pytest.mark.django_db
def test_ladder_page_draws_five_rungs_from_control_down_with_open_counts(client, demo_site):
    html = client.get("/ladder-of-participation/").content.decode()
    ladder = html.split('<ol class="ladder" reversed', 1)[1].split("</ol>", 1)[0]
    names = ("Control", "Partnership", "Participation", "Consultation", "Information")
    positions = [ladder.index(f"</svg>{name}</h2>") for name in names]
    assert positions == sorted(positions)
    for value in ("control", "partnership", "participation", "consultation", "information"):
        assert f'href="/get-involved/?rung={value}"' in ladder
    assert re.search(r"\d+ open opportunit(y|ies) at Control", ladder)


@pytest.mark.django_db
def test_home_page_shows_a_small_ladder(client, demo_site):
    html = client.get("/").content.decode()
    assert '<ol class="ladder ladder--small" reversed' in html
    assert 'href="/get-involved/?rung=information"' in html


def test_icons_are_decorative_and_unknown_names_draw_nothing():
    from home.icons import ICON_PATHS, render_icon

    for name in ICON_PATHS:
        svg = render_icon(name)
        assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg
    assert render_icon("no-such-icon") == ""
