"""Create the theme and format rows from the lists the code used to hold, and
link every opportunity page to the ones its text column named.

The text held ",a,b," (or a bare "a" when code assigned a string); a value
outside the old lists still gets a row of its own, so nothing is lost."""

from django.db import migrations

THEMES = [
    ("recruitment", "Recruitment and selection of staff"),
    ("induction", "Induction of new staff"),
    ("hub-and-forum", "Lived Experience Hub and Service User Forum"),
    ("peer-research", "Peer research"),
    ("policies", "Reviewing policies"),
    ("other", "Other"),
]
FORMATS = [("in-person", "In person"), ("online", "Online"), ("phone", "By phone")]


def stored_values(text):
    return [value for value in (text or "").split(",") if value]


def option_rows(model, known, used):
    """{slug: row}, the known options first in their old order, then any
    other value found on a page."""
    rows = {}
    extra = [(slug, slug.replace("-", " ").capitalize()) for slug in sorted(used) if slug not in dict(known)]
    for sort_order, (slug, name) in enumerate(known + extra):
        rows[slug], _created = model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": sort_order})
    return rows


def link_pages(apps, schema_editor):
    OpportunityPage = apps.get_model("opportunities", "OpportunityPage")
    pages = list(OpportunityPage.objects.only("pk", "old_themes", "old_formats"))
    for relation, column, model_name, known in (
        ("themes", "old_themes", "OpportunityTheme", THEMES),
        ("formats", "old_formats", "OpportunityFormat", FORMATS),
    ):
        used = {value for page in pages for value in stored_values(getattr(page, column))}
        rows = option_rows(apps.get_model("opportunities", model_name), known, used)
        through = getattr(OpportunityPage, relation).through
        target = f"{model_name.lower()}_id"
        through.objects.bulk_create(
            [
                through(opportunitypage_id=page.pk, **{target: rows[value].pk})
                for page in pages
                for value in dict.fromkeys(stored_values(getattr(page, column)))
            ]
        )


def as_text(rows):
    slugs = [row.slug for row in rows]
    return f",{','.join(slugs)}," if slugs else ""


def unlink_pages(apps, schema_editor):
    OpportunityPage = apps.get_model("opportunities", "OpportunityPage")
    for page in OpportunityPage.objects.prefetch_related("themes", "formats"):
        OpportunityPage.objects.filter(pk=page.pk).update(
            old_themes=as_text(page.themes.all()), old_formats=as_text(page.formats.all())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0005_themes_and_formats_as_snippets"),
    ]

    operations = [migrations.RunPython(link_pages, unlink_pages)]
