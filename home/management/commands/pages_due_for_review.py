"""List the pages whose next review date is today or earlier, across every
page type with review dates; with --email, send each page's owner one email
listing theirs. Meant to run weekly from cron or a timer."""

from collections import defaultdict

from django.core.mail import send_mail
from django.core.management import BaseCommand, CommandError
from django.template.loader import render_to_string

from home.admin_links import admin_link
from home.review import DuePages


class Command(BaseCommand):
    help = "List pages due for review. --email sends each page owner the list of their pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", action="store_true", help="Email each page's owner a list of their pages that are due."
        )

    def handle(self, *args, email=False, **options):
        due = DuePages()
        pages = due.all()
        if not pages:
            self.stdout.write("No pages are due for review.")
            return
        for page in pages:
            self.stdout.write(f"{page.next_review:%Y-%m-%d}  {page.title}  {self.describe(page, due)}")
        self.stdout.write(f"{len(pages)} page(s) due for review.")
        if email:
            self.email_owners(pages, due)

    def describe(self, page, due):
        days = due.days_overdue(page)
        overdue = f"{days} day(s) overdue" if days else "due today"
        owner = page.owner.get_username() if page.owner else "no owner"
        return f"({overdue}; owner: {owner})  {admin_link(page)}"

    def email_owners(self, pages, due):
        by_owner = defaultdict(list)
        unowned = []
        for page in pages:
            if page.owner and page.owner.email and page.owner.is_active:
                by_owner[page.owner].append(page)
            else:
                unowned.append(page)
        failed = []
        for owner, owned in by_owner.items():
            rows = [(page, due.days_overdue(page), admin_link(page)) for page in owned]
            body = render_to_string("home/emails/pages_due_for_review.txt", {"owner": owner, "rows": rows})
            subject = f"{len(owned)} page(s) on the website are due for review"
            try:
                send_mail(subject, body, None, [owner.email], fail_silently=False)
            except Exception as error:  # report each failure, carry on, then fail the run
                failed.append(owner.email)
                self.stderr.write(f"Could not email {owner.email}: {error}")
            else:
                self.stdout.write(f"Emailed {owner.email} about {len(owned)} page(s).")
        if unowned:
            titles = ", ".join(page.title for page in unowned)
            self.stdout.write(f"Not emailed (no owner with an email address): {titles}")
        if failed:
            raise CommandError(f"Could not email {len(failed)} owner(s): {', '.join(failed)}")
