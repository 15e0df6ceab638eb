"""The journey every public form follows, written once.

POST: rate limit -> honeypot -> validate -> store in one transaction ->
remember the reference in the session -> redirect to the confirmation page
(post/redirect/get, so refreshing never sends twice). Invalid input falls
through to the caller, which re-renders the form with the person's answers
and the error summary. A rejected request stores nothing.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .ratelimit import over_limit, rate_limited_response

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
    if over_limit(request, "submission"):
        return rate_limited_response(request)
    if form.is_bot:
        return rejected_response(request)
    if not form.is_valid():
        return None
    with transaction.atomic():
        record = save(form)
    request.session[f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}"] = record.reference
    return redirect(confirmation_url)


def confirmed_reference(request, confirmation_url):
    """The reference to show on a confirmation page, or None if this browser
    did not just send a form (then the caller redirects back to the form)."""
    return request.session.get(f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}")
