"""Telling subscribers when something is published, once.

A page_published signal (or an answer published to "You said, we did")
creates an Announcement with a unique key; only the process whose
get_or_create created it queues the sending task, and each (subscriber,
announcement) Delivery row is unique too, so a second publish of the same page,
or two app servers publishing it at the same moment, never sends twice.
Subscribers who chose a weekly digest hear about it from send_update_digests.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django_tasks import task
from wagtail.signals import page_published

from news.models import NewsKind, NewsPage
from opportunities.models import OpportunityPage
from suggestions.models import YouSaidWeDidPage
from suggestions.suggestion_box import Suggestion, published_q

from .emails import send_updates
from .models import Announcement, Delivery, Frequency, Subscriber, Topic


def announce(key, **details):
    """Create the announcement for `key` and queue its emails, unless it exists already."""
    if not details.get("url"):
        return None  # a page outside every site has no address to send
    # The key is unique: when another server inserts it between our lookup
    # and insert, get_or_create catches the refusal and returns created=False.
    announcement, created = Announcement.objects.get_or_create(key=key, defaults=details)
    if created:
        send_announcement.enqueue(announcement.pk)
    return announcement if created else None


def record_delivery(subscriber, announcement):
    """True if this is the first time the subscriber is sent the announcement."""
    _, created = Delivery.objects.get_or_create(subscriber=subscriber, announcement=announcement)
    return created


@task()
def send_announcement(announcement_id):
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None:
        return
    for subscriber in Subscriber.objects.filter(frequency=Frequency.IMMEDIATELY).wanting(announcement):
        if record_delivery(subscriber, announcement):
            send_updates(subscriber, [announcement])


def news_topic(page):
    return Topic.NEWSLETTERS if page.kind == NewsKind.NEWSLETTER else Topic.NEWS


@receiver(page_published)
def announce_published_page(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, NewsPage):
        announce(f"page:{page.pk}", topic=news_topic(page), title=page.title, summary=page.summary, url=page.full_url)
    elif isinstance(page, OpportunityPage):
        announce(
            f"page:{page.pk}",
            topic=Topic.OPPORTUNITIES,
            title=page.title,
            summary=page.summary,
            url=page.full_url,
            rung=page.rung,
            theme_ids=list(page.themes.values_list("pk", flat=True)),
        )


@receiver(post_save, sender=Suggestion)
def announce_published_answer(sender, instance, **kwargs):
    # Most saves are public submissions, never ticked for publishing: no query for those.
    if not instance.publish or not Suggestion.objects.filter(published_q(), pk=instance.pk).exists():
        return
    listing = YouSaidWeDidPage.objects.live().first()
    if listing is None:
        return
    announce(
        f"answer:{instance.pk}",
        topic=Topic.YOU_SAID_WE_DID,
        title=f"You said, we did: {instance.public_version[:200]}",
        summary=instance.public_answer,
        url=listing.full_url,
    )
