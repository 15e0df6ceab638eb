"""The records app: the shape of the code (imports go one way), the
personal-data registry, and the migrations that gave both core forms one
set of contact details without losing any value."""

import ast
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail import hooks

from opportunities.models import ExpressionOfInterest
from records import submissions
from records.contact import CONTACT_DETAIL_FIELDS
from records.exports import ReadableSpreadsheetMixin, neutralise_formula, readable_cell
from records.personal_data import HOOK_NAME, personal_data_models
from records.references import REFERENCE_ALPHABET, generate_reference, normalise_reference, reference_pattern
from suggestions.models import FormPage, Suggestion, SurveySubmission
from tests.factories.opportunities import (
    ExpressionOfInterestFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
)
from tests.factories.suggestions import FormFieldFactory, FormPageFactory, SuggestionFactory, SuggestionPageFactory

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


# --- Retention: every personal field of every model --------------------------

# Fields that identify someone wherever they appear: always personal.
PERSONAL_BY_NATURE = {"name", "internal_notes", *CONTACT_DETAIL_FIELDS}
MARK = "identifying"


def field_names(model):
    return {field.name for field in model._meta.concrete_fields}


def test_every_field_of_every_personal_data_model_is_declared_personal_or_not():
    """A new field must be put on one list or the other; taking one off the
    purge (say, the phone number) fails here unless it is deliberately listed
    as not personal, and the obviously personal ones cannot be."""
    for model in personal_data_models():
        personal, kept = set(model.PERSONAL_DATA_FIELDS), set(model.NON_PERSONAL_FIELDS)
        assert personal & kept == set(), model
        assert field_names(model) == personal | kept, model
        assert PERSONAL_BY_NATURE & field_names(model) <= personal, model


def filled_suggestion(home_page):
    return SuggestionFactory(wants_reply=True, contact_method="email", consent=True)


def filled_expression_of_interest(home_page):
    return ExpressionOfInterestFactory(opportunity=OpportunityPageFactory(parent=home_page))


def filled_survey_response(home_page):
    """A response to every kind of question: only the two choice answers that
    are not personal may survive the purge."""
    page = FormPageFactory(parent=home_page)
    questions = [
        ("When should the Hub open?", "radio", "Mornings\nEvenings", False),
        ("Which days?", "checkboxes", "Monday\nFriday", False),
        ("Where do you stay?", "dropdown", "identifying shelter\nElsewhere", True),
        ("Was it easy?", "radio", "Yes\nNo", False),  # was a text box: its old answer is free text
        ("Anything else?", "multiline", "", False),
        ("Your age", "number", "", False),
        ("Date of birth", "date", "", False),
        ("Your name", "singleline", "", False),  # unticked by mistake: still free text
    ]
    for label, field_type, choices, personal in questions:
        FormFieldFactory(page=page, label=label, field_type=field_type, choices=choices, personal_data=personal)
    form_data = {
        "when_should_the_hub_open": "Evenings",
        "which_days": ["Monday", "Friday"],
        "where_do_you_stay": "identifying shelter",
        "was_it_easy": "identifying typed before it was a choice",
        "anything_else": "identifying story",
        "your_age": 42,
        "date_of_birth": "1990-01-02",
        "your_name": "identifying name",
        "question_since_removed": "identifying old answer",
    }
    return SurveySubmission.objects.create(page=page, form_data=form_data)


FILLED_RECORD_BUILDERS = {
    Suggestion: filled_suggestion,
    ExpressionOfInterest: filled_expression_of_interest,
    SurveySubmission: filled_survey_response,
}
KEPT_SURVEY_ANSWERS = {"when_should_the_hub_open": "Evenings", "which_days": ["Monday", "Friday"]}


def fill_personal_fields(record):
    """Put a recognisable value in every plain personal field."""
    for name in record.PERSONAL_DATA_FIELDS:
        field = record._meta.get_field(name)
        if isinstance(field, models.EmailField):
            setattr(record, name, f"{MARK}-{name}@example.org")
        elif isinstance(field, models.CharField | models.TextField):
            setattr(record, name, f"{MARK} {name}"[: field.max_length])
    record.save()


def stored_row(record):
    return type(record).objects.filter(pk=record.pk).values().get()


@pytest.mark.django_db
def test_the_purge_clears_every_personal_field_of_every_model_and_keeps_the_rest(home_page, settings):
    settings.RETENTION_DAYS = 30
    records = []
    for model in personal_data_models():
        assert model in FILLED_RECORD_BUILDERS, f"add a builder for {model.__name__} to this test"
        record = FILLED_RECORD_BUILDERS[model](home_page)
        fill_personal_fields(record)
        received = type(record).objects.all().received_field
        type(record).objects.filter(pk=record.pk).update(**{received: timezone.now() - timedelta(days=31)})
        records.append((record, stored_row(record)))
    for record, before in records:
        assert all(before[field.attname] for field in map(record._meta.get_field, record.PERSONAL_DATA_FIELDS))

    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    for record, before in records:
        after = stored_row(record)
        assert MARK not in str(after).lower(), after
        assert after["personal_data_cleared_at"] is not None
        unchanged = {record._meta.get_field(name).attname for name in record.NON_PERSONAL_FIELDS}
        unchanged -= {"updated_at", "personal_data_cleared_at"}
        assert {name: after[name] for name in unchanged} == {name: before[name] for name in unchanged}
        record.refresh_from_db()
        assert record.personal_data_left() == [] and not record.needs_purge()
        if isinstance(record, SurveySubmission):
            assert record.form_data == KEPT_SURVEY_ANSWERS
        else:
            for name in record.PERSONAL_DATA_FIELDS:
                assert getattr(record, name) == record.cleared_value(name)


@pytest.mark.django_db
def test_personal_data_typed_into_a_cleared_record_is_cleared_again(settings):
    settings.RETENTION_DAYS = 30
    suggestion = SuggestionFactory(with_reply=True, created_at=timezone.now() - timedelta(days=31))
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Suggestion.objects.filter(pk=suggestion.pk).update(internal_notes="Rang back: sleeps behind the station")
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Cleared personal data from 1 suggestions." in out.getvalue()
    suggestion.refresh_from_db()
    assert suggestion.internal_notes == ""


@pytest.mark.django_db
def test_a_record_is_marked_cleared_only_when_nothing_personal_is_left(settings, monkeypatch):
    settings.RETENTION_DAYS = 30
    suggestion = SuggestionFactory(
        with_reply=True, internal_notes="Not safe where staying", created_at=timezone.now() - timedelta(days=31)
    )
    save = Suggestion.save

    def save_forgetting_the_notes(self, *args, **kwargs):
        # As if the notes were left out of the purge's save.
        if "update_fields" in kwargs:
            kwargs["update_fields"] = [name for name in kwargs["update_fields"] if name != "internal_notes"]
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Suggestion, "save", save_forgetting_the_notes)
    with pytest.raises(CommandError, match="1 record"):
        call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suggestion.refresh_from_db()
    assert suggestion.internal_notes and suggestion.personal_data_cleared_at is None

    monkeypatch.undo()
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suggestion.refresh_from_db()
    assert suggestion.internal_notes == "" and suggestion.personal_data_cleared_at is not None


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


# --- One rendering of a form stores at most one record ------------------------


def submission_token_in(response):
    match = re.search(r'name="submission_token" value="([0-9a-f-]{36})"', response.content.decode())
    assert match, "the form carries no submission token"
    return match.group(1)


@pytest.fixture
def public_forms(home_page, site_settings):
    """(form URL, answers, model) for each public form that stores a record."""
    survey = FormPageFactory(parent=home_page, to_address="survey-team@example.org")
    FormFieldFactory(page=survey, label="Anything else?", field_type="multiline")
    opportunity = OpportunityPageFactory(parent=OpportunityIndexPageFactory(parent=home_page))
    SuggestionPageFactory(parent=home_page)
    eoi = {"name": "Jo", "contact_method": "email", "email": "jo@example.org", "consent": "on"}
    return [
        ("/have-your-say/", {"text": "Open on Sundays", "wants_reply": "no"}, Suggestion),
        (opportunity.url + "express-interest/", eoi, ExpressionOfInterest),
        (survey.url, {"anything_else": "More chairs"}, SurveySubmission),
    ]


@pytest.mark.django_db
def test_the_same_form_sent_three_times_stores_one_record_and_shows_one_reference(
    client, public_forms, django_capture_on_commit_callbacks
):
    for number, (url, answers, model) in enumerate(public_forms):
        client.defaults["REMOTE_ADDR"] = f"198.51.100.{number}"  # each form gets its own rate limit
        data = {**answers, "submission_token": submission_token_in(client.get(url))}
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            responses = [client.post(url, data) for _ in range(3)]
        assert [response.status_code for response in responses] == [302] * 3, url
        record = model.objects.get()
        assert len({response["Location"] for response in responses}) == 1
        confirmation = client.get(responses[-1]["Location"])
        assert confirmation.status_code == 200
        if model is not SurveySubmission:  # responses have no public reference
            assert record.reference in confirmation.content.decode()
        assert len(mail.outbox) == len({tuple(message.to) for message in mail.outbox})  # one email each, not three
        # A fresh rendering of the form is a new submission.
        fresh = {**answers, "submission_token": submission_token_in(client.get(url))}
        assert fresh["submission_token"] != data["submission_token"]
        client.post(url, fresh)
        assert model.objects.count() == 2


@pytest.mark.django_db
def test_two_copies_arriving_at_once_store_one_record(client, public_forms, monkeypatch):
    url, answers, model = public_forms[0]
    data = {**answers, "submission_token": submission_token_in(client.get(url))}
    client.post(url, data)
    first = model.objects.get()
    # The second copy looks before the first is committed, finds nothing, and
    # is stopped by the unique token when it tries to store its own.
    real_lookup = submissions.stored_with_token
    calls = []

    def lookup_too_early_the_first_time(model, token):
        calls.append(token)
        return None if len(calls) == 1 else real_lookup(model, token)

    monkeypatch.setattr(submissions, "stored_with_token", lookup_too_early_the_first_time)
    response = client.post(url, data)
    assert response.status_code == 302 and model.objects.get() == first
    assert len(calls) == 2  # looked again after the unique token refused the copy
    assert client.get(response["Location"]).content.decode().count(first.reference) >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_a_form_without_a_usable_token_is_still_accepted(client, public_forms, token):
    url, answers, model = public_forms[0]
    data = answers if token is None else {**answers, "submission_token": token}
    assert client.post(url, data).status_code == 302
    assert model.objects.get().submission_token is None
