"""Expressions of interest: someone saying "I'm interested" in an opportunity.

In a module of its own, apart from the pages, because the pages route to the
views, and the views use the form built on this model."""

from django.db import models

from records.contact import CONTACT_DETAIL_FIELDS, ContactDetails
from records.models import InvolvementRecord


class ExpressionOfInterest(ContactDetails, InvolvementRecord):
    """Someone saying "I'm interested" in an opportunity. The Involvement team
    follows each one up; its status says where that has got to."""

    REFERENCE_PREFIX = "E"
    # Cleared after RETENTION_DAYS; everything else is kept for the figures.
    PERSONAL_DATA_FIELDS = (
        *InvolvementRecord.PERSONAL_DATA_FIELDS,
        "name",
        *CONTACT_DETAIL_FIELDS,
        "best_times",
        "access_needs",
        "anything_else",
    )
    NON_PERSONAL_FIELDS = (
        *InvolvementRecord.NON_PERSONAL_FIELDS,
        "opportunity",
        "opportunity_title",
        "status",
        "contact_method",
        "consent",
    )
    # What the person tells us, in the order the form asks for it.
    PERSON_FIELDS = (
        "name",
        "contact_method",
        *CONTACT_DETAIL_FIELDS,
        "best_times",
        "access_needs",
        "anything_else",
        "consent",
    )

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        TAKING_PART = "taking_part", "Taking part"
        NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # SET_NULL, not CASCADE or PROTECT: deleting an opportunity page must never
    # delete people's records, nor stop editors tidying up old pages. The title
    # is kept alongside so the record still says what it was about.
    opportunity = models.ForeignKey(
        "opportunities.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expressions_of_interest",
        help_text="The opportunity they are interested in.",
    )
    opportunity_title = models.CharField(
        max_length=255, blank=True, editable=False, help_text="The opportunity's title when this was received."
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text="Where following this up has got to. Every change is kept in the history.",
    )
    name = models.CharField(
        "what to call them", max_length=100, blank=True, help_text="The name they would like us to use."
    )
    best_times = models.CharField(
        "best times to contact", max_length=200, blank=True, help_text="Optional. When suits them best."
    )
    access_needs = models.TextField(
        "access needs or support wanted", max_length=1000, blank=True, help_text="Optional. What would help them."
    )
    anything_else = models.TextField(max_length=2000, blank=True, help_text="Optional. Anything else they told us.")

    class Meta(InvolvementRecord.Meta):
        verbose_name = "expression of interest"
        verbose_name_plural = "expressions of interest"

    def save(self, *args, **kwargs):
        if self.opportunity is not None and "update_fields" not in kwargs:
            self.opportunity_title = self.opportunity.title
        super().save(*args, **kwargs)

    @property
    def opportunity_name(self):
        return self.opportunity_title or "(opportunity deleted)"
