from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site and shared pieces"

    def ready(self):
        # publishing connects the signal that gives new sections their
        # publishing rules and registers the check that the section settings
        # agree; outage keeps a copy of the contact details for the page shown
        # while the database is down.
        from . import outage, publishing  # noqa: F401
        from .cache import connect_content_signals

        # Any change to what public pages show drops the cached pages.
        connect_content_signals()
