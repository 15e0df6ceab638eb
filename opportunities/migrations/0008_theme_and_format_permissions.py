from django.db import migrations

from home.permissions import grant_model_permissions

# The groups that write opportunity pages keep the lists they choose from.
GROUPS = ("Editors", "Moderators")


def grant(apps, schema_editor):
    for group in GROUPS:
        for model_name in ("opportunitytheme", "opportunityformat"):
            grant_model_permissions(
                apps, group, "opportunities", model_name, actions=("view", "add", "change", "delete")
            )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0007_remove_text_themes_and_formats"),
        ("home", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
