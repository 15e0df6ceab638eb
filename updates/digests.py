"""The weekly digest: one email per subscriber with everything announced in
the last week that they chose and have not been sent yet."""

from datetime import timedelta

from django.utils import timezone

from .announcements import record_delivery
from .emails import send_updates
from .models import Announcement, Frequency, Subscriber

DIGEST_PERIOD = timedelta(days=7)


def send_digests(now=None):
    """Queue this week's digests; returns how many were queued."""
    since = (now or timezone.now()) - DIGEST_PERIOD
    week = list(Announcement.objects.filter(created_at__gte=since).order_by("created_at"))
    if not week:
        return 0
    sent = 0
    subscribers = Subscriber.objects.confirmed().filter(frequency=Frequency.WEEKLY).prefetch_related("themes")
    for subscriber in subscribers:
        wanted = [item for item in week if subscriber.wants(item) and record_delivery(subscriber, item)]
        if wanted:
            send_updates(subscriber, wanted, digest=True)
            sent += 1
    return sent
