"""The first-run sign-in details that setup_site makes, kept so they can be
shown again when the server starts (gunicorn's log would otherwise scroll
them away). Development only: the file lives in the checkout, readable by its
owner alone, and is ignored by git."""

import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model

RESET_HINT = "Lost a password? Set a new one with: .venv/bin/python manage.py changepassword admin"


def sign_in_url():
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"


def stored_accounts():
    """[(username, password or None, what the account is for)] from the first run."""
    try:
        with open(settings.DEMO_SIGN_IN_FILE, encoding="utf-8") as file:
            return [tuple(account) for account in json.load(file)]
    except (OSError, ValueError):
        return []


def store_accounts(accounts):
    """Add accounts (username, password or None, role) to the stored ones; a
    username made again (say, after deleting the database) replaces its entry."""
    path = settings.DEMO_SIGN_IN_FILE
    by_username = {account[0]: account for account in stored_accounts()}
    by_username.update({account[0]: tuple(account) for account in accounts})
    merged = list(by_username.values())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(merged, file)


def describe_password(user, password):
    """What to show for a stored password: itself while it still works."""
    if user is None:
        return "account deleted"
    if password is None:
        return "the password you set in DJANGO_SUPERUSER_PASSWORD"
    if not user.check_password(password):
        return "password changed since the first run"
    return password


def sign_in_details():
    """The lines to print: where to sign in, each first-run account that
    still exists with its password if unchanged, and how to reset one."""
    users = {user.username: user for user in get_user_model().objects.all()}
    lines = [f"Sign in at {sign_in_url()}"]
    for username, password, role in stored_accounts():
        lines.append(f"  {username:<12} {describe_password(users.get(username), password):<18}  {role}")
    lines.append(RESET_HINT)
    return lines
