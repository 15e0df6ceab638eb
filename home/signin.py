"""Signing in to the Wagtail admin: guesses are limited, and so are
password-reset requests.

django-axes counts failed sign-ins (AXES_* in settings): after
AXES_FAILURE_LIMIT of them the account, and separately the address they came
from, are locked out for AXES_COOLOFF_TIME, even with the right password.
A superuser unlocks earlier with `manage.py axes_reset_username <name>` or
`manage.py axes_reset` (README, "Sign-in and sessions").
"""

from django.conf import settings
from django.contrib import messages
from django.utils import timezone
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import LoginView, PasswordResetView

from .clientip import client_ip

LOCKED_OUT_MESSAGE = (
    "Signing in is paused: there were too many wrong passwords for this account or from this "
    "internet connection. Try again after {until}, or ask a superuser to unlock your account."
)
RESET_LIMIT_MESSAGE = (
    "Too many password reset requests have been made for this address or from this internet "
    "connection. Try again in an hour, or ask a superuser to reset your password."
)


def password_reset_rate():
    # As many reset requests an hour as wrong passwords before a lockout.
    return f"{settings.AXES_FAILURE_LIMIT}/h"


def duration_in_words(delta):
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def sign_in_rules():
    """What the sign-in page tells staff before they are locked out."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_words": duration_in_words(settings.AXES_COOLOFF_TIME),
        "session_idle_hours": settings.SESSION_COOKIE_AGE // 3600,
    }


class SignInView(LoginView):
    """Wagtail's sign-in page, saying how the lockout and sessions work
    (home/templates/wagtailadmin/login.html)."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **sign_in_rules()}


def locked_out_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page again, with the reason in
    place of "wrong password", and when to try again."""
    view = SignInView()
    view.setup(request)
    username = (credentials or {}).get("username", "")
    form = view.get_form_class()(request, initial={"username": username})
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    # Shown (and used up) by this very page, in Wagtail's own message list.
    messages.error(request, LOCKED_OUT_MESSAGE.format(until=until.strftime("%H:%M")))
    response = view.render_to_response(view.get_context_data(form=form), status=429)
    return response.render()


def password_resets_exhausted(request):
    """Counts this request against both the address and the email address
    asked for; True when either has had its allowance this hour."""
    by_address = is_ratelimited(
        request,
        group="password-reset",
        key=lambda group, req: client_ip(req),
        rate=password_reset_rate(),
        method=ALL,
        increment=True,
    )
    by_email = is_ratelimited(
        request,
        group="password-reset",
        key=lambda group, req: req.POST.get("email", "").strip().lower(),
        rate=password_reset_rate(),
        method=ALL,
        increment=True,
    )
    return by_address or by_email


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's "Forgotten password?" form, limited like sign-in attempts,
    so it cannot be used to flood someone's inbox."""

    def post(self, request, *args, **kwargs):
        if password_resets_exhausted(request):
            form = self.get_form()
            form.add_error(None, RESET_LIMIT_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
