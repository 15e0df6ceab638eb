"""One place where people check any reference they were given.

Records owns the page, the form, the rate limit and the rule about what a
safeguarding-flagged record may show; each feature app says what its
references mean by registering a `register_reference_kind` Wagtail hook that
returns a ReferenceKind. Records never imports a feature app.

A kind's `find(reference)` returns a StatusReport or None. It must read only
what the page may show (reference, status, dates, a public answer), never a
message or a personal detail: the tests check the SQL it sends.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from wagtail import hooks
from wagtail.log_actions import registry as log_registry

from home.forms import GovukFormMixin

from .admin_views import STATUS_CHANGED
from .references import REFERENCE_LENGTH, normalise_reference, reference_pattern

HOOK_NAME = "register_reference_kind"


@dataclass(frozen=True)
class StatusReport:
    """What the status check may say about one record."""

    reference: str
    kind: str  # "Suggestion", "Expression of interest"
    stage: str
    explanation: str
    dates: tuple[tuple[str, datetime], ...] = ()
    answer: str = ""
    # Flagged records show their stage and nothing else: whoever holds the
    # reference may not be the person who sent it.
    safeguarding: bool = False

    def as_shown(self):
        return replace(self, dates=(), answer="") if self.safeguarding else self


@dataclass(frozen=True)
class ReferenceKind:
    prefix: str  # "S"
    noun: str  # "suggestion", used in "We could not find a suggestion with ..."
    find: Callable[[str], StatusReport | None]


def reference_kinds():
    """The registered kinds, each prefix once, in registration order."""
    kinds = {}
    for register in hooks.get_hooks(HOOK_NAME):
        kind = register()
        kinds.setdefault(kind.prefix, kind)
    return list(kinds.values())


def status_changed_on(record):
    """When the record last changed status (from its history), or None if it never has.
    Reads only the log's timestamp: the history's other columns say who changed it."""
    return (
        log_registry.get_logs_for_instance(record)
        .filter(action=STATUS_CHANGED)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )


def status_check_url(reference=None):
    """The status check, already answering `reference` if given (for confirmations and emails)."""
    url = reverse("status_check")
    return f"{url}?{urlencode({'reference': reference})}" if reference else url


def example_reference(prefix):
    return f"{prefix}-7K3P9Q"


class ReferenceCheckForm(GovukFormMixin, forms.Form):
    """Find any record by its reference. A GET form: it stores nothing."""

    reference = forms.CharField(
        label="Your reference",
        max_length=20,
        error_messages={"required": "Enter your reference"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = reference_kinds()
        field = self.fields["reference"]
        field.help_text = (
            f"It starts with {self.prefixes_in_words()}, for example {self.examples_in_words()}. "
            "It was on the page you saw after sending your form."
        )
        field.error_messages["max_length"] = self.format_message()

    def prefixes_in_words(self):
        return " or ".join(f"{kind.prefix}-" for kind in self.kinds)

    def examples_in_words(self):
        return " or ".join(example_reference(kind.prefix) for kind in self.kinds)

    def format_message(self):
        return (
            f"Enter your reference as it was given to you: {self.prefixes_in_words()} then {REFERENCE_LENGTH} "
            f"letters and numbers, like {self.examples_in_words()}"
        )

    def kind_for(self, reference):
        return next((kind for kind in self.kinds if reference_pattern(kind.prefix).match(reference)), None)

    def clean_reference(self):
        reference = normalise_reference(self.cleaned_data["reference"])
        if self.kind_for(reference) is None:
            raise forms.ValidationError(self.format_message())
        return reference

    def find(self):
        """What may be shown for a valid reference, or None (with an error on
        the field saying what to check)."""
        reference = self.cleaned_data["reference"]
        kind = self.kind_for(reference)
        report = kind.find(reference)
        if report is None:
            self.add_error(
                "reference",
                f"We could not find {article(kind.noun)} {kind.noun} with the reference {reference}. Check the "
                "letters and numbers and try again",
            )
            return None
        return report.as_shown()


def article(noun):
    return "an" if noun[:1].lower() in "aeiou" else "a"
