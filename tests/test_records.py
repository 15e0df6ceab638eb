"""The records app: the shape of the code (imports go one way), the
personal-data registry, and the migrations that gave both core forms one
set of contact details without losing any value."""

import ast
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail import hooks

from opportunities.models import ExpressionOfInterest
from records.personal_data import HOOK_NAME, personal_data_models
from suggestions.models import Suggestion, SurveySubmission

ROOT = Path(__file__).resolve().parent.parent
FEATURE_APPS = {"news", "opportunities", "suggestions"}


def imported_top_level_names(package):
    """(file, top-level package) for every import in a package's Python files."""
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), name.split(".")[0]


@pytest.mark.parametrize(
    "package, forbidden",
    [("home", {"records", *FEATURE_APPS}), ("records", FEATURE_APPS)],
)
def test_imports_go_one_way_feature_apps_then_records_then_home(package, forbidden):
    wrong = [(str(path), name) for path, name in imported_top_level_names(package) if name in forbidden]
    assert wrong == []


def test_the_import_check_sees_imports_written_inside_functions(tmp_path, monkeypatch):
    module = tmp_path / "pkg" / "module.py"
    module.parent.mkdir()
    module.write_text("def later():\n    from suggestions.models import Suggestion\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert list(imported_top_level_names("pkg")) == [(Path("pkg/module.py"), "suggestions")]


def test_personal_data_models_are_the_ones_apps_register():
    assert set(personal_data_models()) == {Suggestion, ExpressionOfInterest, SurveySubmission}


@pytest.mark.django_db
def test_purge_clears_a_model_registered_through_the_hook_and_only_those(settings, monkeypatch):
    settings.RETENTION_DAYS = 0
    suggestion = Suggestion.objects.create(
        text="More benches", wants_reply=True, name="Jo", contact_method="email", email="jo@example.org", consent=True
    )
    # Without its registration, the suggestion is left alone.
    get_hooks = hooks.get_hooks
    registered = [fn for fn in get_hooks(HOOK_NAME) if fn() is not Suggestion]
    monkeypatch.setattr(hooks, "get_hooks", lambda name: registered if name == HOOK_NAME else get_hooks(name))
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suggestion.refresh_from_db()
    assert suggestion.email == "jo@example.org" and suggestion.personal_data_cleared_at is None

    monkeypatch.undo()
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suggestion.refresh_from_db()
    assert (suggestion.name, suggestion.email) == ("", "")
    assert suggestion.personal_data_cleared_at is not None


# --- Migrations: one contact-details model ------------------------------------

BEFORE = [("opportunities", "0003_help_text_limits"), ("suggestions", "0005_shared_contact_methods")]
AFTER = [("opportunities", "0004_shared_contact_details"), ("suggestions", "0006_shared_contact_details")]


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def create_old_records(apps):
    OldInterest = apps.get_model("opportunities", "ExpressionOfInterest")
    OldSuggestion = apps.get_model("suggestions", "Suggestion")
    OldInterest.objects.create(
        reference="E-AAAAAA",
        name="Dee",
        contact_method="support_worker",
        support_worker_name="Chris at Example Housing",
        support_worker_contact="0151 496 0456",
        consent=True,
    )
    OldInterest.objects.create(reference="E-BBBBBB", name="Sam", contact_method="support_worker",
                               support_worker_name="Pat", support_worker_contact="")  # fmt: skip
    OldInterest.objects.create(reference="E-CCCCCC", name="Kel", contact_method="text", phone="07700 900789")
    OldSuggestion.objects.create(
        reference="S-AAAAAA",
        text="More benches",
        wants_reply=True,
        name="Jo",
        contact_method="support_worker",
        support_worker="Chris, Example Housing",
        consent_to_contact=True,
    )
    OldSuggestion.objects.create(reference="S-BBBBBB", text="Anonymous idea")


@pytest.mark.django_db(transaction=True)
def test_contact_details_migrations_keep_every_value_and_go_back():
    try:
        create_old_records(migrate_to(BEFORE))
        apps = migrate_to(AFTER)
        interest = {r.reference: r for r in apps.get_model("opportunities", "ExpressionOfInterest").objects.all()}
        assert interest["E-AAAAAA"].support_worker == "Chris at Example Housing, 0151 496 0456"
        assert interest["E-AAAAAA"].consent is True
        assert interest["E-BBBBBB"].support_worker == "Pat"
        assert (interest["E-CCCCCC"].support_worker, interest["E-CCCCCC"].phone) == ("", "07700 900789")
        suggestions = {r.reference: r for r in apps.get_model("suggestions", "Suggestion").objects.all()}
        assert suggestions["S-AAAAAA"].consent is True
        assert suggestions["S-AAAAAA"].support_worker == "Chris, Example Housing"
        assert suggestions["S-BBBBBB"].consent is False

        apps = migrate_to(BEFORE)
        old = apps.get_model("opportunities", "ExpressionOfInterest").objects.get(reference="E-AAAAAA")
        assert (old.support_worker_name, old.support_worker_contact) == ("Chris at Example Housing", "0151 496 0456")
        assert apps.get_model("suggestions", "Suggestion").objects.get(reference="S-AAAAAA").consent_to_contact
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
