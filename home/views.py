from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .pagination import paginate

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    # `q` is what most sites and browsers' search shortcuts send; `query` is ours.
    query = (request.GET.get("query") or request.GET.get("q") or "").strip()[:200]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    page = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"search_query": query, "results": page},
    )


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain")


def server_error(request):
    # A plain render: the 500 page must not depend on the database or settings.
    from django.template.loader import render_to_string

    return HttpResponse(render_to_string("500.html"), status=500)
