"""How people ask to be contacted, written once for every form that asks.

Every contact-detail box is on the page at once (the forms work without
JavaScript); only the detail for the way the person chose is required, and the
others are dropped so that we never keep more than we use.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    POST = "post", "Letter by post"
    SUPPORT_WORKER = "support_worker", "Through my support worker"


def validate_phone(value):
    """Digits with the spaces, brackets and dashes people write; at least 7 digits."""
    if not re.fullmatch(r"\+?[\d\s()-]+", value) or len(re.sub(r"\D", "", value)) < 7:
        raise ValidationError("Enter a phone number, like 07700 900 982 or 0151 496 0123", code="invalid_phone")


class ContactDetailsMixin:
    """For a form with a `contact_method` field and a box for each detail.

    Subclasses set `details_for_method` ({ContactMethod: (field names)}) and
    `missing_detail_messages` ({field name: {"default": message, method:
    message}}), and may override `wants_contact()` (e.g. only when the person
    asked for a reply)."""

    details_for_method = {}
    missing_detail_messages = {}

    @classmethod
    def detail_field_names(cls):
        names = []
        for fields in cls.details_for_method.values():
            names += [name for name in fields if name not in names]
        return tuple(names)

    def wants_contact(self, cleaned_data):
        return True

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self.instance, "personal_data_cleared_at", None):
            return cleaned_data  # details were deleted on purpose; nothing to ask for
        method = cleaned_data.get("contact_method")
        wanted = self.wants_contact(cleaned_data)
        needed = self.details_for_method.get(method, ()) if wanted else ()
        for name in self.detail_field_names():
            if name in needed:
                if not cleaned_data.get(name) and name not in self.errors:
                    message = self.missing_detail_messages[name]
                    self.add_error(name, message.get(method, message["default"]))
            elif method or not wanted:
                # Not needed for the way they chose: never block on it, never keep it.
                self.errors.pop(name, None)
                cleaned_data[name] = ""
        return cleaned_data
