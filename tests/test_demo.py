"""The development-only demo app: production installs and imports none of it,
its dates count from today and can be moved again, what it says is true of
the site it builds, and `make run` shows the first-run sign-in details again
when the server starts."""

import os
import runpy
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from news.models import MeetingMinutesPage, NewsPage
from opportunities.models import OpportunityPage
from suggestions.models import FormPage, Suggestion

BASE_DIR = Path(settings.BASE_DIR)


def run_python(code, **env):
    """Run `code` in a fresh interpreter (settings are read once per process)."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=BASE_DIR,
        env={**os.environ, "PYTHONPATH": str(BASE_DIR), **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- Production has no demo --------------------------------------------------------------

IMPORT_EVERY_RUNTIME_MODULE = """
import importlib, pkgutil, sys
from pathlib import Path
import django
django.setup()
from django.apps import apps
from django.conf import settings

local = [app.name for app in apps.get_app_configs() if Path(app.path).parent == Path(settings.BASE_DIR)]
for package in [*local, "config"]:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, f"{package}."):
        if ".settings." not in info.name:
            importlib.import_module(info.name)
import config.urls, config.wsgi
print("apps:", ",".join(app.name for app in apps.get_app_configs()))
print("local:", ",".join(local))
print("loaded:", ",".join(sorted(name for name in sys.modules if name.split(".")[0] in {"demo", "reportlab"})))
"""


def test_production_installs_and_imports_no_demo_code():
    output = run_python(
        IMPORT_EVERY_RUNTIME_MODULE,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="sui.example.org",
    )
    lines = dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "") for line in output.splitlines())
    assert "demo" not in lines["apps"].split(",")
    assert {"home", "news", "opportunities", "suggestions"} <= set(lines["local"].split(","))
    assert lines["loaded"] == ""  # no runtime module imports the demo app or reportlab


def requirement_names(filename):
    """Package names a `pip install -r filename` installs, following -r includes."""
    names = set()
    for line in (BASE_DIR / filename).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names |= requirement_names(line[3:].strip())
        elif line:
            names.add(line.split("==")[0].split("[")[0].lower())
    return names


def test_reportlab_is_a_demo_requirement_only():
    assert "reportlab" not in requirement_names("requirements.txt")
    assert "reportlab" in requirement_names("requirements-demo.txt")
    assert requirement_names("requirements.txt") < requirement_names("requirements-dev.txt")
    assert "reportlab" in requirement_names("requirements-dev.txt")  # make test loads the demo


def test_make_run_installs_the_demo_requirements_and_loads_the_demo():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "pip install --quiet -r requirements-demo.txt" in makefile
    assert "manage.py setup_site" in makefile
    assert "DJANGO_SETTINGS_MODULE ?= config.settings.dev" in makefile
    assert "demo" in settings.INSTALLED_APPS  # the test settings, like dev, load it


# --- Dates relative to today, and refreshed ------------------------------------------------


def load_demo(**options):
    call_command("load_demo_content", stdout=StringIO(), **options)


@pytest.mark.django_db
def test_demo_dates_count_from_today(demo_site):
    today = timezone.localdate()
    assert MeetingMinutesPage.objects.live().upcoming().exists()
    past = MeetingMinutesPage.objects.live().filter(minutes_document__isnull=False)
    assert past.exists() and all(meeting.date < today for meeting in past)
    assert NewsPage.objects.live().latest("date").date >= today - timedelta(days=31)
    assert all(
        page.next_review > today for page in Page.objects.live().specific() if getattr(page, "next_review", None)
    )
    assert any(page.is_open and page.closing_date > today for page in OpportunityPage.objects.live())


@pytest.mark.django_db
def test_refresh_dates_makes_an_old_demo_current_without_duplicating_anything(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - timedelta(days=400))
    load_demo()  # as if loaded 400 days ago and left running since
    monkeypatch.setattr(timezone, "now", real_now)
    assert not MeetingMinutesPage.objects.live().upcoming().exists()
    old_upcoming_date = MeetingMinutesPage.objects.latest("date").date
    assert not FormPage.objects.get(slug="hub-opening-hours-survey").is_open
    counts = (Page.objects.count(), get_document_model().objects.count(), Suggestion.objects.count())

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail redirects moved pages on commit
        load_demo(refresh_dates=True)

    assert (Page.objects.count(), get_document_model().objects.count(), Suggestion.objects.count()) == counts
    upcoming = MeetingMinutesPage.objects.live().upcoming().get()
    assert upcoming.slug == f"service-user-forum-{upcoming.date:%Y-%m-%d}"  # the pattern every meeting follows
    assert upcoming.title.endswith(upcoming.date.strftime("%-d %B %Y"))
    assert client.get(f"/meetings/service-user-forum-{old_upcoming_date:%Y-%m-%d}/", follow=True).status_code == 200
    assert upcoming.get_latest_revision_as_object().date == upcoming.date  # the editor shows the same date
    assert "Next meeting" in client.get("/meetings/").content.decode()
    today = timezone.localdate()
    assert NewsPage.objects.live().latest("date").date >= today - timedelta(days=31)
    for minutes in MeetingMinutesPage.objects.filter(minutes_document__isnull=False):
        assert minutes.date < today and minutes.minutes_document.title == f"Minutes: {minutes.title}"
        assert minutes.slug == f"{minutes.group.slug}-{minutes.date:%Y-%m-%d}"
    assert sum(1 for page in OpportunityPage.objects.live() if page.is_open and page.starts_at) >= 3
    assert FormPage.objects.get(slug="hub-opening-hours-survey").is_open
    assert Suggestion.objects.filter(created_at__gte=timezone.now() - timedelta(days=200)).count() >= 10

    revisions = Revision.objects.count()
    load_demo()  # loading again after a refresh still adds nothing
    assert (Page.objects.count(), Revision.objects.count()) == (counts[0], revisions)


@pytest.mark.django_db
def test_policy_page_has_the_easy_read_version_that_you_said_we_did_promises(client, demo_site):
    answer = Suggestion.objects.published().get(topic__slug="policy").public_answer
    assert "Easy Read version" in answer and "policy page" in answer
    policy = client.get("/policy/").content.decode()
    easy_read = get_document_model().objects.get(title="Our involvement policy (Easy Read)")
    assert easy_read.url in policy and "Easy Read version" in policy
    assert get_document_model().objects.get(title="Our involvement policy (full version)").url in policy
    response = client.get(easy_read.url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_hub_and_forum_times_agree_across_the_demo(client, demo_site):
    footer = client.get("/").content.decode()
    assert "until 7pm on Tuesdays and Thursdays" in footer and "Saturday" in footer
    forum = OpportunityPage.objects.get(slug="service-user-forum")
    assert forum.when_details.startswith("Second Thursday")


# --- First run: sign-in details shown again, links on the right port ------------------------


@pytest.fixture
def sign_in_file(settings, tmp_path):
    settings.DEBUG = True
    settings.DEMO_SIGN_IN_FILE = tmp_path / "sign-in-details.json"
    return settings.DEMO_SIGN_IN_FILE


@pytest.mark.django_db
def test_sign_in_details_repeat_the_first_run_passwords_and_how_to_reset_one(sign_in_file, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    setup = StringIO()
    call_command("setup_site", stdout=setup)
    admin_password = setup.getvalue().split("with password: ")[1].split()[0]
    assert oct(sign_in_file.stat().st_mode & 0o777) == "0o600"

    out = StringIO()
    call_command("sign_in_details", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "Sign in at http://testserver/admin/"
    admin_line = next(line for line in lines if line.split()[0] == "admin")
    assert admin_line.split()[1] == admin_password and authenticate(
        RequestFactory().post("/admin/login/"), username="admin", password=admin_password
    )
    for username in ("editor", "moderator", "involvement", "reviewer"):
        line = next(line for line in lines if line.split()[0] == username)
        assert authenticate(RequestFactory().post("/admin/login/"), username=username, password=line.split()[1]), (
            username
        )
    assert lines[-1].endswith("manage.py changepassword admin")

    admin = get_user_model().objects.get(username="admin")
    admin.set_password("a-new-long-password")
    admin.save()
    again = StringIO()
    call_command("sign_in_details", stdout=again)
    assert admin_password not in again.getvalue()
    assert "password changed since the first run" in again.getvalue()


@pytest.mark.django_db
def test_a_chosen_admin_password_is_never_written_down(sign_in_file, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-chosen-password")
    call_command("setup_site", stdout=StringIO())
    assert "a-long-chosen-password" not in sign_in_file.read_text()
    out = StringIO()
    call_command("sign_in_details", stdout=out)
    assert "the password you set in DJANGO_SUPERUSER_PASSWORD" in out.getvalue()


def test_gunicorn_prints_the_sign_in_details_once_listening_under_make_run(monkeypatch):
    calls = []
    config = runpy.run_path(str(BASE_DIR / "config" / "gunicorn.conf.py"))
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: calls.append(command))
    monkeypatch.delenv("SHOW_SIGN_IN_DETAILS", raising=False)
    config["when_ready"](server=None)
    assert calls == []  # production's gunicorn never runs it
    monkeypatch.setenv("SHOW_SIGN_IN_DETAILS", "1")
    config["when_ready"](server=None)
    assert calls == [[sys.executable, str(BASE_DIR / "manage.py"), "sign_in_details"]]
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "SHOW_SIGN_IN_DETAILS=1 $(BIN)/gunicorn" in makefile and "export PORT" in makefile


def test_dev_links_in_emails_use_the_port_the_site_runs_on():
    code = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    dev = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "PORT": "8123"}
    assert run_python(code, **dev, WAGTAILADMIN_BASE_URL="").strip() == "http://127.0.0.1:8123"
    chosen = run_python(code, **dev, WAGTAILADMIN_BASE_URL="https://sui.example.org").strip()
    assert chosen == "https://sui.example.org"
