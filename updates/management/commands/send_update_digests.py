"""Weekly email digests for subscribers who chose them. Run once a week from
cron; running it twice sends nothing new (each item goes to each person once)."""

from django.core.management import BaseCommand

from updates.digests import send_digests


class Command(BaseCommand):
    help = "Queue the weekly email digest for every subscriber who prefers one."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(self.style.SUCCESS(f"Queued {count} digest email(s)."))
