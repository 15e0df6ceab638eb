"""Delete email-update sign-ups nobody confirmed within 7 days: an address
someone typed but never proved is theirs is kept no longer than the
confirmation link works. Safe to run daily from cron."""

from django.core.management import BaseCommand

from updates.models import Subscriber


class Command(BaseCommand):
    help = "Delete email-update sign-ups that were not confirmed within 7 days."

    def handle(self, *args, **options):
        deleted, _ = Subscriber.objects.due_for_purge().delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} unconfirmed sign-up(s)."))
