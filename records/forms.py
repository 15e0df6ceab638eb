"""What every public form that stores what people send carries
(suggestions, expressions of interest, editor-built surveys): a honeypot and
a one-time submission token."""

import uuid

from django import forms

from home.forms import GovukFormMixin

HONEYPOT_FIELD = "website"
SUBMISSION_TOKEN_FIELD = "submission_token"  # noqa: S105 (a field name, not a secret)


class PublicFormMixin(GovukFormMixin):
    """Mix into a Form or ModelForm that members of the public fill in.

    - Renders with templates/includes/forms/fields.html: label, "(optional)",
      hint, error message and input for each field, fieldsets for choices.
    - Adds a honeypot field that people never see (hidden by CSS, skipped by
      screen readers and the keyboard) and that naive bots fill in.
    - Adds a hidden one-time submission token, new for every rendering of the
      form, which the stored record keeps (unique): sending the same page
      twice stores one record and shows the same reference.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[SUBMISSION_TOKEN_FIELD] = forms.CharField(
            required=False, initial=uuid.uuid4, widget=forms.HiddenInput
        )

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())

    @property
    def posted_submission_token(self):
        """The posted token, or None if it is missing or garbled (such a form
        is still accepted, just without the protection against sending twice)."""
        try:
            return uuid.UUID(self.data.get(self.add_prefix(SUBMISSION_TOKEN_FIELD), ""))
        except ValueError:
            return None

    def person_fields(self):
        """Everything but the honeypot and the submission token."""
        hidden = {HONEYPOT_FIELD, SUBMISSION_TOKEN_FIELD}
        return [field for field in super().person_fields() if field.name not in hidden]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
