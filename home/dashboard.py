"""Panels on the Wagtail dashboard (the admin's home page)."""

from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from .review import DuePages


def can_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, {"change"})


class PagesDueForReviewPanel(Component):
    """Pages whose next review date has come, for the people who can edit
    them. Shown only when there is something to review, like Wagtail's own
    panels."""

    name = "pages_due_for_review"
    template_name = "home/admin/pages_due_for_review.html"
    # After Wagtail's workflow panels (210, 220), before recent edits (250).
    order = 230
    limit = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        due = DuePages(user=request.user)
        pages = due.first(self.limit)
        return {
            "rows": [(page, due.days_overdue(page)) for page in pages],
            "total": due.count() if len(pages) == self.limit else len(pages),
            "request": request,
        }
