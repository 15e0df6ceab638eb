from wagtail import hooks

from .admin_views import register_status_log_action


@hooks.register("register_log_actions")
def register_home_log_actions(actions):
    register_status_log_action(actions)
