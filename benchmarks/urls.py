"""The site's URLs plus /benchmark/constant/: a view returning a constant,
behind the site's full middleware, the ceiling for any Django page."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns

CONSTANT = b"<!DOCTYPE html><title>Constant</title><p>The same bytes every time."


@never_cache  # measures the whole middleware stack, not a page cache hit
def constant(request):
    return HttpResponse(CONSTANT)


urlpatterns = [path("benchmark/constant/", constant), *site_urlpatterns]
