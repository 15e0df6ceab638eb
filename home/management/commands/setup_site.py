"""First-run setup for `make run`: demo content when the site is empty, and an
`admin` account. Safe to run every time; it never changes existing data."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, call_command

from home.models import HomePage


class Command(BaseCommand):
    help = "Load demo content if the site is empty and create the admin account if missing."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_site is for local use (make run); production data is never seeded.")
        if not HomePage.objects.exists():
            call_command("load_demo_content", stdout=self.stdout)
        self.ensure_admin()

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("The admin account already exists; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        shown = "from DJANGO_SUPERUSER_PASSWORD" if os.environ.get("DJANGO_SUPERUSER_PASSWORD") else password
        self.stdout.write(
            self.style.WARNING(
                f"\nSign in at http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/ as 'admin' "
                f"with password: {shown}\nThis is shown only once.\n"
            )
        )
