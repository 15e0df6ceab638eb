from wagtail import hooks

from .admin_views import STATUS_CHANGED, StatusChangedFormatter


@hooks.register("register_log_actions")
def register_status_changed_action(actions):
    actions.register_action(STATUS_CHANGED)(StatusChangedFormatter)
