"""Themes and ways of taking part become snippets staff can edit and order.

The old text columns are renamed here and kept until 0006 has linked every
page to the new rows; 0007 then removes them."""

import modelcluster.fields
from django.db import migrations, models

SLUG_HELP = "A short name for web addresses, e.g. 'peer-research'. Changing it breaks links people have saved."


def option_fields():
    return [
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
        ("name", models.CharField(help_text="What people see, e.g. 'Peer research'.", max_length=80, unique=True)),
        ("slug", models.SlugField(help_text=SLUG_HELP, max_length=80, unique=True)),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0004_shared_contact_details"),
    ]

    operations = [
        migrations.CreateModel(
            name="OpportunityFormat",
            fields=option_fields(),
            options={
                "verbose_name": "way of taking part",
                "verbose_name_plural": "ways of taking part",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="OpportunityTheme",
            fields=option_fields(),
            options={"verbose_name": "opportunity theme", "ordering": ["sort_order"], "abstract": False},
        ),
        migrations.RenameField(model_name="opportunitypage", old_name="themes", new_name="old_themes"),
        migrations.RenameField(model_name="opportunitypage", old_name="formats", new_name="old_formats"),
        migrations.AddField(
            model_name="opportunitypage",
            name="formats",
            field=modelcluster.fields.ParentalManyToManyField(
                help_text="Tick every way people can take part: in person, online (for example a video call) or by "
                "phone.",
                related_name="opportunities",
                to="opportunities.opportunityformat",
                verbose_name="how people take part",
            ),
        ),
        migrations.AddField(
            model_name="opportunitypage",
            name="themes",
            field=modelcluster.fields.ParentalManyToManyField(
                help_text="Tick every area of involvement this is about. People can browse by theme. Staff can add "
                "themes under Snippets.",
                related_name="opportunities",
                to="opportunities.opportunitytheme",
            ),
        ),
    ]
