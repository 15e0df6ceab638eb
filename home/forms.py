"""GOV.UK-style rendering for any public form. Forms that store what people
send add a honeypot on top (records.forms.PublicFormMixin)."""

from django import forms


class GovukFormMixin:
    """GOV.UK-style rendering and the error summary, for any public form.

    Use it alone for GET forms that store nothing (such as a status check),
    where a honeypot would only add an empty `website=` to the address.
    """

    template_name = "includes/forms/fields.html"

    def person_fields(self):
        """The fields a person fills in, in order."""
        return list(self)

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
