from wagtail import hooks

from .admin_views import register_status_log_action
from .dashboard import PagesDueForReviewPanel, can_edit_pages


@hooks.register("register_log_actions")
def register_home_log_actions(actions):
    register_status_log_action(actions)


@hooks.register("construct_homepage_panels")
def add_pages_due_for_review_panel(request, panels):
    if can_edit_pages(request.user):
        panels.append(PagesDueForReviewPanel())
