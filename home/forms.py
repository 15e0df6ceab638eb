"""Form behaviour shared by every public form (suggestions, expressions of
interest, editor-built surveys): GOV.UK-style rendering and a honeypot."""

from django import forms

HONEYPOT_FIELD = "website"


class GovukFormMixin:
    """GOV.UK-style rendering and the error summary, for any public form.

    PublicFormMixin adds a honeypot on top; use this one alone for GET forms
    that store nothing (such as a status check), where a honeypot would only
    add an empty `website=` to the address.
    """

    template_name = "includes/forms/fields.html"

    def person_fields(self):
        """The fields a person fills in, in order (everything but the honeypot)."""
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def error_summary(self):
        """(message, anchor id) pairs for the error summary at the top of the page,
        in the order the fields appear, so each link moves focus to its field."""
        items = [(str(error), "") for error in self.non_field_errors()]
        for field in self.person_fields():
            for error in field.errors:
                items.append((str(error), error_anchor(field)))
        return items


def error_anchor(bound_field):
    """The id an error summary link should go to: the input itself, or the
    first option of a set of radios or checkboxes (GOV.UK pattern), whose
    shared label Django leaves without an id."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    widget = bound_field.field.widget
    if isinstance(widget, forms.widgets.ChoiceWidget):
        return widget.id_for_label(bound_field.auto_id, "0")
    return bound_field.auto_id


class PublicFormMixin(GovukFormMixin):
    """Mix into a Form or ModelForm that members of the public fill in.

    - Renders with templates/includes/forms/fields.html: label, "(optional)",
      hint, error message and input for each field, fieldsets for choices.
    - Adds a honeypot field that people never see (hidden by CSS, skipped by
      screen readers and the keyboard) and that naive bots fill in.
    - Strips surrounding white space and refuses input that is only spaces.
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

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]
