"""Clear names and contact details older than RETENTION_DAYS.

Works on the models apps register with the `register_personal_data_model`
hook (records/personal_data.py), so each app owns its own rules and this
command needs to know none of them. Safe to run daily from cron or a timer.
"""

from django.core.management import BaseCommand
from django.db import transaction

from records.personal_data import personal_data_models


class Command(BaseCommand):
    help = "Remove personal data older than RETENTION_DAYS, keeping the anonymised records."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be cleared, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        total = 0
        for model in personal_data_models():
            due = model._default_manager.due_for_purge()
            count = due.count()
            total += count
            label = model._meta.verbose_name_plural
            if dry_run:
                self.stdout.write(f"Would clear personal data from {count} {label}.")
                continue
            with transaction.atomic():
                for record in due.select_for_update():
                    record.clear_personal_data()
            self.stdout.write(f"Cleared personal data from {count} {label}.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(self.style.SUCCESS(f"{total} record(s) {verb} cleared."))
