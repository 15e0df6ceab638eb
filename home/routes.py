"""Routes for pages that carry a form (RoutablePageMixin)."""

from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from wagtail.contrib.routable_page.models import path


def form_page_route(pattern, view, *, name):
    """A never-cached route of a routable page, served by `view` (a dotted
    path to a function taking (request, page)). The view is imported when the
    route is first used, because an app's views import its page models."""

    def serve(page, request):
        return import_string(view)(request, page)

    serve.__name__ = name
    return path(pattern, name=name)(method_decorator(never_cache)(serve))
