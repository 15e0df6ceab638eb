"""The Information rung: news, newsletters and bulletins; meeting minutes;
leaflets and posters. Each has an index page (one per site, under the home
page) that lists its children with filters and paging."""

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import SHORT_TEXT_FEATURES, BodyBlock
from home.cache import cached_content
from home.calendar import clock_time, ics_response
from home.filters import FilteredListingMixin, year_choices
from home.models import ReviewDatesMixin
from home.page_forms import SitePageForm

from .filters import LeafletFilterSet, MeetingFilterSet, NewsFilterSet
from .page_forms import MeetingMinutesPageForm

SUMMARY_MAX_LENGTH = 300
SUMMARY_HELP = (
    "One or two plain sentences (up to 300 characters) saying what this is about. "
    "Shown in listings, on the home page and in the news feed."
)
INTRODUCTION_HELP = (
    "Optional. One or two sentences under the page title saying what people will find here. Up to 400 characters."
)


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


class PictureMixin(models.Model):
    """A picture for a page, with the words a screen reader says instead of it."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A picture shown at the top of the page.",
    )
    image_alt_text = models.CharField(
        "image description",
        max_length=255,
        blank=True,
        help_text="Describe what the picture shows for people who cannot see it. "
        "Leave empty to use the description saved with the image.",
    )

    class Meta:
        abstract = True

    @property
    def image_alt(self):
        if self.image is None:
            return ""
        return self.image_alt_text or self.image.description

    def clean(self):
        super().clean()
        if self.image is not None and not self.image_alt:
            raise ValidationError(
                {"image_alt_text": "Describe what the picture shows, for people who use a screen reader."}
            )


def used_tags(through, pages):
    """The tags (as filter choices) that the given pages carry, in name order: one query."""
    tags = Tag.objects.filter(
        **{f"{through._meta.app_label}_{through._meta.model_name}_items__content_object__in": pages}
    )
    return [(tag.slug, tag.name) for tag in tags.distinct().order_by("name")]


class ListedPageMixin:
    """For pages listed by an index page: the template gets that `index`, to
    link back to the listing and its filters."""

    index_model = None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = cached_content(
            "listing-index", lambda: self.index_model.objects.parent_of(self).first(), self.path
        )
        return context


class IndexPage(FilteredListingMixin, Page):
    """What the three index pages share: one per site, directly under the home page."""

    base_form_class = SitePageForm

    introduction = models.TextField(max_length=400, blank=True, help_text=INTRODUCTION_HELP)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    max_count = 1
    show_in_menus_default = True

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------
# News, newsletters and bulletins
# ---------------------------------------------------------------------------


class NewsKind(models.TextChoices):
    NEWS = "news", "News"
    NEWSLETTER = "newsletter", "Newsletter"
    BULLETIN = "bulletin", "Bulletin"

    @property
    def plural(self):
        return {"news": "News", "newsletter": "Newsletters", "bulletin": "Bulletins"}[self.value]

    @classmethod
    def filter_choices(cls):
        return [(kind.value, kind.plural) for kind in cls]


class NewsPageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_listing(self):
        return self.live().public().select_related("document").newest_first()


class NewsIndexPage(RoutablePageMixin, IndexPage):
    subpage_types = ["news.NewsPage"]
    item_name, item_name_plural = "news item", "news items"

    class Meta:
        verbose_name = "news index page"

    filterset_class = NewsFilterSet

    def get_listing(self):
        return NewsPage.objects.child_of(self).for_listing()

    def get_filter_choices(self, news):
        return {
            "kind": NewsKind.filter_choices(),
            "tag": used_tags(NewsPageTag, news.values("pk")),
            "year": year_choices(news, "date"),
        }

    @path("feed/", name="feed")
    def rss_feed(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import AtomNewsFeed

        return AtomNewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(ListedPageMixin, PictureMixin, Page):
    base_form_class = SitePageForm

    kind = models.CharField(
        "type",
        max_length=20,
        choices=NewsKind.choices,
        default=NewsKind.NEWS,
        help_text="News for stories and updates, Newsletter for a regular round-up (attach its PDF), "
        "Bulletin for a short notice.",
    )
    date = models.DateField(
        default=timezone.localdate, help_text="The date shown on the item. Listings put the newest first."
    )
    summary = models.TextField(max_length=SUMMARY_MAX_LENGTH, help_text=SUMMARY_HELP)
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The full story. Optional for a newsletter whose PDF is attached below.",
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name="topics",
        help_text="Optional. Words people can filter by, e.g. 'Hub', 'recruitment'. Reuse existing ones where you can.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A file to download with this item, e.g. the newsletter as a PDF.",
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading="Lead picture (optional)"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("tags"),
        InlinePanel(
            "related_pages",
            heading="Related pages (optional)",
            label="Related page",
            help_text="e.g. an opportunity to get involved that this story mentions.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    index_model = NewsIndexPage

    class Meta:
        verbose_name = "news item"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [
            related.page for related in self.related_pages.select_related("page") if related.page.live
        ]
        return context


class NewsPageRelatedPage(Orderable):
    news_page = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page on this site that goes with this item.",
    )

    panels = [FieldPanel("page")]


# ---------------------------------------------------------------------------
# Meetings and minutes
# ---------------------------------------------------------------------------


class MeetingGroup(index.Indexed, models.Model):
    """A group that meets regularly across the partnership, e.g. the Service User Forum."""

    name = models.CharField(max_length=120, unique=True, help_text="The group's name, e.g. 'Service User Forum'.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="Optional. Used in web addresses; made from the name if left empty.",
    )
    purpose = models.TextField(help_text="In one or two plain sentences: what this group is for and what it decides.")
    who_can_attend = models.TextField(
        help_text="Who can come, and how to join, e.g. 'Open to anyone with lived experience. Just turn up.'"
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("purpose"), FieldPanel("who_can_attend")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("purpose")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class MeetingQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        now = timezone.localtime(now)
        return self.filter(
            models.Q(date__gt=now.date()) | models.Q(date=now.date(), start_time__gt=now.time())
        ).order_by("date", "start_time")

    def newest_first(self):
        return self.order_by("-date", "-start_time", "-pk")

    def for_listing(self):
        return self.live().public().select_related("group", "minutes_document", "easy_read_minutes")


class MeetingIndexPage(IndexPage):
    subpage_types = ["news.MeetingMinutesPage"]
    item_name, item_name_plural = "meeting", "meetings"

    class Meta:
        verbose_name = "meetings index page"

    filterset_class = MeetingFilterSet

    def get_listing(self):
        return MeetingMinutesPage.objects.child_of(self).for_listing().newest_first()

    def get_filter_choices(self, meetings):
        groups = MeetingGroup.objects.filter(pk__in=meetings.values("group_id")).values_list("slug", "name")
        return {"group": list(groups), "year": year_choices(meetings, "date")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_meeting"] = context["filters"].qs.upcoming().first()
        return context


class MeetingMinutesPage(ListedPageMixin, RoutablePageMixin, Page):
    base_form_class = MeetingMinutesPageForm

    group = models.ForeignKey(
        MeetingGroup,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text="Which group met. Not in the list? Choose 'Add a new group' in the chooser, "
        "or go to Meeting groups in the admin menu.",
    )
    date = models.DateField(help_text="The day of the meeting. A date still to come shows as 'upcoming'.")
    start_time = models.TimeField(help_text="When it starts, e.g. 10:00.")
    end_time = models.TimeField(null=True, blank=True, help_text="Optional. When it should finish, e.g. 12:00.")
    place = models.CharField(
        max_length=255, help_text="Where it is, e.g. 'Lived Experience Hub, 1 Example Street' or 'Online (Zoom)'."
    )
    summary = models.TextField(max_length=SUMMARY_MAX_LENGTH, help_text=SUMMARY_HELP)
    decisions = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="What the meeting agreed, as a list. Leave empty until the meeting has happened.",
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="minutes",
        help_text="Optional. The full minutes, usually a PDF. Add them once they are agreed.",
    )
    easy_read_minutes = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Easy Read minutes",
        help_text="Optional. The minutes in Easy Read: short sentences with pictures.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="Optional. Anything else: the agenda, how to join online, papers for the meeting.",
    )

    objects = PageManager.from_queryset(MeetingQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("group"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("place"),
            ],
            heading="When and where",
        ),
        FieldPanel("summary"),
        FieldPanel("decisions"),
        InlinePanel(
            "actions",
            heading="Actions (optional)",
            label="Action",
            help_text="What was agreed to be done, by whom (a role, never a name) and by when.",
        ),
        InlinePanel(
            "attendance",
            heading="Who attended (optional)",
            label="Role",
            help_text="Roles and how many of each, never people's names.",
        ),
        MultiFieldPanel([FieldPanel("minutes_document"), FieldPanel("easy_read_minutes")], heading="Minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("decisions"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.RelatedFields("group", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.MeetingIndexPage"]
    subpage_types = []

    index_model = MeetingIndexPage

    class Meta:
        verbose_name = "meeting minutes page"

    @staticmethod
    def title_for(group, day):
        """The title a meeting gets when the editor leaves it empty."""
        return f"{group.name}, {day.strftime('%-d %B %Y')}"

    @staticmethod
    def slug_for(group, day):
        """Every meeting's web address follows one pattern: group-YYYY-MM-DD."""
        return f"{group.slug}-{day:%Y-%m-%d}"

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.end_time))

    @property
    def is_upcoming(self):
        return self.starts_at > timezone.now()

    @property
    def minutes_to_follow(self):
        return self.minutes_document_id is None and self.easy_read_minutes_id is None

    @property
    def time_label(self):
        """'10am to 12:30pm', the GOV.UK way of writing times."""
        start = clock_time(self.start_time)
        return f"{start} to {clock_time(self.end_time)}" if self.end_time else start

    def clean(self):
        super().clean()
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The finish time must be after the start time."})

    @path("calendar/", name="calendar")
    def calendar(self, request):
        """The meeting as an .ics file people can add to their own calendar."""
        return ics_response(
            uid=f"meeting-{self.pk}@{request.get_host()}",
            title=self.title,
            # In UTC, which every calendar program reads without needing time zone data.
            start=self.starts_at.astimezone(UTC),
            end=self.ends_at.astimezone(UTC) if self.ends_at else None,
            location=self.place,
            description=self.summary,
            url=request.build_absolute_uri(self.get_url(request)),
            filename=f"{self.slug}.ics",
        )


class MeetingAction(Orderable):
    page = ParentalKey(MeetingMinutesPage, related_name="actions", on_delete=models.CASCADE)
    what = models.CharField(max_length=255, help_text="What will be done, e.g. 'Send the survey to all Hub members'.")
    who = models.CharField(
        max_length=120, help_text="Who will do it: a role or group, never a name, e.g. 'SUI Manager'."
    )
    by_when = models.DateField(null=True, blank=True, help_text="Optional. When it should be done by.")

    panels = [FieldPanel("what"), FieldRowPanel([FieldPanel("who"), FieldPanel("by_when")])]


class MeetingAttendance(Orderable):
    page = ParentalKey(MeetingMinutesPage, related_name="attendance", on_delete=models.CASCADE)
    role = models.CharField(
        max_length=120, help_text="A role, never a name, e.g. 'Service user representative' or 'Partner manager'."
    )
    number = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="How many people in this role came."
    )

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("number")])]


# ---------------------------------------------------------------------------
# Leaflets and posters
# ---------------------------------------------------------------------------


class LeafletIndexPage(IndexPage):
    subpage_types = ["news.LeafletPage"]
    item_name, item_name_plural = "leaflet or poster", "leaflets and posters"

    class Meta:
        verbose_name = "leaflets index page"

    def leaflets(self):
        return (
            LeafletPage.objects.child_of(self).live().public().prefetch_related("formats__document").order_by("title")
        )

    filterset_class = LeafletFilterSet

    def get_listing(self):
        return self.leaflets()

    def get_filter_choices(self, leaflets):
        return {"topic": used_tags(LeafletPageTopic, leaflets.values("pk"))}


class LeafletPageTopic(TaggedItemBase):
    content_object = ParentalKey("news.LeafletPage", related_name="tagged_topics", on_delete=models.CASCADE)


class LeafletPage(ListedPageMixin, ReviewDatesMixin, PictureMixin, Page):
    base_form_class = SitePageForm

    summary = models.TextField(max_length=SUMMARY_MAX_LENGTH, help_text=SUMMARY_HELP)
    topics = ClusterTaggableManager(
        through=LeafletPageTopic,
        blank=True,
        help_text="Optional. What the leaflet is about, e.g. 'Hub', 'have your say'. People can filter by these.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="Optional. More about the leaflet, or its words as a web page."
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading="Cover picture (optional)"),
            FieldPanel("topics"),
            InlinePanel(
                "formats",
                heading="Versions to download",
                label="Version",
                min_num=1,
                help_text="The standard version and any others: Easy Read, large print, audio, other languages.",
            ),
            FieldPanel("body"),
        ]
        + ReviewDatesMixin.review_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.LeafletIndexPage"]
    subpage_types = []

    index_model = LeafletIndexPage

    class Meta:
        verbose_name = "leaflet or poster"
        verbose_name_plural = "leaflets and posters"

    def downloads(self):
        """The versions to download, each with its document, in one query."""
        return self.formats.select_related("document")


class LeafletFormatKind(models.TextChoices):
    STANDARD = "standard", "Standard"
    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"
    AUDIO = "audio", "Audio"
    OTHER_LANGUAGE = "other_language", "Another language"


class LeafletFormat(Orderable):
    page = ParentalKey(LeafletPage, related_name="formats", on_delete=models.CASCADE)
    format = models.CharField(
        max_length=20,
        choices=LeafletFormatKind.choices,
        default=LeafletFormatKind.STANDARD,
        help_text="Which version this file is.",
    )
    language = models.CharField(
        max_length=80,
        blank=True,
        help_text="Only for 'Another language': name it in English and in the language itself, e.g. 'Polish (Polski)'.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The file: a PDF for print versions, an MP3 for audio.",
    )

    panels = [FieldRowPanel([FieldPanel("format"), FieldPanel("language")]), FieldPanel("document")]

    @property
    def label(self):
        """How the version is named on the site, e.g. 'Easy Read' or 'Spanish (Español)'."""
        if self.format == LeafletFormatKind.OTHER_LANGUAGE:
            return self.language
        return self.get_format_display()

    def clean(self):
        super().clean()
        if self.format == LeafletFormatKind.OTHER_LANGUAGE and not self.language.strip():
            raise ValidationError({"language": "Name the language, e.g. 'Polish (Polski)'."})
        if self.format != LeafletFormatKind.OTHER_LANGUAGE and self.language.strip():
            raise ValidationError({"language": "Only name a language when the version is 'Another language'."})
