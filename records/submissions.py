"""The journey every public form follows, written once.

POST: rate limit -> honeypot -> validate -> store in one transaction ->
remember the reference in the session -> redirect to the confirmation page
(post/redirect/get, so refreshing never sends twice). Invalid input falls
through to the caller, which re-renders the form with the person's answers
and the error summary. A rejected request stores nothing.

Only accepted and spam-rejected posts count against the address's allowance:
a person correcting mistakes in the form must not be locked out by them.
The confirmation page shows the reference once and then forgets it, so the
next person at a shared computer (the Hub, a library) cannot reopen it.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .ratelimit import count_against_limit, limit_reached, rate_limited_response

CONFIRMATION_SESSION_KEY = "sui_confirmed_reference"


def rejected_response(request):
    """For submissions that filled the honeypot. People never see this, but a
    person using autofill by mistake is told what happened and what to do."""
    return TemplateResponse(request, "records/submission_rejected.html", status=400)


def handle_submission(request, form, *, save, confirmation_url):
    """Process a POSTed public form.

    `save(form)` stores the record and returns it; it runs inside a transaction
    so nothing half-written is kept. Returns an HttpResponse to send, or None
    when the form is invalid and should be shown again with its errors.
    """
    if limit_reached(request, "submission"):
        return rate_limited_response(request)
    if form.is_bot:
        count_against_limit(request, "submission")
        return rejected_response(request)
    if not form.is_valid():
        return None
    count_against_limit(request, "submission")
    with transaction.atomic():
        record = save(form)
    request.session[f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}"] = record.reference
    return redirect(confirmation_url)


def confirmed_reference(request, confirmation_url):
    """The reference to show on a confirmation page, or None if this browser
    did not just send a form (then the caller redirects back to the form).

    Taken out of the session as it is read: shown once, then forgotten."""
    return request.session.pop(f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}", None)
