from django.db import migrations

from home.permissions import grant_model_permissions


def grant(apps, schema_editor):
    # Suggestions and survey responses hold personal data: the Involvement
    # team only. The topic list is a plain list editors (and so moderators)
    # may keep up to date.
    grant_model_permissions(apps, "Involvement team", "suggestions", "suggestion")
    grant_model_permissions(apps, "Involvement team", "suggestions", "surveysubmission", actions=("view",))
    for group in ("Involvement team", "Editors", "Moderators"):
        grant_model_permissions(
            apps, group, "suggestions", "suggestiontopic", actions=("view", "add", "change", "delete")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("suggestions", "0001_initial"),
        ("home", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
