from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and first-run accounts for local development (`make run`).
    Installed by the dev and test settings only: production never loads it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo content (development only)"
