"""Create the demo site. Safe to run again: it only adds what is missing."""

from importlib import import_module

from django.apps import apps
from django.core.management import BaseCommand, call_command
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home import demo as home_demo
from home.publishing import apply_publishing_rules


def feature_demo_modules():
    """Each feature app may ship a `demo` module with `load(home_page, log)`.
    Found by name, in INSTALLED_APPS order, so home imports none of them."""
    for app_config in apps.get_app_configs():
        if app_config.name != "home" and module_has_submodule(app_config.module, "demo"):
            yield import_module(f"{app_config.name}.demo")


class Command(BaseCommand):
    help = "Load the demo content (pages, documents, records). Adds only what is missing."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(message)

        with transaction.atomic():
            home_page = home_demo.load(log)
            for module in feature_demo_modules():
                module.load(home_page, log)
            # Sections get their rules when published; this also covers
            # sections that were already there before the rules existed.
            for change in apply_publishing_rules([home_page]):
                log(change)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
