"""Granting model permissions to staff groups from data migrations."""

from django.contrib.auth.management import create_permissions


def grant_model_permissions(apps, group_name, app_label, model_name, actions=("view", "add", "change")):
    """Give `group_name` the `actions` permissions on app_label.model_name.

    Django creates permissions after all migrations run, so create them here
    first; otherwise a fresh database would grant nothing."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    codenames = [f"{action}_{model_name}" for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
