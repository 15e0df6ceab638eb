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
    query = request.GET.get("query", "").strip()[:200]
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

    # After a form post the person needs to know their form did not arrive.
    after_form_post = request is not None and request.method == "POST"
    return HttpResponse(render_to_string("500.html", {"after_form_post": after_form_post}), status=500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own page instead of Django's, saying the
    form was not sent, that cookies are needed, and other ways to get in touch.
    `reason` is for developers and is never shown."""
    return TemplateResponse(request, "403_csrf.html", {"form_url": request.path}, status=403)
