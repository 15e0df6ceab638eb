"""Settings for `make benchmark`: production settings, plus a constant view to
measure the middleware's cost and no rate limits (the load comes from one
address, and a limit would turn the form POST test into a test of 429s)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import ALLOWED_HOSTS, INSTALLED_APPS

# The demo content to measure comes from the development-only demo app.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
ROOT_URLCONF = "benchmarks.urls"
RATELIMIT_ENABLE = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
