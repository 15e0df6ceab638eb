from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0006_link_pages_to_themes_and_formats"),
    ]

    operations = [
        migrations.RemoveField(model_name="opportunitypage", name="old_formats"),
        migrations.RemoveField(model_name="opportunitypage", name="old_themes"),
    ]
