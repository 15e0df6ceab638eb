"""A model field for "tick all that apply" choices (themes, ways of taking part)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.lookups import Contains

SEPARATOR = ","


class ChoiceListField(models.CharField):
    """Several values from a fixed list, held in Python as a list of strings.

    Stored as ",in-person,online," (a separator on both ends), so the
    `includes` lookup is one LIKE that works the same on SQLite and
    PostgreSQL, never matches part of another value, and can sit inside a
    conditional Count: every filter count on the listing comes from a single
    aggregate query however many pages there are.
    """

    description = "A list of values chosen from a fixed set"

    def __init__(self, *args, choices=(), **kwargs):
        # Kept out of Field.choices: Django would then validate the whole list
        # as if it were one value and offer a single-choice dropdown.
        self.option_choices = list(choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.option_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    @property
    def option_values(self):
        return [value for value, _label in self.option_choices]

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return [item for item in str(value).split(SEPARATOR) if item]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, str):
            return value  # already stored form, or the pattern of a lookup
        values = self.to_python(value)
        return f"{SEPARATOR}{SEPARATOR.join(values)}{SEPARATOR}" if values else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        unknown = [item for item in value if item not in self.option_values]
        if unknown:
            raise ValidationError("Choose from the list.", code="invalid_choice")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.option_choices,
            "required": not self.blank,
            "label": self.verbose_name[:1].upper() + self.verbose_name[1:],
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for unwanted in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(unwanted, None)
        return form_class(**defaults)


@ChoiceListField.register_lookup
class Includes(Contains):
    """`themes__includes="peer-research"`: the list has this value."""

    lookup_name = "includes"

    def get_prep_lookup(self):
        return f"{SEPARATOR}{self.rhs}{SEPARATOR}"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs
