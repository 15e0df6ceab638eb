from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from home.blocks import SHORT_TEXT_FEATURES, BodyBlock
from home.calendar import clock_time, ics_response
from home.filters import FilteredListingMixin
from home.page_forms import SitePageForm
from home.subpages import subpage_url
from records.contact import validate_phone

from . import views

# A model of this app, kept in its own module so the views can use it without
# importing the pages; imported here so `opportunities.models` lists every model.
from .expressions_of_interest import ExpressionOfInterest  # noqa: F401
from .posters import poster_response


class Rung(models.TextChoices):
    """The Ladder of Participation (policy section 3). No rung is better than another."""

    INFORMATION = "information", "Information"
    CONSULTATION = "consultation", "Consultation"
    PARTICIPATION = "participation", "Participation"
    PARTNERSHIP = "partnership", "Partnership"
    CONTROL = "control", "Control"


RUNG_SUMMARIES = {
    Rung.INFORMATION: "Being kept up to date: newsletters, bulletins, minutes, leaflets and open days.",
    Rung.CONSULTATION: "Being asked what you think: surveys, feedback forms, focus groups and the suggestion box.",
    Rung.PARTICIPATION: "Taking part in the work: the Forum, peer research, checking services, reviewing policies.",
    Rung.PARTNERSHIP: "Sharing decisions with staff: steering groups, designing services, interviewing staff.",
    Rung.CONTROL: "Leading it yourselves: running groups and projects, holding a budget.",
}


class OpportunityOption(Orderable):
    """A value people can browse opportunities by. Staff keep the list, and
    its order, under Snippets; the slug is what goes in the listing's web
    address, so links people have saved keep working while it stays the same."""

    name = models.CharField(max_length=80, unique=True, help_text="What people see, e.g. 'Peer research'.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="A short name for web addresses, e.g. 'peer-research'. Changing it breaks links people have saved.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name


class OpportunityTheme(OpportunityOption):
    """An area of involvement (policy section 7), e.g. recruitment of staff."""

    class Meta(OpportunityOption.Meta):
        verbose_name = "opportunity theme"


class OpportunityFormat(OpportunityOption):
    """A way of taking part, e.g. in person or by phone."""

    class Meta(OpportunityOption.Meta):
        verbose_name = "way of taking part"
        verbose_name_plural = "ways of taking part"


class Frequency(models.TextChoices):
    ONE_OFF = "one-off", "One-off, on a set date"
    ONGOING = "ongoing", "Ongoing, regular or flexible"


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class OpportunityIndexPage(FilteredListingMixin, Page):
    """/get-involved/: the ladder in brief, then opportunities with filters."""

    base_form_class = SitePageForm
    show_counts = True

    introduction = models.TextField(
        max_length=400,
        help_text="One or two plain sentences at the top of the page, under the title. Up to 400 characters.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="Optional. A short explanation of the Ladder of Participation, shown above the opportunities.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["opportunities.OpportunityPage"]
    max_count = 1

    class Meta:
        verbose_name = "opportunity listing page"

    @property
    def filterset_class(self):
        from .filters import OpportunityFilterSet  # it imports this module

        return OpportunityFilterSet

    def get_listing(self):
        return OpportunityPage.objects.live().public().child_of(self)

    def get_filter_choices(self, opportunities):
        """The themes and ways of taking part in staff's order, both from one query."""
        choices = {"theme": [], "format": []}
        rows = [
            model.objects.order_by()
            .annotate(facet=models.Value(facet))
            .values_list("facet", "sort_order", "slug", "name")
            for facet, model in (("theme", OpportunityTheme), ("format", OpportunityFormat))
        ]
        for facet, _sort_order, slug, name in rows[0].union(rows[1], all=True).order_by("facet", "sort_order", "name"):
            choices[facet].append((slug, name))
        return choices

    def order_listing(self, filters, opportunities):
        return (
            opportunities.recently_closed_first() if filters.showing_closed else opportunities.soonest_closing_first()
        )


class OpportunityQuerySet(PageQuerySet):
    @staticmethod
    def open_q(today=None):
        # Still open on its closing date; no closing date means open until unpublished.
        today = today or timezone.localdate()
        return Q(closing_date__isnull=True) | Q(closing_date__gte=today)

    @staticmethod
    def closed_q(today=None):
        return Q(closing_date__lt=today or timezone.localdate())

    def open(self):
        return self.filter(self.open_q())

    def closed(self):
        return self.filter(self.closed_q())

    def soonest_closing_first(self):
        return self.order_by(F("closing_date").asc(nulls_last=True), "title")

    def recently_closed_first(self):
        return self.order_by(F("closing_date").desc(nulls_last=True), "title")


OpportunityManager = PageManager.from_queryset(OpportunityQuerySet)


class OpportunityPage(RoutablePageMixin, Page):
    """One way to get involved, with everything a person needs to decide
    (policy section 6a: clarity on roles), and the expression of interest form."""

    base_form_class = SitePageForm

    rung = models.CharField(
        "rung on the ladder",
        max_length=20,
        choices=Rung.choices,
        help_text="Which rung of the Ladder of Participation this is. People can browse by rung.",
    )
    themes = ParentalManyToManyField(
        OpportunityTheme,
        related_name="opportunities",
        help_text="Tick every area of involvement this is about. People can browse by theme. "
        "Staff can add themes under Snippets.",
    )
    formats = ParentalManyToManyField(
        OpportunityFormat,
        related_name="opportunities",
        verbose_name="how people take part",
        help_text="Tick every way people can take part: in person, online (for example a video call) or by phone.",
    )
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two plain sentences shown in lists and search results. Say what it is and who it is for. "
            "Up to 300 characters."
        ),
    )
    what_you_would_do = RichTextField(
        features=SHORT_TEXT_FEATURES, help_text="What the person would actually do, step by step if that helps."
    )
    what_you_can_influence = RichTextField(
        features=SHORT_TEXT_FEATURES, help_text="Be honest about what their views can change or decide."
    )
    what_cannot_change = RichTextField(
        "what cannot be changed",
        features=SHORT_TEXT_FEATURES,
        help_text="What is already decided or out of our hands, so nobody feels misled later.",
    )
    time_needed = models.CharField(
        max_length=200, help_text="How much time it takes, e.g. 'About 2 hours, once a month, for 6 months'."
    )
    frequency = models.CharField(
        "one-off or ongoing",
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.ONE_OFF,
        help_text="One-off means it happens on one set date. Ongoing means regular meetings or flexible times.",
    )
    starts_at = models.DateTimeField(
        "date and start time",
        null=True,
        blank=True,
        help_text="Needed for one-off opportunities. For ongoing ones, the first session if it has a date. "
        "People can add it to their calendar.",
    )
    ends_at = models.DateTimeField(
        "end time", null=True, blank=True, help_text="Optional. When it finishes, on the same day or later."
    )
    when_details = models.CharField(
        "when, in words",
        max_length=200,
        blank=True,
        help_text="Needed for ongoing opportunities, e.g. 'Every second Tuesday, 1pm to 3pm' or 'Whenever suits "
        "you over the next month'.",
    )
    place = models.CharField(
        max_length=200,
        help_text="Where it happens, e.g. 'Lived Experience Hub, 1 Example Street' or 'Online, by video call'.",
    )
    access_information = models.TextField(
        max_length=1000,
        help_text="Step-free access, toilets, quiet space, hearing loop, how to get there. Say what you do not know.",
    )
    support_and_training = RichTextField(
        features=SHORT_TEXT_FEATURES,
        help_text="Training, a buddy, someone to talk to afterwards, help with travel. Say if none is needed.",
    )
    payment = models.TextField(
        "payment, vouchers and expenses",
        max_length=500,
        help_text="What people get for their time and what costs you cover, e.g. '£15 shopping voucher per "
        "session, and bus fares paid on the day'. A line about checking benefits is added automatically.",
    )
    who_can_take_part = models.TextField(
        max_length=600,
        help_text="Who this is for and any experience that helps. Keep it as open as you can.",
    )
    wider_lived_experience_welcome = models.BooleanField(
        "open to people with wider lived experience",
        default=True,
        help_text="Ticked: the page says people do not have to use our services now to take part. Untick only "
        "if it really is for current clients.",
    )
    closing_date = models.DateField(
        null=True,
        blank=True,
        help_text="The last day people can say they are interested. After it, the page says closed and the form "
        "is switched off. Leave empty if it stays open until you unpublish the page.",
    )
    contact_name = models.CharField(
        "who to ask",
        max_length=120,
        blank=True,
        help_text="Optional. A first name and role, e.g. 'Sam, Involvement Worker'. If empty, the page gives the "
        "Involvement team's details from site settings.",
    )
    contact_phone = models.CharField(
        max_length=40, blank=True, validators=[validate_phone], help_text="Optional. A phone number for questions."
    )
    contact_email = models.EmailField(blank=True, help_text="Optional. An email address for questions.")
    featured = models.BooleanField(
        "show on the home page",
        default=False,
        help_text="Feature it on the home page while it is open. If nothing is featured, the home page shows the "
        "open opportunities that close soonest.",
    )

    objects = OpportunityManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("rung"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("formats", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Where it sits on the ladder",
        ),
        MultiFieldPanel(
            [
                FieldPanel("what_you_would_do"),
                FieldPanel("what_you_can_influence"),
                FieldPanel("what_cannot_change"),
            ],
            heading="The role",
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_needed"),
                FieldPanel("frequency"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("when_details"),
            ],
            heading="Time and dates",
        ),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("access_information")], heading="Place and access"),
        MultiFieldPanel(
            [FieldPanel("support_and_training"), FieldPanel("payment")], heading="Support, training and payment"
        ),
        MultiFieldPanel(
            [FieldPanel("who_can_take_part"), FieldPanel("wider_lived_experience_welcome")],
            heading="Who can take part",
        ),
        MultiFieldPanel(
            [
                FieldPanel("closing_date"),
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading="Closing date and contact",
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_you_would_do"),
        index.SearchField("who_can_take_part"),
        index.FilterField("rung"),
        index.FilterField("closing_date"),
    ]

    parent_page_types = ["opportunities.OpportunityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"

    def clean(self):
        super().clean()
        errors = {}
        if self.frequency == Frequency.ONE_OFF and not self.starts_at:
            errors["starts_at"] = "Give the date and start time of a one-off opportunity."
        if self.frequency == Frequency.ONGOING and not self.when_details:
            errors["when_details"] = "Say when it happens, e.g. 'Every second Tuesday, 1pm to 3pm'."
        if self.ends_at and not self.starts_at:
            errors["ends_at"] = "Give a start time as well, or leave the end time empty."
        elif self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end time must be after the start time."
        if errors:
            raise ValidationError(errors)

    # --- State -------------------------------------------------------------

    @property
    def is_open(self):
        return self.closing_date is None or self.closing_date >= timezone.localdate()

    @property
    def closes_today(self):
        return self.closing_date == timezone.localdate()

    @property
    def closing_text(self):
        if self.closing_date is None:
            return "Open until further notice"
        when = date_format(self.closing_date, "l j F Y")
        if self.closes_today:
            return "Closes today"
        return f"Closes on {when}" if self.is_open else f"Closed on {when}"

    def session_text(self):
        """'Tuesday 9 December 2026, 1pm to 3pm', or "" when there is no date."""
        if not self.starts_at:
            return ""
        start = timezone.localtime(self.starts_at)
        text = f"{date_format(start, 'l j F Y')}, {clock_time(start)}"
        if self.ends_at:
            end = timezone.localtime(self.ends_at)
            same_day = end.date() == start.date()
            text += f" to {clock_time(end)}" if same_day else f" to {date_format(end, 'l j F Y')}, {clock_time(end)}"
        return text

    @property
    def when_text(self):
        session = self.session_text()
        if self.frequency == Frequency.ONE_OFF:
            return ". ".join(part for part in (f"One-off: {session}", self.when_details) if part)
        first = f"First session: {session}" if session else ""
        return ". ".join(part for part in (f"Ongoing: {self.when_details}", first) if part)

    @property
    def has_calendar_entry(self):
        return self.starts_at is not None

    def theme_labels(self):
        return [theme.name for theme in self.themes.all()]

    def format_labels(self):
        return [way.name for way in self.formats.all()]

    # --- Routes: the page, its calendar entry, the form and its confirmation --

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["express_interest_url"] = subpage_url(request, self, "express_interest")
        context["poster_url"] = subpage_url(request, self, "poster")
        if self.has_calendar_entry:
            context["calendar_url"] = subpage_url(request, self, "calendar")
        parent = self.get_parent()
        context["listing_url"] = parent.get_url(request)
        context["rung_url"] = f"{context['listing_url']}?rung={self.rung}"
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        if not self.has_calendar_entry:
            raise Http404("This opportunity has no date.")
        return ics_response(
            uid=f"opportunity-{self.pk}@{request.get_host()}",
            title=self.title,
            start=self.starts_at,
            end=self.ends_at,
            location=self.place,
            description=self.summary,
            url=self.get_full_url(request),
            filename=f"{self.slug}.ics",
        )

    @path("poster/", name="poster")
    def poster(self, request):
        return poster_response(request, self)

    # The form and its confirmation: never cached, as the form carries a CSRF
    # token and the confirmation a person's reference.
    @path("express-interest/", name="express_interest")
    @method_decorator(never_cache)
    def express_interest(self, request):
        return views.express_interest(request, self)

    @path("express-interest/sent/", name="express_interest_sent")
    @method_decorator(never_cache)
    def express_interest_sent(self, request):
        return views.express_interest_sent(request, self)
