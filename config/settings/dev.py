"""Local development and `make run`: debug on, a fixed insecure key, local
hosts, and the development-only demo app (demo content, first-run accounts)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Links in emails point at the port the site runs on (`make run PORT=8080`).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"

# setup_site keeps the first-run passwords here so `make run` can show them
# again when the server starts (demo/sign_in.py). Ignored by git.
DEMO_SIGN_IN_FILE = BASE_DIR / ".sign-in-details.json"
