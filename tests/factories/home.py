import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Your voice, your services"
    introduction = "Find ways to have your say."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A short summary."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
        if create:
            self.save()
