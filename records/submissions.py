"""The journey every public form follows, written once.

POST: rate limit -> honeypot -> already stored? -> validate -> store in one
transaction -> remember the reference in the session -> redirect to the
confirmation page (post/redirect/get, so refreshing never sends twice).
Invalid input falls through to the caller, which re-renders the form with the
person's answers and the error summary. A rejected request stores nothing.

"Already stored?": each rendering of a form carries a one-time token
(records.forms.PublicFormMixin) that the record keeps, unique. The same page
sent again (a double click, the back button, a retried request) finds the
record stored the first time and shows its reference; two copies arriving at
once both try to store, and the unique token lets only one through.

Only accepted and spam-rejected posts count against the address's allowance:
a person correcting mistakes in the form must not be locked out by them.
The confirmation page shows the reference once and then forgets it, so the
next person at a shared computer (the Hub, a library) cannot reopen it.
"""

from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .ratelimit import count_against_limit, limit_reached, rate_limited_response

CONFIRMATION_SESSION_KEY = "sui_confirmed_reference"


def rejected_response(request):
    """For submissions that filled the honeypot. People never see this, but a
    person using autofill by mistake is told what happened and what to do."""
    return TemplateResponse(request, "records/submission_rejected.html", status=400)


def handle_submission(request, form, *, model, save, confirmation_url):
    """Process a POSTed public form that stores a `model` record.

    `save(form)` stores the record and returns it; it runs inside a transaction
    so nothing half-written is kept. Returns an HttpResponse to send, or None
    when the form is invalid and should be shown again with its errors.
    """
    if limit_reached(request, "submission"):
        return rate_limited_response(request)
    if form.is_bot:
        count_against_limit(request, "submission")
        return rejected_response(request)
    token = form.posted_submission_token
    earlier = stored_with_token(model, token)
    if earlier is not None:
        return confirm(request, earlier, confirmation_url)
    if not form.is_valid():
        return None
    count_against_limit(request, "submission")
    try:
        with transaction.atomic():
            record = save(form)
            if token is not None:
                record.submission_token = token
                record.save(update_fields=["submission_token"])
    except IntegrityError:
        # The same form sent twice at once: the other copy was stored first,
        # and this one, emails included, was rolled back.
        record = stored_with_token(model, token)
        if record is None:
            raise
    return confirm(request, record, confirmation_url)


def stored_with_token(model, token):
    if token is None:
        return None
    return model._default_manager.filter(submission_token=token).first()


def confirm(request, record, confirmation_url):
    request.session[f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}"] = record.reference
    return redirect(confirmation_url)


def confirmed_reference(request, confirmation_url):
    """The reference to show on a confirmation page, or None if this browser
    did not just send a form (then the caller redirects back to the form).

    Taken out of the session as it is read: shown once, then forgotten."""
    return request.session.pop(f"{CONFIRMATION_SESSION_KEY}:{confirmation_url}", None)
