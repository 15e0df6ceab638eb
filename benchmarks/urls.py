"""The site's URLs plus /benchmark/constant/: a view returning a constant,
behind the site's full middleware, the ceiling for any Django page."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

CONSTANT = b"<!DOCTYPE html><title>Constant</title><p>The same bytes every time."


def constant(request):
    # no-store keeps the page cache out of it, so the whole middleware stack
    # runs (set as it stands: never_cache would add the view's own cost).
    response = HttpResponse(CONSTANT)
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [path("benchmark/constant/", constant), *site_urlpatterns]
