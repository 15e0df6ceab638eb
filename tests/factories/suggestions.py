import factory
import wagtail_factories
from django.utils import timezone

from suggestions.models import FormField, FormPage, Suggestion, SuggestionPage, SuggestionTopic, YouSaidWeDidPage


class SuggestionTopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = SuggestionTopic
        django_get_or_create = ("slug",)


class SuggestionFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"Suggestion number {n}: more evening sessions at the Hub.")
    status = Suggestion.Status.RECEIVED

    class Meta:
        model = Suggestion

    class Params:
        published = factory.Trait(
            status=Suggestion.Status.DONE,
            publish=True,
            public_version=factory.Sequence(lambda n: f"Public version {n}"),
            public_answer=factory.Sequence(lambda n: f"Public answer {n}"),
            answered_at=factory.LazyFunction(timezone.now),
        )
        with_reply = factory.Trait(
            wants_reply=True,
            name="Alex Example",
            contact_method="email",
            email="alex@example.org",
            consent=True,
        )


class SuggestionPageFactory(wagtail_factories.PageFactory):
    title = "Have your say"
    slug = "have-your-say"
    introduction = "Tell us what you think."

    class Meta:
        model = SuggestionPage


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    title = "You said, we did"
    slug = "you-said-we-did"
    introduction = "What changed because of what you told us."

    class Meta:
        model = YouSaidWeDidPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = "Hub opening hours survey"
    slug = "survey"
    introduction = "Tell us when the Hub should be open."
    thank_you_text = "<p>Thanks, we will share the results at the Forum.</p>"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField
