"""Give the sections named in WORKFLOW_SECTIONS and EDITORS_PUBLISH_SECTIONS
their publishing rules (see home/publishing.py). Sections get them by
themselves when first published; run this once for sections that existed
before the rules did. Only adds what is missing, so it is safe to repeat."""

from django.core.management import BaseCommand
from django.db import transaction

from home.publishing import apply_publishing_rules


class Command(BaseCommand):
    help = "Attach the approval workflow and editors' publish permission to the sections named in settings."

    def handle(self, *args, **options):
        with transaction.atomic():
            changes = apply_publishing_rules()
        for change in changes:
            self.stdout.write(change)
        self.stdout.write(self.style.SUCCESS(f"Publishing rules are in place ({len(changes)} change(s))."))
