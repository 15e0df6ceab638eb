"""Clear personal data older than RETENTION_DAYS: names, contact details,
staff notes, people's own words and written survey answers.

Works on the models apps register with the `register_personal_data_model`
hook (records/personal_data.py), so each app owns its own rules and this
command needs to know none of them. Safe to run daily from cron or a timer.
"""

from django.core.management import BaseCommand, CommandError
from django.db import transaction

from records.personal_data import personal_data_models


class Command(BaseCommand):
    help = "Remove personal data older than RETENTION_DAYS, keeping the anonymised records."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be cleared, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        total = failed = 0
        for model in personal_data_models():
            label = model._meta.verbose_name_plural
            with transaction.atomic():
                due = [
                    record
                    for record in model._default_manager.due_for_purge().select_for_update()
                    if record.needs_purge()
                ]
                if dry_run:
                    self.stdout.write(f"Would clear personal data from {len(due)} {label}.")
                else:
                    not_cleared = sum(1 for record in due if not record.clear_personal_data())
                    failed += not_cleared
                    self.stdout.write(f"Cleared personal data from {len(due) - not_cleared} {label}.")
            total += len(due)
        verb = "would be" if dry_run else "were"
        self.stdout.write(self.style.SUCCESS(f"{total - failed} record(s) {verb} cleared."))
        if failed:
            # Left unmarked, so tomorrow's run tries again; the log says which.
            raise CommandError(f"{failed} record(s) still hold personal data after clearing: see the error log.")
