"""Staff sign-in cannot be guessed: django-axes locks an account and an
address after repeated failures, password resets are limited the same way,
and staff sessions end after 2 hours idle and when the browser closes."""

from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories.home import UserFactory

PASSWORD = "correct-horse-battery"
LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
README = Path(settings.BASE_DIR, "README.md").read_text()


def sign_in(client, username, password, address="203.0.113.9"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def staff(home_page):
    return UserFactory(username="sam", is_superuser=True)


@pytest.mark.django_db
def test_the_sign_in_page_says_how_the_lockout_works_and_offers_no_remember_me(client, home_page):
    html = client.get(LOGIN).content.decode()
    assert "After 5 wrong passwords" in html and "paused for 1 hour" in html
    assert 'name="remember"' not in html


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, staff):
    statuses = [sign_in(client, "sam", "wrong-guess").status_code for _ in range(5)]
    # The fifth wrong password already says so.
    assert statuses == [200, 200, 200, 200, 429]
    response = sign_in(client, "sam", PASSWORD)
    assert response.status_code == 429 and not signed_in(response)
    html = response.content.decode()
    assert "Signing in is paused" in html and "ask a superuser to unlock your account" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_account_is_locked_from_another_address_too(client, staff):
    for n in range(5):
        sign_in(client, "sam", "wrong-guess", address=f"198.51.100.{n}")
    assert sign_in(client, "sam", PASSWORD, address="192.0.2.50").status_code == 429


@pytest.mark.django_db
def test_an_address_guessing_many_accounts_is_locked(client, staff):
    for n in range(5):
        sign_in(client, f"nobody{n}", "wrong-guess")
    assert sign_in(client, "sam", PASSWORD).status_code == 429
    # Someone else, elsewhere, still signs in.
    assert signed_in(sign_in(client, "sam", PASSWORD, address="192.0.2.50"))


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(client, staff):
    for _ in range(5):
        sign_in(client, "sam", "wrong-guess")
    assert sign_in(client, "sam", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert signed_in(sign_in(client, "sam", PASSWORD))


@pytest.mark.django_db
def test_a_superuser_unlocks_an_account_with_the_command(client, staff):
    for _ in range(5):
        sign_in(client, "sam", "wrong-guess")
    call_command("axes_reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert signed_in(sign_in(client, "sam", PASSWORD))


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_then_success_start_the_count_again(client, staff):
    for _ in range(4):
        sign_in(client, "sam", "wrong-guess")
    assert signed_in(sign_in(client, "sam", PASSWORD))
    client.logout()
    for _ in range(4):
        sign_in(client, "sam", "wrong-guess")
    assert signed_in(sign_in(client, "sam", PASSWORD))


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(client, staff):
    statuses = [client.post(RESET, {"email": "sam@example.org"}).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    assert len(mail.outbox) == 5
    assert "Too many password reset requests" in client.post(RESET, {"email": "x@example.org"}).content.decode()


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_email_address(client, staff):
    for n in range(5):
        client.post(RESET, {"email": "sam@example.org"}, REMOTE_ADDR=f"198.51.100.{n}")
    assert client.post(RESET, {"email": "SAM@example.org"}, REMOTE_ADDR="192.0.2.50").status_code == 429
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_a_staff_session_ends_at_browser_close_and_after_two_hours_idle(client, staff):
    before = timezone.now()
    response = client.post(LOGIN, {"username": "sam", "password": PASSWORD, "remember": "on"})
    assert signed_in(response)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    session = Session.objects.get()
    assert session.expire_date <= before + timedelta(hours=2, seconds=5)

    # Each request starts the two hours again.
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/admin/").status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + timedelta(hours=1, minutes=59)

    # Two hours without a request: signed out.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_readme_says_how_to_unlock_an_account():
    section = README.split("## Sign-in and sessions", 1)[1].split("\n## ", 1)[0]
    assert "axes_reset_username" in section and "clearsessions" in section
