import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from taggit.models import Tag
from wagtail.documents import get_document_model

from news.models import (
    LeafletFormat,
    LeafletIndexPage,
    LeafletPage,
    LeafletPageTopic,
    MeetingGroup,
    MeetingIndexPage,
    MeetingMinutesPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    NewsPageTag,
)


def make_document(title="Spring newsletter", filename="spring.pdf", size=240 * 1024):
    content = b"%PDF-1.4 " + b"x" * (size - 9)
    document = get_document_model()(title=title, file_size=len(content))
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def add_tags(page, through, names):
    for name in names:
        through.objects.create(content_object=page, tag=Tag.objects.get_or_create(name=name)[0])


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News and updates"
    slug = "news"
    introduction = "News from the partnership."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    kind = NewsKind.NEWS
    date = datetime.date(2026, 3, 1)
    summary = "A short summary of the story."

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if create and names:
            add_tags(self, NewsPageTag, names)


class MeetingGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Group {n}")
    purpose = "Shares views and makes decisions."
    who_can_attend = "Anyone with lived experience."

    class Meta:
        model = MeetingGroup
        django_get_or_create = ("name",)


class MeetingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Meetings and minutes"
    slug = "meetings"

    class Meta:
        model = MeetingIndexPage


class MeetingMinutesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    group = factory.SubFactory(MeetingGroupFactory)
    date = datetime.date(2026, 3, 12)
    start_time = datetime.time(10)
    end_time = datetime.time(12)
    place = "The Hub, 1 Example Street"
    summary = "What the meeting was about."

    class Meta:
        model = MeetingMinutesPage


class LeafletIndexPageFactory(wagtail_factories.PageFactory):
    title = "Leaflets and posters"
    slug = "leaflets"

    class Meta:
        model = LeafletIndexPage


class LeafletPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leaflet {n}")
    slug = factory.Sequence(lambda n: f"leaflet-{n}")
    summary = "What the leaflet is about."

    class Meta:
        model = LeafletPage
        skip_postgeneration_save = True

    @factory.post_generation
    def formats(self, create, formats, **kwargs):
        """formats=[("easy_read", document), ("other_language", document, "Polish (Polski)")]"""
        if not create or not formats:
            return
        for spec in formats:
            kind, document, language = (*spec, "")[:3]
            LeafletFormat.objects.create(page=self, format=kind, document=document, language=language)

    @factory.post_generation
    def topics(self, create, names, **kwargs):
        if create and names:
            add_tags(self, LeafletPageTopic, names)
