"""The honeypot every public form that stores what people send carries
(suggestions, expressions of interest, editor-built surveys)."""

from django import forms

from home.forms import GovukFormMixin

HONEYPOT_FIELD = "website"


class PublicFormMixin(GovukFormMixin):
    """Mix into a Form or ModelForm that members of the public fill in.

    - Renders with templates/includes/forms/fields.html: label, "(optional)",
      hint, error message and input for each field, fieldsets for choices.
    - Adds a honeypot field that people never see (hidden by CSS, skipped by
      screen readers and the keyboard) and that naive bots fill in.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD), "").strip())

    def person_fields(self):
        """Everything but the honeypot."""
        return [field for field in super().person_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
