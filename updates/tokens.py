"""Signed links in emails: no account or password, just a link only the
address's owner receives. The signature names the address too, so a link
stops working once the address is gone, even if its id is reused."""

from datetime import timedelta

from django.core import signing

from .models import UNCONFIRMED_DAYS, Subscriber

CONFIRM = "updates.confirm"
MANAGE = "updates.manage"
CONFIRMATION_MAX_AGE = timedelta(days=UNCONFIRMED_DAYS)


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def make_token(subscriber, purpose):
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=purpose)


def subscriber_for(token, purpose, max_age=None):
    """The subscriber the token was made for; LinkExpired or LinkInvalid otherwise."""
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    subscriber = Subscriber.objects.filter(pk=data.get("id"), email=data.get("email")).first()
    if subscriber is None:
        raise LinkInvalid
    return subscriber
