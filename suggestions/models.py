"""Have your say: the suggestion box, its triage, "You said, we did", and
editor-built surveys and feedback forms (Wagtail's form builder)."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.contact import ContactMethod, validate_phone
from home.figures import SUPPRESSED, collect_figures, figures_csv
from home.filters import chosen, chosen_year
from home.forms import HONEYPOT_FIELD, PublicFormMixin
from home.groups import INVOLVEMENT_TEAM
from home.models import InvolvementRecord, PersonalDataQuerySet
from home.notifications import send_after_commit
from home.pagination import paginate
from home.routes import form_page_route

from .admin_forms import FormPageAdminForm

# ---------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------


class SuggestionTopic(models.Model):
    """The list people choose a topic from. Staff edit it under Snippets."""

    name = models.CharField(max_length=80, unique=True, help_text="What people see in the list, e.g. 'The Hub'.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="A short name for web addresses, e.g. 'policy'. A link to /have-your-say/?topic=policy "
        "opens the form with this topic already chosen.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "suggestion topic"

    def __str__(self):
        return self.name


# The one detail needed for each way of replying; the others are not kept.
DETAILS_FOR_METHOD = {
    ContactMethod.EMAIL: ("email",),
    ContactMethod.PHONE: ("phone",),
    ContactMethod.TEXT: ("phone",),
    ContactMethod.POST: ("postal_address",),
    ContactMethod.SUPPORT_WORKER: ("support_worker",),
}


def answered_q():
    return models.Q(status__in=Suggestion.ANSWERED_STATUSES)


def published_q():
    """What "You said, we did" shows: ticked for publishing, answered, not
    flagged as a safeguarding concern, with both public texts written. A Q
    object, so the figures page can count it inside one aggregate query."""
    return (
        answered_q()
        & models.Q(publish=True, is_safeguarding_concern=False)
        & ~models.Q(public_version="")
        & ~models.Q(public_answer="")
    )


class SuggestionQuerySet(PersonalDataQuerySet):
    def answered(self):
        return self.filter(answered_q())

    def published(self):
        return self.filter(published_q())

    def newest_first(self):
        return self.order_by("-answered_at", "-pk")

    def for_status_check(self):
        # Load only what the public status check may show, so the message and
        # personal details are never even read for it.
        return self.only("reference", "status", "created_at", "answered_at", "public_answer")


class Suggestion(InvolvementRecord):
    REFERENCE_PREFIX = "S"
    PERSONAL_DATA_FIELDS = ("name", "email", "phone", "postal_address", "support_worker")
    TEXT_MAX_LENGTH = 2000

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        CONSIDERING = "considering", "Being considered"
        DONE = "done", "Answered: done"
        PARTLY_DONE = "partly_done", "Answered: partly done"
        CANT_DO = "cant_do", "Answered: can't do"
        CLOSED = "closed", "Closed"

    ANSWERED_STATUSES = (Status.DONE, Status.PARTLY_DONE, Status.CANT_DO)

    # What each status means, in the words the public status check uses.
    STATUS_EXPLANATIONS = {
        Status.RECEIVED: "We have your suggestion. The Involvement team will look at it soon.",
        Status.CONSIDERING: "The Involvement team is looking into it and talking to the people who can make it happen.",
        Status.DONE: "We have answered it: we did what you suggested.",
        Status.PARTLY_DONE: "We have answered it: we did part of what you suggested.",
        Status.CANT_DO: "We have answered it: we cannot do this, and we explain why.",
        Status.CLOSED: "We have finished with it. If you want to know more, get in touch.",
    }

    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
        help_text="Where it has got to. People can check this with their reference. Choosing an 'Answered' status "
        "records today as the answered date.",
    )
    topic = models.ForeignKey(
        SuggestionTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="Optional. What it is about.",
    )
    text = models.TextField(
        "their suggestion",
        max_length=TEXT_MAX_LENGTH,
        help_text="What the person said, exactly as they said it. Never published.",
    )
    public_version = models.TextField(
        "you said (public version)",
        blank=True,
        help_text="The suggestion in words that can be published: take out names, places, dates and anything else "
        "that could identify someone. Shown as 'You said'.",
    )
    public_answer = models.TextField(
        "we did (public answer)",
        blank=True,
        help_text="What we did about it, or why we cannot do it, in plain English. Shown as 'We did' and on the "
        "status check for this reference.",
    )
    publish = models.BooleanField(
        "publish in 'You said, we did'",
        default=False,
        help_text="Tick to show it on the 'You said, we did' page once it has an 'Answered' status. Flagged "
        "suggestions are never shown.",
    )
    wants_reply = models.BooleanField(
        "wants a reply",
        default=False,
        help_text="If not ticked, the suggestion is anonymous: no name or contact details are kept.",
    )
    name = models.CharField(
        "what to call them", max_length=100, blank=True, help_text="Only if they want a reply. Any name is fine."
    )
    contact_method = models.CharField(
        "how to reply",
        max_length=20,
        choices=ContactMethod.choices,
        blank=True,
        help_text="Only if they want a reply.",
    )
    email = models.EmailField(blank=True, help_text="Only if they want a reply by email.")
    phone = models.CharField(
        "phone number",
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text="Only if they want a phone call or a text message.",
    )
    postal_address = models.TextField(blank=True, help_text="Only if they want a reply by post.")
    support_worker = models.CharField(
        "support worker",
        max_length=200,
        blank=True,
        help_text="Only if they want the reply to go through their support worker: the worker's name and service.",
    )
    consent_to_contact = models.BooleanField(
        "agreed to be contacted",
        default=False,
        help_text="They agreed that the Involvement team may contact them about this suggestion.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=models.Q(groups__name=INVOLVEMENT_TEAM) | models.Q(is_superuser=True),
        help_text="Optional. Who in the Involvement team is looking after it.",
    )
    answered_at = models.DateTimeField(
        "answered", null=True, blank=True, editable=False, help_text="Set when the status becomes an answered one."
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta(InvolvementRecord.Meta):
        verbose_name = "suggestion"

    @property
    def is_answered(self):
        return self.status in self.ANSWERED_STATUSES

    @property
    def is_published(self):
        return (
            self.publish
            and self.is_answered
            and not self.is_safeguarding_concern
            and bool(self.public_version)
            and bool(self.public_answer)
        )

    @property
    def shows_public_answer(self):
        """The status check shows the public answer once the suggestion is answered or closed."""
        return bool(self.public_answer) and (self.is_answered or self.status == self.Status.CLOSED)

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS[self.status]

    @property
    def outcome(self):
        """'Done', 'Partly done' or 'Can't do', for published answers."""
        return self.get_status_display().removeprefix("Answered: ").capitalize() if self.is_answered else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.CANT_DO and not self.public_answer.strip():
            errors["public_answer"] = "Explain why we can't do it: people see this answer when they check."
        if self.publish:
            if self.is_safeguarding_concern:
                errors["publish"] = "A suggestion flagged as a safeguarding concern can never be published."
            if not self.public_version.strip():
                errors["public_version"] = "Write the public version before publishing it."
            if not self.public_answer.strip():
                errors.setdefault("public_answer", "Write the public answer before publishing it.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.wants_reply:
            # Anonymous means anonymous: whatever was typed is never stored.
            self.forget_contact_details()
        if self.is_answered and self.answered_at is None:
            self.answered_at = timezone.now()
        elif not self.is_answered:
            self.answered_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "answered_at"}
        return super().save(*args, **kwargs)

    def forget_contact_details(self):
        for name in self.PERSONAL_DATA_FIELDS:
            setattr(self, name, "")
        self.contact_method = ""
        self.consent_to_contact = False


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class SuggestionPage(RoutablePageMixin, Page):
    """/have-your-say/: the suggestion box, its confirmation and the status check."""

    introduction = models.TextField(
        max_length=600,
        help_text="A few plain sentences above the form: what a suggestion can be about, that it can be anonymous, "
        "and that we publish what we did. Up to 600 characters.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    suggestion_form = form_page_route("", "suggestions.views.suggestion_form", name="suggestion_form")

    confirmation = form_page_route("sent/", "suggestions.views.confirmation", name="sent")

    status_check = form_page_route("check/", "suggestions.views.status_check", name="check")


class YouSaidWeDidPage(RoutablePageMixin, Page):
    """/you-said-we-did/: published answers to suggestions, newest first."""

    PER_PAGE = 10

    introduction = models.TextField(
        max_length=600,
        help_text="A sentence or two on what this page shows and how to make a suggestion. Up to 600 characters.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = Suggestion.objects.published()
        topics = list(SuggestionTopic.objects.filter(suggestions__in=published).distinct())
        years = [day.year for day in published.dates("answered_at", "year", order="DESC")]
        topic = chosen(request, "topic", [t.slug for t in topics])
        year = chosen_year(request, years)
        answers = published.select_related("topic").newest_first()
        if topic:
            answers = answers.filter(topic__slug=topic)
        if year:
            answers = answers.filter(answered_at__year=year)
        context.update(
            answers=paginate(request, answers, self.PER_PAGE),
            topics=topics,
            years=years,
            chosen_topic=topic,
            chosen_year=year,
            is_filtered=bool(topic or year),
            suggestion_page=SuggestionPage.objects.live().first(),
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import YouSaidWeDidFeed

        return YouSaidWeDidFeed()(request, page=self)


class InvolvementFiguresPage(RoutablePageMixin, Page):
    """/involvement-figures/: how involvement is going, counted live from the
    records with a fixed number of aggregate queries (no personal data is
    read). Each app adds its figures through the `involvement_figures` hook;
    small numbers are suppressed; `figures.csv` has every figure."""

    introduction = models.TextField(
        max_length=600,
        help_text="A sentence or two on what these figures show and why we publish them. Up to 600 characters.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    CSV_FILE_NAME = "figures.csv"

    class Meta:
        verbose_name = "involvement figures page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            figures=collect_figures(timezone.localdate()),
            suppressed=SUPPRESSED,
            you_said_we_did=YouSaidWeDidPage.objects.live().first(),
            csv_url=self.get_url(request) + self.CSV_FILE_NAME,
        )
        return context

    @path(f"{CSV_FILE_NAME}/", name="csv")  # served without the slash: see config/urls.py
    def csv(self, request):
        """Every figure on the page as one CSV file, with the same suppression;
        `?figure=<slug>` for one of them (an unknown slug gives them all)."""
        figures = collect_figures(timezone.localdate())
        chosen_figure = chosen(request, "figure", [figure.slug for figure in figures])
        if chosen_figure:
            figures = [figure for figure in figures if figure.slug == chosen_figure]
        response = HttpResponse(figures_csv(figures), content_type="text/csv; charset=utf-8")
        filename = f"involvement-figures-{chosen_figure}.csv" if chosen_figure else "involvement-figures.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# ---------------------------------------------------------------------------
# Surveys and feedback forms (Wagtail's form builder)
# ---------------------------------------------------------------------------


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    personal_data = models.BooleanField(
        "personal data",
        default=False,
        help_text="Tick for questions whose answers identify someone, such as a name, email address or phone number. "
        "Those answers are left out of emails and deleted automatically after the retention period (12 months "
        "unless changed); the other answers are kept.",
    )

    panels = AbstractFormField.panels + [FieldPanel("personal_data")]

    @classmethod
    def personal_field_names(cls, page_id):
        return set(cls.objects.filter(page_id=page_id, personal_data=True).values_list("clean_name", flat=True))


class SurveySubmissionQuerySet(PersonalDataQuerySet):
    received_field = "submit_time"


class SurveySubmission(AbstractFormSubmission):
    """A response to a FormPage. Answers to questions marked as personal data
    are removed by purge_personal_data after RETENTION_DAYS; the rest is kept."""

    personal_data_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SurveySubmissionQuerySet.as_manager()

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = "survey response"
        verbose_name_plural = "survey responses"

    retention_days = staticmethod(InvolvementRecord.retention_days)

    @property
    def reference(self):
        """Responses have no public reference number. handle_submission keeps
        this in the session only to show the thank-you page to this browser."""
        return f"response-{self.pk}"

    def clear_personal_data(self):
        personal = FormField.personal_field_names(self.page_id)
        self.form_data = {name: value for name, value in self.form_data.items() if name not in personal}
        self.personal_data_cleared_at = timezone.now()
        self.save(update_fields=["form_data", "personal_data_cleared_at"])


class SurveyFormBuilder(FormBuilder):
    """Builds the public form with the honeypot, the GOV.UK rendering and the
    error summary that every other public form has."""

    def get_form_class(self):
        base = super().get_form_class()
        return type("SurveyForm", (PublicFormMixin, base), {})


class FormPage(RoutablePageMixin, AbstractEmailForm):
    """A survey, questionnaire or feedback form that staff build in the admin."""

    form_builder = SurveyFormBuilder
    base_form_class = FormPageAdminForm

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text="Optional. What the survey is about, who it is for, how long it takes and what you will do with "
        "the answers. Up to 600 characters.",
    )
    thank_you_text = RichTextField(
        features=["bold", "ul", "link"],
        blank=True,
        help_text="Shown after someone sends their answers, e.g. when you will share the results.",
    )
    opens_on = models.DateField(
        null=True, blank=True, help_text="Optional. The first day people can answer. Leave empty to open it now."
    )
    closes_on = models.DateField(
        null=True,
        blank=True,
        help_text="Optional. The last day people can answer. After it the page says the survey has closed.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")])], heading="When people can answer"
        ),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading="Email a copy of each response (optional)",
            help_text="Answers to questions marked as personal data are never put in these emails.",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "survey or feedback form"

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions_list_view_class(self):
        from .admin_views import SurveySubmissionsListView

        return SurveySubmissionsListView

    def availability(self, today=None):
        """'open', 'not_yet' or 'closed'."""
        today = today or timezone.localdate()
        if self.opens_on and today < self.opens_on:
            return "not_yet"
        if self.closes_on and today > self.closes_on:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.availability() == "open"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "The closing date must be on or after the opening date."})

    def process_form_submission(self, form):
        # Store only the questions the editor built: never the honeypot.
        answers = {field.name: form.cleaned_data.get(field.name) for field in form.person_fields()}
        submission = self.get_submission_class().objects.create(form_data=answers, page=self)
        if self.to_address:
            self.send_mail(form)
        return submission

    def render_email(self, form):
        """The answers, without the honeypot and without answers to questions
        marked as personal data: those stay in the admin."""
        shown = copy.copy(form)
        hidden = {HONEYPOT_FIELD, *FormField.personal_field_names(self.pk)}
        shown.cleaned_data = {name: value for name, value in form.cleaned_data.items() if name not in hidden}
        return super().render_email(shown)

    def send_mail(self, form):
        # After the response is committed, and a failure to send never loses it.
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        link = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('wagtailforms:list_submissions', args=[self.pk])}"
        send_after_commit(
            self.subject or f"New response: {self.title}",
            "suggestions/emails/survey_response.txt",
            {"page": self, "answers": self.render_email(form), "link": link},
            addresses,
        )

    survey_form = form_page_route("", "suggestions.views.survey_form", name="survey_form")

    thank_you = form_page_route("thank-you/", "suggestions.views.survey_thank_you", name="thank_you")

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return super().serve_preview(request, mode_name)
