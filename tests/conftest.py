"""Fixtures every test module can use: a site with a home page, users in each
staff group, and a clean cache (rate limits live there)."""

import pytest
from django.core.cache import caches
from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings
from tests.factories.home import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home_page(db) -> HomePage:
    """The site's home page, replacing Wagtail's placeholder, as the default site's root."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for placeholder in root.get_children():
        placeholder.delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture
def site_settings(home_page) -> SiteSettings:
    site = Site.objects.get(root_page=home_page)
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Test Involvement"
    settings.phone = "0151 496 0000"
    settings.text_number = "07700 900000"
    settings.email = "hello@example.org"
    settings.involvement_team_email = "team@example.org"
    settings.hub_address = "The Hub, 1 Example Street"
    settings.save()
    return settings


@pytest.fixture
def demo_site(db):
    """The full demo content, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return HomePage.objects.get()


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def involvement_officer(db):
    return UserFactory(username="involvement", groups=["Involvement team"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", groups=["Service user reviewers"])


@pytest.fixture
def page_cache_off(settings):
    """Count the work of rendering pages, not of reading them from the
    anonymous page cache (the middleware reads this when the client's
    handler first loads it)."""
    settings.PAGE_CACHE_ENABLED = False
