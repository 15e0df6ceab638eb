"""Email that survives a mail-server outage.

Every email the site sends is queued as a task in the database, in the same
transaction as the record it is about, so it is stored exactly when the
record is. The worker (`manage.py db_worker`) sends it; if the mail server
refuses or cannot be reached, the task queues itself again with a growing
delay, for about a day, before giving up with a logged error. The request
that created the record never waits for the mail server.
"""

import datetime
import logging

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# 1, 2, 4 ... minutes, then hourly: 30 attempts span about 24 hours.
MAX_ATTEMPTS = 30
MAX_RETRY_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempt):
    return min(datetime.timedelta(minutes=2 ** (attempt - 1)), MAX_RETRY_DELAY)


def queue_mail(subject, body, recipients, *, html=None, headers=None):
    """Queue an email (plain text, with an optional HTML part and extra
    headers such as List-Unsubscribe); the worker sends it."""
    send_queued_mail.enqueue(subject, body, list(recipients), html=html, headers=headers)


def deliver(subject, body, recipients, html=None, headers=None):
    message = EmailMultiAlternatives(subject, body, None, recipients, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)


@task()
def send_queued_mail(subject, body, recipients, attempt=1, html=None, headers=None):
    try:
        deliver(subject, body, recipients, html, headers)
    except OSError:  # smtplib's errors and refused connections are all OSErrors
        schedule_retry(subject, body, recipients, attempt, html=html, headers=headers)


def schedule_retry(subject, body, recipients, attempt, html=None, headers=None):
    backend = send_queued_mail.get_backend()
    if attempt >= MAX_ATTEMPTS or not backend.supports_defer:
        # The subject carries the reference, never personal details; the
        # record itself is safe in the admin whatever happens to the email.
        logger.exception("Could not send '%s' after %d attempt(s); giving up.", subject, attempt)
        raise
    delay = retry_delay(attempt)
    logger.warning("Could not send '%s' (attempt %d); trying again in %s.", subject, attempt, delay)
    send_queued_mail.using(run_after=timezone.now() + delay).enqueue(
        subject, body, recipients, attempt + 1, html=html, headers=headers
    )
