"""What every record people send in shares: a reference, the channel it
came by, a safeguarding flag, staff notes, and personal data that is cleared
after RETENTION_DAYS (see personal_data.py for how purge_personal_data finds
the models)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .references import generate_reference

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
    # The date the retention period counts from; other record types (such as
    # form builder submissions, with `submit_time`) subclass and change it.
    received_field = "created_at"

    def due_for_purge(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=self.model.retention_days())
        return self.filter(**{f"{self.received_field}__lt": cutoff}, personal_data_cleared_at__isnull=True)


class InvolvementRecord(models.Model):
    """What suggestions and expressions of interest have in common: a
    reference people can quote, the channel it came by, a safeguarding flag,
    staff notes, and personal data that is cleared after RETENTION_DAYS while
    the anonymised record is kept for the figures and "You said, we did".

    Subclasses set REFERENCE_PREFIX and PERSONAL_DATA_FIELDS.
    """

    REFERENCE_PREFIX = ""
    PERSONAL_DATA_FIELDS = ()

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

    def clear_personal_data(self):
        for name in self.PERSONAL_DATA_FIELDS:
            field = self._meta.get_field(name)
            setattr(self, name, field.get_default() if not field.null else None)
        self.personal_data_cleared_at = timezone.now()
        self.save(update_fields=[*self.PERSONAL_DATA_FIELDS, "personal_data_cleared_at", "updated_at"])
