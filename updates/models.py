"""People who asked for email updates, what has been announced to them, and
who has been sent what.

An address is personal data: it is deleted when the person unsubscribes, and
a sign-up never confirmed is deleted after UNCONFIRMED_DAYS by the
purge_unconfirmed_subscribers command (daily from cron). Not through
purge_personal_data's hook: that keeps records with their personal fields
cleared, while a subscriber is nothing but an address, so it is deleted.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone

from opportunities.models import OpportunityTheme, Rung

UNCONFIRMED_DAYS = 7


class Topic(models.TextChoices):
    NEWS = "news", "News"
    NEWSLETTERS = "newsletters", "Newsletters"
    OPPORTUNITIES = "opportunities", "New opportunities to get involved"
    YOU_SAID_WE_DID = "you_said_we_did", "You said, we did"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "An email each time something is published"
    WEEKLY = "weekly", "One email a week, with everything from that week"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def due_for_purge(self, now=None):
        """Sign-ups nobody confirmed within UNCONFIRMED_DAYS."""
        cutoff = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)

    def wanting(self, announcement):
        """Confirmed subscribers who chose the announcement's topic (and, for
        opportunities, its rung and one of its themes, when they narrowed it)."""
        # Chosen in Python: a JSON "contains" lookup works on PostgreSQL but
        # not on SQLite, and this runs in the worker, not in a request.
        subscribers = self.confirmed().prefetch_related("themes").iterator(chunk_size=500)
        return [subscriber for subscriber in subscribers if subscriber.wants(announcement)]


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    topics = models.JSONField(default=list, help_text="Which of the Topic values they chose.")
    rungs = models.JSONField(default=list, blank=True, help_text="Only opportunities on these rungs; empty for all.")
    themes = models.ManyToManyField(
        OpportunityTheme, blank=True, related_name="+", help_text="Only opportunities with these themes; none for all."
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY)
    created_at = models.DateTimeField("signed up", default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "email update subscriber"

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def topic_labels(self):
        return [Topic(topic).label for topic in self.topics if topic in Topic.values]

    def wants(self, announcement):
        if announcement.topic not in self.topics:
            return False
        return announcement.topic != Topic.OPPORTUNITIES or self.wants_opportunity(announcement)

    def wants_opportunity(self, announcement):
        if self.rungs and announcement.rung not in self.rungs:
            return False
        chosen = {theme.pk for theme in self.themes.all()}
        return not chosen or bool(chosen & set(announcement.theme_ids))


class Announcement(models.Model):
    """Something published that subscribers hear about. `key` is unique, so
    when two app servers see the same page published at once only one
    creates the row, and only that one queues the emails."""

    key = models.CharField(max_length=100, unique=True, help_text="e.g. page:42 or answer:17")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.URLField(max_length=500)
    rung = models.CharField(max_length=20, choices=Rung.choices, blank=True)
    theme_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Delivery(models.Model):
    """One subscriber told about one announcement, by its own email or a
    digest. Unique, so nobody hears about the same thing twice."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "announcement"], name="one_delivery_per_announcement")
        ]
