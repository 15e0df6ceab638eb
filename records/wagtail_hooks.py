from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .admin_views import STATUS_CHANGED, StatusChangedFormatter


@hooks.register("register_log_actions")
def register_status_changed_action(actions):
    actions.register_action(STATUS_CHANGED)(StatusChangedFormatter)


@hooks.register("insert_global_admin_css")
def records_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("records/admin.css"))
