from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .outage import handling_database_outage, outage_response
from .pagination import paginate

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    # `q` is what most sites and browsers' search shortcuts send; `query` is ours.
    # No database stores a NUL character (PostgreSQL refuses it outright).
    query = (request.GET.get("query") or request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    page = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"search_query": query, "results": page},
    )


@require_GET
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain")


def server_error(request):
    # A plain render: the 500 page must not depend on the database or settings.
    from django.template.loader import render_to_string

    if handling_database_outage():
        return outage_response()
    # After a form post the person needs to know their form did not arrive.
    after_form_post = request is not None and request.method == "POST"
    return HttpResponse(render_to_string("500.html", {"after_form_post": after_form_post}), status=500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own page instead of Django's, saying the
    form was not sent, that cookies are needed, and other ways to get in touch.
    `reason` is for developers and is never shown."""
    return TemplateResponse(request, "403_csrf.html", {"form_url": request.path}, status=403)
