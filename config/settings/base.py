"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(see the configuration table in README.md). The defaults here are safe for a
local checkout; production.py tightens them and refuses to start without the
secrets it needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "records",
    "news",
    "opportunities",
    "suggestions",
    "updates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "laces",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    # Anonymous page hits are answered here, before the rest (home/pagecache.py).
    "home.pagecache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which turns away hosts not in ALLOWED_HOSTS.
    "home.middleware.CurrentSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "home.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "home.middleware.PublicCacheHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the sign-in page saying so.
    "axes.middleware.AxesMiddleware",
]

# Forms render with the project's templates (templates/includes/forms/), so
# public forms get the GOV.UK field markup; "django.forms" above supplies the
# widget templates to this renderer.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]


# Database: DATABASE_URL when given (PostgreSQL in production), else SQLite.
SQLITE_PATH = BASE_DIR / "db.sqlite3"

# Several gunicorn workers write to one SQLite file at once. WAL lets readers
# carry on while one writer works; the busy timeout makes a writer wait for
# the lock instead of failing with "database is locked"; IMMEDIATE takes the
# write lock when the transaction starts, so two transactions never both read
# and then both try to upgrade to a write (the deadlock that loses a
# submission). Together they mean no form submission is dropped under load.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


# Each worker keeps its connection for a minute instead of opening one per
# request (for SQLite, opening also runs the PRAGMAs above: a few
# milliseconds, a fifth of an uncached page).
CONN_MAX_AGE = 60


def database_config():
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{SQLITE_PATH}"
    config = dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Deployment: cache ------------------------------------------------------
# Redis when REDIS_URL is set (shared by every app server), else files on this
# machine, which the several gunicorn workers of `make run` share (a
# per-process memory cache would let one worker serve a page another worker's
# publish made stale, and would count rate limits per worker).
# Redis is optional at run time: if it stops, the default cache answers
# "nothing cached" instead of raising (IGNORE_EXCEPTIONS), and rate limits
# move to each process's memory with a logged warning (home/redis_fallback.py),
# so pages and forms keep working. Short timeouts stop a dead Redis from
# slowing every request.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "sui",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, **REDIS_TIMEOUTS},
        },
        "ratelimit": {
            "BACKEND": "home.redis_fallback.RedisWithMemoryFallbackCache",
            "LOCATION": url,
            "KEY_PREFIX": "sui-rl",
            "OPTIONS": REDIS_TIMEOUTS,
        },
    }


# Wagtail looks image renditions up in the "renditions" cache and writes each
# one it uses back on every render (six writes for one picture with its
# sizes and formats): a round trip to Redis or a file written each time. They
# are kept in each process's memory instead. A rendition's key holds the
# image's file hash and focal point, so a changed image never finds an old
# entry; the timeout bounds how long a purged rendition can be remembered.
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")), "ratelimit"),
        },
    }
CACHES["renditions"] = RENDITIONS_CACHE
RATELIMIT_USE_CACHE = "ratelimit"

# Whole pages for anonymous visitors are kept this long (seconds; 0 turns the
# page cache off) and dropped at once whenever content changes (home/cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Records that public pages show (answers, figures): saving one changes pages.
PAGE_CACHE_CHANGED_BY = [
    "suggestions.Suggestion",
    "suggestions.SuggestionTopic",
    "suggestions.SurveySubmission",
    "opportunities.ExpressionOfInterest",
    "news.MeetingGroup",
    "taggit.Tag",
]

# A CDN or caching proxy in front of the site (optional): publishing and any
# other content change purge it through wagtail.contrib.frontend_cache.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL}
    }


# --- Deployment: background tasks -------------------------------------------
# Emails (home/mail.py) and Wagtail's own background jobs are queued in the
# database and run by `manage.py db_worker`, so nothing is lost while the
# mail server is down and a request never waits for it.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


# Staff sign-in (home/signin.py): django-axes checks every attempt first and
# refuses a locked-out account or address even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
# Either is enough to lock: one account guessed from many addresses, or many
# accounts guessed from one address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.signin.locked_out_response"
# The same address the public forms' rate limits count (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "home.clientip.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True


# Static files are served by whitenoise from STATIC_ROOT (no build step).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Deployment: shared storage for uploads ---------------------------------
# With AWS_STORAGE_BUCKET_NAME set, documents and images live in S3-compatible
# object storage (django-storages), so every app server sees every upload;
# otherwise on this machine's disk (MEDIA_ROOT). The bucket stays private:
# documents are streamed through Wagtail's serve view, which checks privacy
# settings first, and image URLs are signed and expire after a day (far
# longer than any page is cached). Credentials come from AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY (or the machine's role), read by boto3 itself.
S3_URL_LIFETIME_SECONDS = 24 * 60 * 60


def s3_storage(bucket, endpoint_url=None, region=None, addressing_style=None):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "addressing_style": addressing_style or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": S3_URL_LIFETIME_SECONDS,
            "file_overwrite": False,
        },
    }


def media_origin(endpoint_url):
    """Where browsers fetch images from, for the Content-Security-Policy."""
    if not endpoint_url:
        return "https://*.amazonaws.com"
    scheme, _, rest = endpoint_url.partition("://")
    return f"{scheme}://{rest.split('/')[0]}"


if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = s3_storage(
        os.environ["AWS_STORAGE_BUCKET_NAME"],
        os.environ.get("AWS_S3_ENDPOINT_URL"),
        os.environ.get("AWS_S3_REGION_NAME"),
        os.environ.get("AWS_S3_ADDRESSING_STYLE"),
    )
    MEDIA_ORIGINS = [media_origin(os.environ.get("AWS_S3_ENDPOINT_URL"))]
else:
    MEDIA_ORIGINS = []


DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Email: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "involvement@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview overrides this for its own frame.
SESSION_COOKIE_HTTPONLY = True

# Sessions (home.middleware.SessionLifetimeMiddleware): staff are signed out
# after 2 hours without a request and when the browser closes; a member of
# the public's session (only ever their reference, shown once) lasts minutes.
# Expired sessions are deleted by `manage.py clearsessions` (README, scheduled jobs).
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ANONYMOUS_SESSION_SECONDS = 10 * 60
# Messages (the admin's "Page published" and the like) live in the session:
# only signed-in staff see them, and they always have one. Django's default
# also tries a signed cookie, whose signer it builds on every request.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# The public site loads nothing from any other host and runs no inline script.
# The Wagtail admin is excluded because its editor relies on inline styles and
# scripts that a strict policy would break; it is behind a login.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}


# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Service User Involvement")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Who publishes where (home/publishing.py). Slugs of sections directly under
# the home page. Changes in WORKFLOW_SECTIONS are approved by a moderator
# before they go live; editors publish EDITORS_PUBLISH_SECTIONS themselves.
# Everywhere else an editor's change also goes to a moderator.
WORKFLOW_SECTIONS = ["get-involved", "policy"]
EDITORS_PUBLISH_SECTIONS = ["news"]

# Lead and cover images use the image's description as their alt text, so the
# upload and edit forms insist on one; a document's title is its link text, so
# its form warns when the title is still a file name (home/admin_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.admin_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.admin_forms.DocumentForm"

# Uploads: only file types people can open on a phone or library PC, and a
# size that an old phone on pay-as-you-go data can still download.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "rtf", "txt", "xlsx", "ods", "csv", "pptx", "mp3", "m4a"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Rich text everywhere offers only what plain-English pages need.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "h4", "bold", "ol", "ul", "link", "document-link"]},
    }
}

# Anonymous visitors' browsers and any proxy may keep public pages this long.
# Form pages are never cached (they carry CSRF tokens and people's answers).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# Personal data in suggestions, expressions of interest and form submissions
# is cleared this many days after it was received (purge_personal_data).
RETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "365"))


# --- Deployment: client address behind proxies ------------------------------
# How many reverse proxies in front of the site append to X-Forwarded-For
# (nginx alone: 1; a CDN and nginx: 2). 0 trusts no header and uses the
# socket's address. home/clientip.py reads the header from the right, so a
# value the visitor adds on the left changes nothing.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
RATELIMIT_IP_META_KEY = "home.clientip.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": False},
        "home": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
