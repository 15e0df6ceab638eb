from wagtail import hooks

from .dashboard import PagesDueForReviewPanel, can_edit_pages
from .publishing import publishes_without_workflow


@hooks.register("construct_homepage_panels")
def add_pages_due_for_review_panel(request, panels):
    if can_edit_pages(request.user):
        panels.append(PagesDueForReviewPanel())


@hooks.register("construct_page_action_menu")
def only_publish_where_editors_publish(menu_items, request, context):
    if publishes_without_workflow(request.user, context.get("page"), context.get("parent_page")):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]
