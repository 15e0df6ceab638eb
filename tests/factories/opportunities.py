from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from opportunities.models import (
    ExpressionOfInterest,
    Frequency,
    OpportunityFormat,
    OpportunityIndexPage,
    OpportunityPage,
    OpportunityTheme,
    Rung,
)
from records.contact import ContactMethod


def options(model, slugs):
    """The snippet rows for these slugs (the migration created the usual ones), in the order given."""
    return [model.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in slugs]


class OpportunityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Get involved"
    slug = "get-involved"
    introduction = "Ways to have your say."

    class Meta:
        model = OpportunityIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    """An open, ongoing opportunity by default; pass closing_date in the past to close it."""

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    slug = factory.Sequence(lambda n: f"opportunity-{n}")
    rung = Rung.PARTICIPATION
    themes = ["hub-and-forum"]  # slugs, turned into snippet rows by _adjust_kwargs
    formats = ["in-person"]
    summary = "Come and help us plan."
    what_you_would_do = "<p>Talk with us.</p>"
    what_you_can_influence = "<p>What we do next.</p>"
    what_cannot_change = "<p>The budget.</p>"
    time_needed = "2 hours"
    frequency = Frequency.ONGOING
    when_details = "Every second Tuesday"
    place = "The Hub"
    access_information = "Step-free."
    support_and_training = "<p>A buddy.</p>"
    payment = "A £10 voucher."
    who_can_take_part = "Anyone with lived experience."
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))

    class Meta:
        model = OpportunityPage

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["themes"] = options(OpportunityTheme, kwargs["themes"])
        kwargs["formats"] = options(OpportunityFormat, kwargs["formats"])
        return kwargs


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    name = "Jo"
    contact_method = ContactMethod.EMAIL
    email = "jo@example.org"
    consent = True

    class Meta:
        model = ExpressionOfInterest
