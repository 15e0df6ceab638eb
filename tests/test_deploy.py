"""A real deployment: proxies in front, Redis or the database or the mail
server going away, and the site carrying on (issue 12)."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connections
from django.test import RequestFactory, override_settings
from django.utils import timezone

from home.clientip import client_ip
from opportunities.models import ExpressionOfInterest, OpportunityPage
from suggestions.models import Suggestion
from tests.support.servers import free_port, start_smtp_server

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# --- The visitor's address behind proxies ------------------------------------------------


def address_of(proxies, forwarded=None, remote="10.0.0.5"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        return client_ip(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_header_is_ignored():
    assert address_of(0, "203.0.113.9") == "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # Left-hand values are whatever the client sent: never read.
        (1, "1.1.1.1, 203.0.113.9", "203.0.113.9"),
        (1, "8.8.8.8, 9.9.9.9, 203.0.113.9", "203.0.113.9"),
        # A CDN in front of nginx: `client, cdn`.
        (2, "203.0.113.9, 198.51.100.1", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.1", "203.0.113.9"),
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "[2001:db8::7]:4431", "2001:db8::7"),
        (1, "203.0.113.9:5120", "203.0.113.9"),
        (1, "::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_the_visitor_is_read_from_the_right_of_x_forwarded_for(proxies, forwarded, expected):
    assert address_of(proxies, forwarded) == expected


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        (1, None),
        (1, ""),
        (1, "unknown"),
        (1, "_hidden"),
        (1, "203.0.113.999"),
        (1, "2001:db8:::7:::"),
        (1, "1.2.3.4, "),
        (2, "203.0.113.9"),  # fewer entries than proxies: someone skipped the CDN
        (1, "\x00"),
    ],
)
def test_a_missing_or_malformed_header_falls_back_to_the_socket_address(proxies, forwarded):
    assert address_of(proxies, forwarded) == "10.0.0.5"


def test_an_empty_socket_address_still_gives_an_address():
    from home.clientip import UNKNOWN_ADDRESS

    assert address_of(0, remote="") == UNKNOWN_ADDRESS


@pytest.fixture
def suggestion_page(home_page, site_settings):
    from tests.factories.suggestions import SuggestionPageFactory

    return SuggestionPageFactory(parent=home_page)


def suggest(client, forwarded=None, **extra):
    headers = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"text": "Please open the Hub on Saturdays.", "wants_reply": "no", **extra}
    return client.post("/have-your-say/", data, **headers)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_made_up_left_hand_values_do_not_reset_the_rate_limit(client, suggestion_page, frozen_rate_window):
    statuses = [suggest(client, f"10.9.{n}.1, 203.0.113.9").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    # Another visitor behind the same proxy has their own allowance.
    assert suggest(client, "203.0.113.10").status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=2)
def test_client_and_cdn_header_counts_per_visitor(client, suggestion_page, frozen_rate_window):
    statuses = [suggest(client, f"203.0.113.{n}, 198.51.100.1").status_code for n in range(12)]
    assert statuses == [302] * 12
    assert Suggestion.objects.count() == 12


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", [None, "", "unknown", "2001:db8::1", "[2001:db8::1]:80", "a, b, c", "\x00"])
def test_odd_forwarded_headers_never_break_the_forms(client, suggestion_page, forwarded):
    assert suggest(client, forwarded).status_code == 302


@pytest.fixture
def frozen_rate_window(monkeypatch):
    import django_ratelimit.core

    # The limit counts in fixed time windows; hold the clock so a burst never straddles two.
    monkeypatch.setattr(django_ratelimit.core, "_get_window", lambda value, period: 1_800_000_000)


# --- Redis stopped -----------------------------------------------------------------------


@pytest.fixture
def redis_stopped(settings):
    """Both caches on django-redis, pointed at a port where nothing listens."""
    from config.settings.base import redis_caches

    url = f"redis://127.0.0.1:{free_port()}/5"
    settings.CACHES = redis_caches(url)
    return url


def open_opportunity():
    return next(page for page in OpportunityPage.objects.live().specific() if page.is_open)


def interest_data():
    return {"name": "Jo", "contact_method": "email", "email": "jo@example.org", "consent": "on"}


@pytest.mark.django_db
def test_with_redis_stopped_pages_forms_and_status_check_work(client, demo_site, redis_stopped, caplog):
    for path in ["/", "/news/", "/get-involved/", "/have-your-say/", "/search/?query=hub", "/sitemap.xml"]:
        assert client.get(path).status_code == 200, path
    opportunity = open_opportunity()
    interests_before = ExpressionOfInterest.objects.count()
    with caplog.at_level(logging.WARNING, logger="home.redis_fallback"):
        assert suggest(client).status_code == 302
        response = client.post(f"{opportunity.url}express-interest/", interest_data())
    assert response.status_code == 302
    assert ExpressionOfInterest.objects.count() == interests_before + 1
    assert "Redis is unreachable" in caplog.text
    reference = Suggestion.objects.latest("pk").reference
    status = client.get("/check/", {"reference": reference})
    assert status.status_code == 200 and reference in status.content.decode()


@pytest.mark.django_db
def test_with_redis_stopped_rate_limits_still_count_in_memory(client, suggestion_page, redis_stopped):
    statuses = [suggest(client).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]


@pytest.mark.django_db
def test_healthz_shows_the_cache_down_but_stays_in_rotation(client, home_page, redis_stopped):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_a_queue_nobody_is_working_through(client, home_page, settings):
    from django_tasks_db.models import DBTaskResult

    from home.mail import queue_mail

    settings.TASKS = DATABASE_TASKS
    queue_mail("Subject", "Body", ["someone@example.org"])
    assert client.get("/healthz").json()["task_queue"] == "ok"
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["task_queue"] == "backlog"


@pytest.mark.django_db
def test_healthz_remembers_contact_details_for_the_outage_page(client, site_settings):
    from django.core.cache import cache

    from home.outage import CONTACT_CACHE_KEY

    cache.clear()
    client.get("/healthz")
    assert cache.get(CONTACT_CACHE_KEY)["phone"] == "0151 496 0000"


# --- Database outage ---------------------------------------------------------------------


@pytest.fixture
def database_outage(monkeypatch):
    """Make the database unreachable, as when PostgreSQL is stopped: on
    PostgreSQL by reconnecting to a closed port; on the in-memory SQLite test
    database (which cannot be closed without losing it) by failing every query."""
    connection = connections["default"]
    original_port = connection.settings_dict.get("PORT")

    def stop():
        if connection.vendor == "postgresql":
            connection.close()
            monkeypatch.setitem(connection.settings_dict, "PORT", str(free_port()))
        else:

            def refuse(*args, **kwargs):
                raise OperationalError("unable to open database file")

            monkeypatch.setattr(type(connection), "create_cursor", refuse)

    def start():
        monkeypatch.undo()
        connection.settings_dict["PORT"] = original_port

    yield stop, start
    start()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_while_the_database_is_down_pages_say_so_with_a_503_and_recover(client, site_settings, database_outage):
    from tests.factories.suggestions import SuggestionPageFactory

    SuggestionPageFactory(parent=site_settings.site.root_page)
    stop, start = database_outage
    client.raise_request_exception = False
    stop()
    for response in (client.get("/"), client.get("/have-your-say/"), suggest(client), client.get("/healthz")):
        assert response.status_code == 503
    page = client.get("/have-your-say/").content.decode()
    assert "Nothing you sent in the last minute was received" in page
    assert "0151 496 0000" in page and "The Hub, 1 Example Street" in page
    assert "Traceback" not in page
    start()
    assert client.get("/").status_code == 200
    assert suggest(client).status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outage_page_without_remembered_details_still_helps(client, home_page, database_outage):
    from django.core.cache import cache

    cache.clear()
    stop, _start = database_outage
    client.raise_request_exception = False
    stop()
    response = client.get("/")
    assert response.status_code == 503
    assert "call in at the Hub" in response.content.decode()


# --- Mail server down --------------------------------------------------------------------


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


# The worker closes connections between tasks, as in production, so this
# runs outside the usual per-test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mail_waits_for_the_mail_server_and_goes_out_when_it_returns(client, suggestion_page, settings):
    from django_tasks_db.models import DBTaskResult

    port = free_port()
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 2
    reply = {"wants_reply": "yes", "name": "Alex", "contact_method": "email", "email": "alex@example.org"}
    for _ in range(5):
        assert suggest(client, consent="on", **reply).status_code == 302
    references = set(Suggestion.objects.values_list("reference", flat=True))
    assert len(references) == 5
    emails = DBTaskResult.objects.filter(task_path="home.mail.send_queued_mail")
    assert emails.ready().count() == 10  # an acknowledgement and a staff notification each

    run_worker()  # the mail server is down: every email is put back for later
    waiting = emails.filter(status="READY")
    assert waiting.count() == 10 and not waiting.filter(run_after__lte=timezone.now()).exists()

    controller, recorder = start_smtp_server(port)
    try:
        waiting.update(run_after=timezone.now())  # the retry delay has passed
        run_worker()
    finally:
        controller.stop()
    subjects = [envelope.content.decode() for envelope in recorder.messages]
    assert len(subjects) == 10
    for reference in references:
        assert sum(reference in subject for subject in subjects) == 2
    assert not waiting.exists()
    assert mail.outbox == []  # went through SMTP, not the test outbox


def test_retry_delays_grow_and_are_capped():
    from datetime import timedelta

    from home.mail import MAX_ATTEMPTS, retry_delay

    delays = [retry_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)]
    assert delays[0] == timedelta(minutes=1) and delays[-1] == timedelta(hours=1)
    assert sum(delays, timedelta()) > timedelta(hours=20)
