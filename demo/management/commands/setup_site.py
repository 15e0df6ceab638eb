"""First-run setup for `make run`: demo content when the site is empty, an
`admin` account, and one demo account per staff group for trying each role.
Safe to run every time; it never changes existing data. Refuses to run
without DEBUG, so production never gets demo accounts. The passwords it makes
are kept (demo/sign_in.py) so that `make run` can show them again when the
server starts."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError, call_command

from demo.sign_in import RESET_HINT, sign_in_url, store_accounts
from home.groups import EDITORS, INVOLVEMENT_TEAM, MODERATORS, SERVICE_USER_REVIEWERS
from home.models import HomePage

# username, group, what the role is for
DEMO_USERS = [
    ("editor", EDITORS, "writes and edits pages; publishes news; sends the rest for approval"),
    ("moderator", MODERATORS, "approves and publishes; site settings"),
    ("involvement", INVOLVEMENT_TEAM, "suggestions, expressions of interest and form replies"),
    ("reviewer", SERVICE_USER_REVIEWERS, "reviews and comments on pages sent for service user review"),
]


class Command(BaseCommand):
    help = "Load demo content if the site is empty and create the admin and demo accounts if missing."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("setup_site is for local use (make run); production data is never seeded.")
        if not HomePage.objects.exists():
            call_command("load_demo_content", stdout=self.stdout)
        self.ensure_admin()
        self.ensure_demo_users()

    def ensure_admin(self):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("The admin account already exists; its password is unchanged.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        chosen = bool(os.environ.get("DJANGO_SUPERUSER_PASSWORD"))
        store_accounts([("admin", None if chosen else password, "superuser: everything")])
        shown = "from DJANGO_SUPERUSER_PASSWORD" if chosen else password
        self.stdout.write(
            self.style.WARNING(
                f"\nSign in at {sign_in_url()} as 'admin' with password: {shown}\n"
                "It is shown again when the server starts.\n"
            )
        )

    def ensure_demo_users(self):
        User = get_user_model()
        created, stored = [], []
        for username, group_name, role in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username, f"{username}@example.org", password, first_name="Demo", last_name=username.capitalize()
            )
            user.groups.add(Group.objects.get(name=group_name))
            created.append(f"  {username:<12} {password}   {group_name}: {role}")
            stored.append((username, password, f"{group_name}: {role}"))
        if not created:
            self.stdout.write("The demo accounts already exist; their passwords are unchanged.")
            return
        store_accounts(stored)
        self.stdout.write(
            self.style.WARNING(
                "\nDemo accounts for trying each role (username, password, group):\n"
                + "\n".join(created)
                + f"\nSign in as any of them at {sign_in_url()}\n{RESET_HINT}\n"
            )
        )
