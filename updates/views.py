"""/updates/: sign up for email updates, confirm, change choices, unsubscribe.

No account or password: every link is signed (tokens.py). Sign-up follows the
public forms' rules (records/): rate limit, honeypot, and a redirect after a
POST. The page after sign-up says the same whether or not the address was
already subscribed, so the form never tells anyone who subscribes.

Every view is never_cache: the forms carry a CSRF token, and the pages behind
signed links show a person's address and choices, so neither browsers,
proxies nor the page cache (home/pagecache.py) may keep them.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from records.ratelimit import over_limit, rate_limited_response
from records.submissions import rejected_response

from .emails import send_already_subscribed, send_confirmation
from .forms import ChoicesForm, SubscribeForm
from .models import Subscriber
from .tokens import CONFIRM, CONFIRMATION_MAX_AGE, MANAGE, LinkExpired, LinkInvalid, subscriber_for


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_limit(request, "submission"):
            return rate_limited_response(request)
        if form.is_bot:
            return rejected_response(request)
        if form.is_valid():
            with transaction.atomic():
                sign_up(form)
            return redirect("updates:check_email")
    return TemplateResponse(request, "updates/subscribe.html", {"form": form})


def sign_up(form):
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(email=form.cleaned_data["email"])
    if subscriber.is_confirmed:
        # Someone else may have typed this address: change nothing, tell the owner.
        send_already_subscribed(subscriber)
        return
    form.apply_to(subscriber)
    send_confirmation(subscriber)


@never_cache
@require_GET
def check_email(request):
    return TemplateResponse(request, "updates/check_email.html")


def link_problem(request, *, expired):
    return TemplateResponse(request, "updates/link_problem.html", {"expired": expired}, status=400)


@never_cache
@require_GET
def confirm(request, token):
    try:
        subscriber = subscriber_for(token, CONFIRM, max_age=CONFIRMATION_MAX_AGE)
    except (LinkExpired, LinkInvalid) as problem:
        return link_problem(request, expired=isinstance(problem, LinkExpired))
    if not subscriber.is_confirmed:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return TemplateResponse(request, "updates/confirmed.html", {"subscriber": subscriber, "token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscriber = subscriber_for(token, MANAGE)
    except (LinkExpired, LinkInvalid):
        return link_problem(request, expired=False)
    data = request.POST if request.method == "POST" else None
    form = ChoicesForm(data, initial=ChoicesForm.initial_for(subscriber))
    saved = False
    if request.method == "POST" and form.is_valid():
        form.apply_to(subscriber)
        saved = True
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved}
    return TemplateResponse(request, "updates/manage.html", context)


@never_cache
@csrf_exempt  # mail programs' one-click unsubscribe (RFC 8058) POSTs without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = subscriber_for(token, MANAGE)
    except (LinkExpired, LinkInvalid):
        # Already gone, most likely: say so rather than alarm anyone.
        return TemplateResponse(request, "updates/unsubscribed.html")
    if request.method == "POST":
        subscriber.delete()
        return TemplateResponse(request, "updates/unsubscribed.html")
    # A GET only asks: link checkers in mail systems follow links.
    return TemplateResponse(request, "updates/unsubscribe.html", {"token": token})
