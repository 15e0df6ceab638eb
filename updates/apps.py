from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "updates"
    verbose_name = "Email updates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import announcements  # noqa: F401  (connects the publish signals)
