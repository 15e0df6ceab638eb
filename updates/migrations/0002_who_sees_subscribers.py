from django.db import migrations

from home.permissions import grant_model_permissions


def grant(apps, schema_editor):
    # Addresses are personal data: the Involvement team, and the comms leads
    # who approve what is published (the Moderators group), see the list.
    for group in ("Involvement team", "Moderators"):
        grant_model_permissions(apps, group, "updates", "subscriber", actions=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0001_initial"),
        ("home", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
