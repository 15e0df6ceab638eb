"""Pages due for review, across every page type that has review dates.

Page types are found through Wagtail's registry (any model using
ReviewDatesMixin, in any app), so home needs to know none of them. The cost is
a fixed number of queries per page type with review dates, however many pages
there are.
"""

from itertools import chain

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ReviewDatesMixin


def review_page_models():
    return [model for model in get_page_models() if issubclass(model, ReviewDatesMixin) and not model._meta.abstract]


def _due(model, today, user):
    if user is None:
        pages = model.objects.all()
    else:
        pages = PagePermissionPolicy(model).instances_user_has_any_permission_for(user, {"change"})
    # A page type's table also holds the pages of its subclasses; keep each
    # page once, under its own type. (get_for_model is cached: no query.)
    return pages.filter(next_review__lte=today, content_type=ContentType.objects.get_for_model(model))


class DuePages:
    """The pages due for review (next review today or earlier), most overdue
    first. With a user, only the pages that user may edit."""

    def __init__(self, user=None, today=None):
        self.today = today or timezone.localdate()
        self.querysets = [_due(model, self.today, user) for model in review_page_models()]

    def count(self):
        return sum(queryset.count() for queryset in self.querysets)

    def first(self, limit):
        ordered = (
            queryset.select_related("owner").order_by("next_review", "title")[:limit] for queryset in self.querysets
        )
        return sorted(chain.from_iterable(ordered), key=lambda page: (page.next_review, page.title))[:limit]

    def all(self):
        return self.first(None)

    def days_overdue(self, page):
        return (self.today - page.next_review).days
