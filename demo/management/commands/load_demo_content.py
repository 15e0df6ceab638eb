"""Create the demo site. Safe to run again: it only adds what is missing."""

from django.core.management import BaseCommand, call_command
from django.db import transaction

from demo.home import ensure_home_and_site
from demo.registry import DEMO_CONTENT
from home.publishing import apply_publishing_rules


class Command(BaseCommand):
    help = (
        "Load the demo content (pages, documents, records). Adds only what is missing. With --refresh-dates, "
        "move the dates of the demo items that exist back relative to today instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh-dates",
            action="store_true",
            help="Date news, meetings, opportunities, surveys and review dates from today again, so a long-lived "
            "demo keeps an upcoming meeting and open opportunities. Adds nothing.",
        )

    def handle(self, *args, refresh_dates=False, **options):
        with transaction.atomic():
            home_page = ensure_home_and_site()
            if refresh_dates:
                self.refresh_dates(home_page)
            else:
                self.load(home_page)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def log(self, message):
        self.stdout.write(message)

    def load(self, home_page):
        for app_content in DEMO_CONTENT:
            app_content.load(home_page, self.log)
        # Sections get their rules when published; this also covers
        # sections that were already there before the rules existed.
        for change in apply_publishing_rules([home_page]):
            self.log(change)

    def refresh_dates(self, home_page):
        for app_content in DEMO_CONTENT:
            app_content.refresh_dates(home_page, self.log)
