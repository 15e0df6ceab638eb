"""How people ask to be contacted, written once for every record and form that asks.

`ContactDetails` is the model side (the fields, and the one table saying which
detail each way of contacting needs); `ContactDetailsMixin` the form side.
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


# The one detail each way of contacting needs; the others are not kept.
DETAILS_FOR_METHOD = {
    ContactMethod.EMAIL: ("email",),
    ContactMethod.PHONE: ("phone",),
    ContactMethod.TEXT: ("phone",),
    ContactMethod.POST: ("postal_address",),
    ContactMethod.SUPPORT_WORKER: ("support_worker",),
}
CONTACT_DETAIL_FIELDS = ("email", "phone", "postal_address", "support_worker")


class ContactDetails(models.Model):
    """How to reach the person who sent a record, and their agreement to it."""

    contact_method = models.CharField(
        "how to contact them",
        max_length=20,
        choices=ContactMethod.choices,
        blank=True,
        help_text="The way they asked us to get in touch.",
    )
    email = models.EmailField("email address", blank=True, help_text="Only when they chose email.")
    phone = models.CharField(
        "phone number",
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="Only when they chose a phone call or a text message.",
    )
    postal_address = models.TextField(max_length=300, blank=True, help_text="Only when they chose post.")
    support_worker = models.CharField(
        "support worker",
        max_length=400,
        blank=True,
        help_text="Only when they chose their support worker: the worker's name and service, and how to reach them.",
    )
    consent = models.BooleanField(
        "agreed to be contacted",
        default=False,
        help_text="They agreed that the Involvement team may contact them about this.",
    )

    class Meta:
        abstract = True


class ContactDetailsMixin:
    """For a ModelForm of a `ContactDetails` model (or any form with a
    `contact_method` field and a box for each detail).

    Subclasses set `missing_detail_messages` ({field name: {"default":
    message, method: message}}), and may override `wants_contact()` (e.g. only
    when the person asked for a reply)."""

    details_for_method = DETAILS_FOR_METHOD
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
