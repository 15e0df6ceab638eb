from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from laces.components import Component
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock, FooterLinkBlock
from .cache import SharedCacheSiteSetting, cached_content
from .page_forms import SitePageForm
from .references import generate_reference

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

    @property
    def is_due_for_review(self):
        return self.next_review is not None and self.next_review <= timezone.localdate()


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

    content_panels = (
        Page.content_panels
        + [FieldPanel("introduction"), FieldPanel("body"), FieldPanel("version")]
        + ReviewDatesMixin.review_panels
    )
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    @property
    def meta_description(self):
        return self.search_description or self.introduction


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
        features=["bold", "ul", "link"],
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


# ---------------------------------------------------------------------------
# Records people send in: the base the two core forms share
# ---------------------------------------------------------------------------


class Channel(models.TextChoices):
    WEBSITE = "website", "Website"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    PAPER = "paper", "Paper form or box at the Hub"
    DROP_IN = "drop_in", "In person at a drop-in"
    SUPPORT_WORKER = "support_worker", "Through a support worker"
    EMAIL = "email", "Email"


class PersonalDataQuerySet(models.QuerySet):
    # The date the retention period counts from; other record types (such as
    # form builder submissions, with `submit_time`) subclass and change it.
    received_field = "created_at"

    def due_for_purge(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=self.model.retention_days())
        return self.filter(**{f"{self.received_field}__lt": cutoff}, personal_data_cleared_at__isnull=True)


class InvolvementRecord(models.Model):
    """What suggestions and expressions of interest have in common: a
    reference people can quote, the channel it came by, a safeguarding flag,
    staff notes, and personal data that is cleared after RETENTION_DAYS while
    the anonymised record is kept for the figures and "You said, we did".

    Subclasses set REFERENCE_PREFIX and PERSONAL_DATA_FIELDS.
    """

    REFERENCE_PREFIX = ""
    PERSONAL_DATA_FIELDS = ()

    reference = models.CharField(max_length=8, unique=True, editable=False)
    channel = models.CharField(
        max_length=20, choices=Channel.choices, default=Channel.WEBSITE, help_text="How it reached us."
    )
    is_safeguarding_concern = models.BooleanField(
        "safeguarding concern",
        default=False,
        help_text="Flag it if it raises a safeguarding concern. Flagged records stand out and are never published.",
    )
    internal_notes = models.TextField(blank=True, help_text="Only staff see these.")
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    personal_data_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PersonalDataQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    @staticmethod
    def retention_days():
        from django.conf import settings

        return settings.RETENTION_DAYS

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        # A clash is one in a billion; retry rather than fail the person's submission.
        for _attempt in range(5):
            self.reference = generate_reference(self.REFERENCE_PREFIX)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if type(self).objects.filter(reference=self.reference).exists():
                    self.reference = ""
                    continue
                raise
        raise IntegrityError("Could not find a free reference number.")

    def clear_personal_data(self):
        for name in self.PERSONAL_DATA_FIELDS:
            field = self._meta.get_field(name)
            setattr(self, name, field.get_default() if not field.null else None)
        self.personal_data_cleared_at = timezone.now()
        self.save(update_fields=[*self.PERSONAL_DATA_FIELDS, "personal_data_cleared_at", "updated_at"])
