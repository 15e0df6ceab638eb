from django.db import migrations

from home.permissions import grant_model_permissions


def grant(apps, schema_editor):
    # Comms staff add a group when they publish its first minutes, so both
    # page-editing groups keep the list. A group that has minutes cannot be
    # deleted (the meeting pages protect it; news/wagtail_hooks.py explains).
    for group in ("Editors", "Moderators"):
        grant_model_permissions(apps, group, "news", "meetinggroup", actions=("view", "add", "change", "delete"))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_help_text_limits"),
        ("home", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
