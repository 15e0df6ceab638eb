from django.db import models
from django.utils.safestring import mark_safe
from laces.components import Component
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import SHORT_TEXT_FEATURES, BodyBlock, FooterLinkBlock
from .cache import SharedCacheSiteSetting, cached_content
from .page_forms import SitePageForm

# ---------------------------------------------------------------------------
# Mixins shared by page types in several apps
# ---------------------------------------------------------------------------


class ReviewDatesMixin(models.Model):
    """Pages that must be reviewed, with service users, on a schedule."""

    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When this page's content was last checked to be correct."
    )
    next_review = models.DateField(
        null=True, blank=True, help_text="When it should next be checked. It will be listed as due after this date."
    )

    review_panels = [
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")], heading="Review dates"),
    ]

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class HomePage(Page):
    base_form_class = SitePageForm

    introduction = models.TextField(
        max_length=400,
        help_text="One or two plain sentences saying what this site is for and who it is for. Up to 400 characters.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="Optional. Shown under the introduction, above the latest sections."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_sections(request)
        return context

    def get_sections(self, request):
        """Sections that feature apps add to the home page (latest news, open
        opportunities, "have your say"). Apps register a `home_page_sections`
        hook returning a laces Component, or None when they have nothing to show,
        so the home app depends on none of them."""
        html = cached_content("home-page-sections", lambda: self.render_sections(request), self.pk)
        return [RenderedSection(mark_safe(fragment)) for fragment in html]  # noqa: S308 - rendered by our templates

    def render_sections(self, request):
        """The sections' HTML, kept in the shared cache until content changes:
        they list pages and answers from several apps, the bulk of the home
        page's queries."""
        sections = (fn(request, self) for fn in hooks.get_hooks("home_page_sections"))
        context = {"request": request, "page": self}
        return [str(section.render_html(context)) for section in sections if section is not None]


class RenderedSection(Component):
    """A home page section already rendered to HTML."""

    def __init__(self, html):
        self.html = html

    def render_html(self, parent_context=None):
        return self.html


class StandardPage(ReviewDatesMixin, Page):
    base_form_class = SitePageForm

    introduction = models.TextField(
        max_length=400,
        blank=True,
        help_text="Optional. A short summary under the title, also used in search results. Up to 400 characters.",
    )
    body = StreamField(
        BodyBlock(),
        help_text="The page itself: paragraphs, headings, images, documents and more. Use headings in order: H2 "
        "for sections, H3 inside them.",
    )
    version = models.CharField(
        max_length=20, blank=True, help_text="Optional. For policies and statements: the version number, e.g. '2.1'."
    )
    show_ladder = models.BooleanField(
        "show the Ladder of Participation",
        default=False,
        help_text="Draw the ladder after the page body: its five rungs, each linking to its open opportunities.",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("introduction"), FieldPanel("body"), FieldPanel("version"), FieldPanel("show_ladder")]
        + ReviewDatesMixin.review_panels
    )
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ladder"] = self.ladder(request) if self.show_ladder else None
        return context

    def ladder(self, request):
        """The Ladder of Participation picture. The opportunities app draws it
        (it knows the rungs and what is open) through the
        `ladder_of_participation` hook, so home depends on no feature app."""
        for draw in hooks.get_hooks("ladder_of_participation"):
            ladder = draw(request)
            if ladder is not None:
                return ladder
        return None


# ---------------------------------------------------------------------------
# Site-wide settings
# ---------------------------------------------------------------------------


@register_setting(icon="site")
class SiteSettings(SharedCacheSiteSetting, BaseSiteSetting):
    organisation_name = models.CharField(
        max_length=120,
        default="Service User Involvement",
        help_text="Shown in the header, in every page's title and in emails.",
    )
    tagline = models.CharField(max_length=200, blank=True, help_text="Optional. A short line under the name.")
    contact_officer = models.CharField(
        max_length=120, blank=True, help_text="The role people can ask for, e.g. 'Involvement Coordinator'."
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text="The number people can ring, e.g. 0151 496 0123. Shown beside every form."
    )
    text_number = models.CharField(max_length=40, blank=True, help_text="A mobile number people can text.")
    email = models.EmailField(blank=True, help_text="Optional. The email address the public can write to.")
    postal_address = models.TextField(blank=True, help_text="Where people can send letters or paper forms.")
    hub_address = models.TextField(blank=True, help_text="Where people can call in, e.g. the Lived Experience Hub.")
    hub_opening_times = models.TextField(
        blank=True, help_text="When people can call in, e.g. 'Monday to Friday, 10am to 4pm'."
    )
    other_ways_to_get_in_touch = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="Shown beside every form: e.g. ask your support worker, use the paper box at the Hub.",
    )
    involvement_team_email = models.EmailField(
        blank=True, help_text="Where staff notifications go. They carry a reference and a link, never personal details."
    )
    response_time = models.CharField(
        max_length=200,
        default="We aim to get back to you within 5 working days.",
        help_text="Shown on confirmation pages: what happens next and by when.",
    )
    # "Need help now?": beside every form, on every confirmation and in the
    # footer, because the forms are read days later and must never be mistaken
    # for a way to get urgent help.
    emergency_number = models.CharField(
        max_length=20, default="999", help_text="For emergencies, when someone's life is at risk."
    )
    crisis_line = models.CharField(
        max_length=200,
        default="NHS 111, option 2",
        help_text="Who to call in a mental health crisis, as people should say or dial it.",
    )
    crisis_line_number = models.CharField(
        max_length=20, default="111", help_text="The number to dial for the mental health crisis line."
    )
    samaritans_number = models.CharField(
        max_length=20, default="116 123", help_text="Samaritans: free, any time, day or night."
    )
    out_of_hours_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. The partnership's own out-of-hours line and when it is open, e.g. 'Hub out-of-hours "
        "line, 5pm to 10pm every day'.",
    )
    out_of_hours_number = models.CharField(
        max_length=40, blank=True, help_text="Optional. The out-of-hours number to dial."
    )
    exit_page_url = models.URLField(
        default="https://www.bbc.co.uk/weather",
        help_text="Where 'Exit this page' takes people: a neutral site that would not raise questions if someone "
        "saw it on their screen.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], heading="Organisation"),
        MultiFieldPanel(
            [
                FieldPanel("contact_officer"),
                FieldPanel("phone"),
                FieldPanel("text_number"),
                FieldPanel("email"),
                FieldPanel("postal_address"),
                FieldPanel("hub_address"),
                FieldPanel("hub_opening_times"),
                FieldPanel("other_ways_to_get_in_touch"),
            ],
            heading="Contact and other ways to get in touch",
        ),
        MultiFieldPanel(
            [FieldPanel("involvement_team_email"), FieldPanel("response_time")], heading="Involvement team"
        ),
        MultiFieldPanel(
            [
                FieldPanel("emergency_number"),
                FieldPanel("crisis_line"),
                FieldPanel("crisis_line_number"),
                FieldPanel("samaritans_number"),
                FieldPanel("out_of_hours_contact"),
                FieldPanel("out_of_hours_number"),
            ],
            heading="Need help now? (shown with every form and in the footer)",
        ),
        MultiFieldPanel([FieldPanel("exit_page_url")], heading="Exit this page"),
    ]

    class Meta:
        verbose_name = "Site settings"


@register_setting(icon="list-ul")
class FooterSettings(SharedCacheSiteSetting, BaseSiteSetting):
    links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        help_text="Links in the footer, e.g. Privacy notice, Accessibility statement.",
    )

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = "Footer links"
