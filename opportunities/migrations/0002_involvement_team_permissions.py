from django.db import migrations

from home.permissions import grant_model_permissions


def grant(apps, schema_editor):
    # Only the Involvement team sees people's expressions of interest.
    grant_model_permissions(apps, "Involvement team", "opportunities", "expressionofinterest")


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0001_initial"),
        ("home", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
