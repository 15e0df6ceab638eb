"""What every record people send in shares: a reference, the channel it
came by, a safeguarding flag, staff notes, and personal data that is cleared
after RETENTION_DAYS (see personal_data.py for how purge_personal_data finds
the models)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .references import generate_reference

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Records people send in: the base the two core forms share
# ---------------------------------------------------------------------------


class Channel(models.TextChoices):
    WEBSITE = "website", "Website"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    PAPER = "paper", "Paper form or box at the Hub"
    DROP_IN = "drop_in", "In person at a drop-in"
    SUPPORT_WORKER = "support_worker", "Through a support worker"
    EMAIL = "email", "Email"


class PersonalDataQuerySet(models.QuerySet):
    """For a model with personal data (see personal_data.py for what it declares)."""

    # The date the retention period counts from; other record types (such as
    # form builder submissions, with `submit_time`) subclass and change it.
    received_field = "created_at"

    def past_retention(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=self.model.retention_days())
        return self.filter(**{f"{self.received_field}__lt": cutoff})

    def due_for_purge(self, now=None):
        """Past the retention period and either never cleared or holding
        personal data again (say, a note typed into a cleared record), so that
        what staff do later never keeps anything past its time."""
        holding = models.Q(personal_data_cleared_at__isnull=True)
        for name in self.model.PERSONAL_DATA_FIELDS:
            holding |= ~models.Q(**{name: self.model.cleared_value(name)})
        return self.past_retention(now).filter(holding)


class InvolvementRecord(models.Model):
    """What suggestions and expressions of interest have in common: a
    reference people can quote, the channel it came by, a safeguarding flag,
    staff notes, and personal data that is cleared after RETENTION_DAYS while
    the anonymised record is kept for the figures and "You said, we did".

    Subclasses set REFERENCE_PREFIX, and extend PERSONAL_DATA_FIELDS and
    NON_PERSONAL_FIELDS with their own fields: every field is in one or the
    other (a test checks), and purge_personal_data clears the first.
    """

    REFERENCE_PREFIX = ""
    # Staff notes hold things like "said they do not feel safe where they are
    # staying": cleared with the contact details.
    PERSONAL_DATA_FIELDS = ("internal_notes",)
    NON_PERSONAL_FIELDS = (
        "id",
        "reference",
        "channel",
        "is_safeguarding_concern",
        "created_at",
        "updated_at",
        "personal_data_cleared_at",
        "submission_token",
    )
    # What a cleared field holds when it may not be empty (the field's default otherwise).
    CLEARED_VALUES = {}

    reference = models.CharField(max_length=8, unique=True, editable=False)
    channel = models.CharField(
        max_length=20, choices=Channel.choices, default=Channel.WEBSITE, help_text="How it reached us."
    )
    is_safeguarding_concern = models.BooleanField(
        "safeguarding concern",
        default=False,
        help_text="Flag it if it raises a safeguarding concern. Flagged records stand out and are never published.",
    )
    internal_notes = models.TextField(blank=True, help_text="Only staff see these.")
    # The one-time token of the form rendering it came from: the same form
    # sent twice stores one record (records/submissions.py).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    personal_data_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonalDataQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    @staticmethod
    def retention_days():
        return settings.RETENTION_DAYS

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        # A clash is one in a billion; retry rather than fail the person's submission.
        for _attempt in range(5):
            self.reference = generate_reference(self.REFERENCE_PREFIX)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if type(self).objects.filter(reference=self.reference).exists():
                    self.reference = ""
                    continue
                raise
        raise IntegrityError("Could not find a free reference number.")

    @classmethod
    def cleared_value(cls, name):
        if name in cls.CLEARED_VALUES:
            return cls.CLEARED_VALUES[name]
        field = cls._meta.get_field(name)
        return None if field.null else field.get_default()

    def personal_data_left(self):
        """Names of the personal fields that still hold something."""
        return [name for name in self.PERSONAL_DATA_FIELDS if getattr(self, name) != self.cleared_value(name)]

    def needs_purge(self):
        return self.personal_data_cleared_at is None or bool(self.personal_data_left())

    def clear_personal_data(self):
        """Clear every personal field; True once the stored record holds none."""
        for name in self.PERSONAL_DATA_FIELDS:
            setattr(self, name, self.cleared_value(name))
        self.save(update_fields=[*self.PERSONAL_DATA_FIELDS, "updated_at"])
        stored = type(self)._default_manager.filter(pk=self.pk).values(*self.PERSONAL_DATA_FIELDS).get()
        return mark_cleared_if_empty(
            self, [name for name, value in stored.items() if value != self.cleared_value(name)]
        )


def mark_cleared_if_empty(record, left):
    """Mark `record` as cleared only when nothing personal is `left` in what
    is stored; otherwise leave it unmarked, so the next purge tries again, and
    say so."""
    if left:
        logger.error("Personal data left in %s %s after clearing: %s", record._meta.verbose_name, record.pk, left)
        return False
    record.personal_data_cleared_at = timezone.now()
    type(record)._default_manager.filter(pk=record.pk).update(personal_data_cleared_at=record.personal_data_cleared_at)
    return True
