"""The public pages records owns: the status check for any reference."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .ratelimit import over_limit, rate_limited_response
from .status_check import ReferenceCheckForm


@never_cache  # it shows what happened to a person's record
@require_GET
def status_check(request):
    form = ReferenceCheckForm(request.GET if "reference" in request.GET else None)
    report = None
    if form.is_bound:
        # Counted before looking anything up, so guessing references is slow.
        if over_limit(request, "status-check"):
            return rate_limited_response(request, "records/status_check_limited.html")
        if form.is_valid():
            report = form.find()
    return TemplateResponse(request, "records/status_check.html", {"form": form, "report": report})
