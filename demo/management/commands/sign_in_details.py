"""Print the first-run sign-in details again. `make run` has gunicorn call this
once it is listening, so the passwords are the last thing on the screen
before the server starts instead of scrolling away with the setup output."""

from django.core.management import BaseCommand

from demo.sign_in import sign_in_details


class Command(BaseCommand):
    help = "Show where to sign in, the first-run accounts and their passwords (while unchanged), and how to reset one."

    def handle(self, *args, **options):
        self.stdout.write(self.style.WARNING("\n" + "\n".join(sign_in_details()) + "\n"))
