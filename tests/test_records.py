"""The records app: the shape of the code (imports go one way), the
personal-data registry, and the migrations that gave both core forms one
set of contact details without losing any value."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail import hooks

from opportunities.models import ExpressionOfInterest
from records.exports import ReadableSpreadsheetMixin, neutralise_formula, readable_cell
from records.personal_data import HOOK_NAME, personal_data_models
from records.references import REFERENCE_ALPHABET, generate_reference, normalise_reference, reference_pattern
from suggestions.models import FormPage, Suggestion, SurveySubmission

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


# --- References -----------------------------------------------------------------------


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_becomes_text(trigger):
    assert neutralise_formula(f"{trigger}cmd|' /C calc'!A0") == f"'{trigger}cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["Alex", "", " =not first", "07700 900982", 42, -5, None])
def test_other_cells_are_left_as_they_are(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize(
    "value, csv_cell, xlsx_cell",
    [
        (None, "", ""),
        (True, "Yes", "Yes"),
        (False, "No", "No"),
        (["Mornings", "Evenings"], "Mornings, Evenings", "Mornings, Evenings"),
        (
            datetime(2026, 1, 5, 17, 4, 9, 999999, tzinfo=UTC),
            "2026-01-05 17:04",
            datetime(2026, 1, 5, 17, 4, 9),
        ),
        (datetime(2026, 6, 5, 17, 4, 9, 1, tzinfo=UTC), "2026-06-05 18:04", datetime(2026, 6, 5, 18, 4, 9)),
        (3, "3", 3),
    ],
)
def test_export_cells_read_as_people_expect(value, csv_cell, xlsx_cell):
    assert readable_cell(value, "csv") == csv_cell
    assert readable_cell(value, "xlsx") == xlsx_cell


@pytest.mark.django_db
def test_every_export_goes_through_the_one_readable_and_formula_safe_mixin():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from opportunities.admin_views import expressions_of_interest_viewset
    from suggestions.admin_views import suggestion_viewset

    exporting_views = [
        expressions_of_interest_viewset.index_view_class,
        suggestion_viewset.index_view_class,
        FormPage().get_submissions_list_view_class(),
    ]
    for view_class in exporting_views:
        assert issubclass(view_class, SpreadsheetExportMixin)
        assert issubclass(view_class, ReadableSpreadsheetMixin), view_class


def test_references_use_an_unambiguous_alphabet_and_are_not_sequential():
    references = [generate_reference("S") for _ in range(2000)]
    # Random, not sequential: almost all distinct (a clash is ~0.2% likely in
    # 2000 draws, which the model's save() retries), and no two share a prefix run.
    assert len(set(references)) >= 1995
    assert len({reference[:4] for reference in references}) > 30
    pattern = reference_pattern("S")
    assert all(pattern.match(reference) for reference in references)
    assert not set("0O1I") & set(REFERENCE_ALPHABET)


@pytest.mark.parametrize("typed", ["s-7k3p9q", " S-7K3P9Q ", "S7K3P9Q", "s 7k3p9q"])
def test_references_are_normalised_from_what_people_type(typed):
    assert normalise_reference(typed) == "S-7K3P9Q"


# --- Contact details shared by the forms ------------------------------------------------


class ContactForm:
    """A small form using the shared mixin, as both core forms do."""

    @staticmethod
    def make(data, wants=True):
        from django import forms

        from records.contact import ContactDetailsMixin, ContactMethod

        class Form(ContactDetailsMixin, forms.Form):
            details_for_method = {
                ContactMethod.EMAIL: ("email",),
                ContactMethod.SUPPORT_WORKER: ("worker_name", "worker_phone"),
            }
            missing_detail_messages = {
                "email": {"default": "Enter your email address"},
                "worker_name": {"default": "Enter your support worker's name"},
                "worker_phone": {"default": "Enter how to reach them"},
            }
            contact_method = forms.ChoiceField(choices=ContactMethod.choices, required=False)
            email = forms.EmailField(required=False)
            worker_name = forms.CharField(required=False)
            worker_phone = forms.CharField(required=False)

            class instance:  # stands in for a ModelForm's instance
                personal_data_cleared_at = None

            def wants_contact(self, cleaned_data):
                return wants

        return Form(data)


def test_only_the_detail_for_the_chosen_way_is_required_and_kept():
    form = ContactForm.make({"contact_method": "email", "email": "", "worker_name": "Sam"})
    assert not form.is_valid()
    assert form.errors == {"email": ["Enter your email address"]}

    form = ContactForm.make({"contact_method": "email", "email": "jo@example.org", "worker_name": "Sam"})
    assert form.is_valid()
    assert form.cleaned_data["email"] == "jo@example.org"
    assert form.cleaned_data["worker_name"] == ""  # not needed, so not kept


def test_a_badly_typed_detail_that_is_not_needed_never_blocks_the_form():
    form = ContactForm.make({"contact_method": "support_worker", "email": "not an email", "worker_name": "Sam"})
    assert not form.is_valid()
    assert set(form.errors) == {"worker_phone"}
    form = ContactForm.make(
        {"contact_method": "support_worker", "email": "x", "worker_name": "Sam", "worker_phone": "1"}
    )
    assert form.is_valid() and form.cleaned_data["email"] == ""


def test_no_contact_wanted_drops_every_detail():
    form = ContactForm.make({"contact_method": "email", "email": "jo@example.org"}, wants=False)
    assert form.is_valid()
    assert form.cleaned_data["email"] == ""


@pytest.mark.parametrize("number", ["07700 900 982", "0151 496 0123", "+44 (0)151 496-0123"])
def test_phone_numbers_people_write_are_accepted(number):
    from records.contact import validate_phone

    validate_phone(number)


@pytest.mark.parametrize("number", ["call me", "12", "0151 496 0123 ext"])
def test_things_that_are_not_phone_numbers_are_refused(number):
    from django.core.exceptions import ValidationError

    from records.contact import validate_phone

    with pytest.raises(ValidationError):
        validate_phone(number)
