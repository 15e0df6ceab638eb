"""The suggestion box's records: the topics people choose from and the
suggestions themselves, with what "You said, we did" may publish.

In a module of its own, apart from the pages, because the pages route to the
views, and the views and feeds use these models."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from home.groups import INVOLVEMENT_TEAM
from records.contact import CONTACT_DETAIL_FIELDS, ContactDetails
from records.models import InvolvementRecord, PersonalDataQuerySet


class SuggestionTopic(models.Model):
    """The list people choose a topic from. Staff edit it under Snippets."""

    name = models.CharField(max_length=80, unique=True, help_text="What people see in the list, e.g. 'The Hub'.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="A short name for web addresses, e.g. 'policy'. A link to /have-your-say/?topic=policy "
        "opens the form with this topic already chosen.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "suggestion topic"

    def __str__(self):
        return self.name


def answered_q():
    return models.Q(status__in=Suggestion.ANSWERED_STATUSES)


def published_q():
    """What "You said, we did" shows: ticked for publishing, answered, not
    flagged as a safeguarding concern, with both public texts written. A Q
    object, so the figures page can count it inside one aggregate query."""
    return (
        answered_q()
        & models.Q(publish=True, is_safeguarding_concern=False)
        & ~models.Q(public_version="")
        & ~models.Q(public_answer="")
    )


class SuggestionQuerySet(PersonalDataQuerySet):
    def answered(self):
        return self.filter(answered_q())

    def published(self):
        return self.filter(published_q())

    def newest_first(self):
        return self.order_by("-answered_at", "-pk")

    def for_status_check(self):
        # Load only what the public status check may show, so the message and
        # personal details are never even read for it.
        return self.only("reference", "status", "created_at", "answered_at", "public_answer", "is_safeguarding_concern")


class Suggestion(ContactDetails, InvolvementRecord):
    REFERENCE_PREFIX = "S"
    # Who they are and how to reach them: kept only while they want a reply.
    REPLY_DETAILS = ("name", *CONTACT_DETAIL_FIELDS)
    # Cleared after RETENTION_DAYS. Their own words go too (free text can
    # name or describe anyone); the public version staff wrote without
    # identifying details stays for "You said, we did".
    PERSONAL_DATA_FIELDS = (*InvolvementRecord.PERSONAL_DATA_FIELDS, *REPLY_DETAILS, "text")
    NON_PERSONAL_FIELDS = (
        *InvolvementRecord.NON_PERSONAL_FIELDS,
        "status",
        "topic",
        "public_version",
        "public_answer",
        "publish",
        "wants_reply",
        "contact_method",
        "consent",
        "assigned_to",
        "answered_at",
    )
    CLEARED_VALUES = {"text": "(Removed after the retention period.)"}
    TEXT_MAX_LENGTH = 2000

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        CONSIDERING = "considering", "Being considered"
        DONE = "done", "Answered: done"
        PARTLY_DONE = "partly_done", "Answered: partly done"
        CANT_DO = "cant_do", "Answered: can't do"
        CLOSED = "closed", "Closed"

    ANSWERED_STATUSES = (Status.DONE, Status.PARTLY_DONE, Status.CANT_DO)

    # What each status means, in the words the public status check uses.
    STATUS_EXPLANATIONS = {
        Status.RECEIVED: "We have your suggestion. The Involvement team will look at it soon.",
        Status.CONSIDERING: "The Involvement team is looking into it and talking to the people who can make it happen.",
        Status.DONE: "We have answered it: we did what you suggested.",
        Status.PARTLY_DONE: "We have answered it: we did part of what you suggested.",
        Status.CANT_DO: "We have answered it: we cannot do this, and we explain why.",
        Status.CLOSED: "We have finished with it. If you want to know more, get in touch.",
    }

    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
        help_text="Where it has got to. People can check this with their reference. Choosing an 'Answered' status "
        "records today as the answered date.",
    )
    topic = models.ForeignKey(
        SuggestionTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="Optional. What it is about.",
    )
    text = models.TextField(
        "their suggestion",
        max_length=TEXT_MAX_LENGTH,
        help_text="What the person said, exactly as they said it. Never published.",
    )
    public_version = models.TextField(
        "you said (public version)",
        blank=True,
        help_text="The suggestion in words that can be published: take out names, places, dates and anything else "
        "that could identify someone. Shown as 'You said'.",
    )
    public_answer = models.TextField(
        "we did (public answer)",
        blank=True,
        help_text="What we did about it, or why we cannot do it, in plain English. Shown as 'We did' and on the "
        "status check for this reference.",
    )
    publish = models.BooleanField(
        "publish in 'You said, we did'",
        default=False,
        help_text="Tick to show it on the 'You said, we did' page once it has an 'Answered' status. Flagged "
        "suggestions are never shown.",
    )
    wants_reply = models.BooleanField(
        "wants a reply",
        default=False,
        help_text="If not ticked, the suggestion is anonymous: no name or contact details are kept.",
    )
    name = models.CharField(
        "what to call them", max_length=100, blank=True, help_text="Only if they want a reply. Any name is fine."
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=models.Q(groups__name=INVOLVEMENT_TEAM) | models.Q(is_superuser=True),
        help_text="Optional. Who in the Involvement team is looking after it.",
    )
    answered_at = models.DateTimeField(
        "answered", null=True, blank=True, editable=False, help_text="Set when the status becomes an answered one."
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta(InvolvementRecord.Meta):
        verbose_name = "suggestion"

    @property
    def is_answered(self):
        return self.status in self.ANSWERED_STATUSES

    @property
    def shows_public_answer(self):
        """The status check shows the public answer once the suggestion is answered or closed."""
        return bool(self.public_answer) and (self.is_answered or self.status == self.Status.CLOSED)

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS[self.status]

    @property
    def outcome(self):
        """'Done', 'Partly done' or 'Can't do', for published answers."""
        return self.get_status_display().removeprefix("Answered: ").capitalize() if self.is_answered else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.CANT_DO and not self.public_answer.strip():
            errors["public_answer"] = "Explain why we can't do it: people see this answer when they check."
        if self.publish:
            if self.is_safeguarding_concern:
                errors["publish"] = "A suggestion flagged as a safeguarding concern can never be published."
            if not self.public_version.strip():
                errors["public_version"] = "Write the public version before publishing it."
            if not self.public_answer.strip():
                errors.setdefault("public_answer", "Write the public answer before publishing it.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.wants_reply:
            # Anonymous means anonymous: whatever was typed is never stored.
            self.forget_contact_details()
        if self.is_answered and self.answered_at is None:
            self.answered_at = timezone.now()
        elif not self.is_answered:
            self.answered_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "answered_at"}
        return super().save(*args, **kwargs)

    def forget_contact_details(self):
        for name in self.REPLY_DETAILS:
            setattr(self, name, "")
        self.contact_method = ""
        self.consent = False
