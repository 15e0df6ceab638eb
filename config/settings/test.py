"""Test settings: fast, isolated, no network."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, RENDITIONS_CACHE

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # the tests load the demo content
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
    "renditions": RENDITIONS_CACHE,
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="sui-test-media-")
DEMO_SIGN_IN_FILE = Path(tempfile.mkdtemp(prefix="sui-test-sign-in-")) / "sign-in-details.json"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files straight from the source folders (no collectstatic in
# tests), for the live server that the browser tests drive.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One process shares its memory cache with itself, so the anonymous page
# cache runs in tests as it does in production (and tests prove it is never
# stale).
PAGE_CACHE_ENABLED = True
