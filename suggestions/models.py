"""Have your say: the suggestion box, its triage, "You said, we did", and
editor-built surveys and feedback forms (Wagtail's form builder)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.admin_links import admin_url
from home.blocks import SHORT_TEXT_FEATURES
from home.figures import SUPPRESSED, collect_figures, figures_csv
from home.filters import FacetFilter, FilteredListingMixin, ListingFilterSet, year_choices
from home.page_forms import SitePageForm
from records.forms import PublicFormMixin
from records.models import InvolvementRecord, PersonalDataQuerySet, mark_cleared_if_empty
from records.notifications import send_after_commit

from . import views
from .admin_forms import SURVEY_PRIVACY_PERMISSION, FormPageAdminForm
from .feeds import YouSaidWeDidFeed

# Models of this app, kept in their own module so that the views and feeds can
# use them without importing the pages; imported here so that
# `suggestions.models` lists every model.
from .suggestion_box import Suggestion, SuggestionTopic
from .survey_errors import survey_error_messages

# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class SuggestionPage(RoutablePageMixin, Page):
    """/have-your-say/: the suggestion box, its confirmation and the status check."""

    base_form_class = SitePageForm

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["you_said_we_did"] = YouSaidWeDidPage.objects.live().first()
        return context

    # The form, its confirmation and the status check: never cached, as they
    # carry a CSRF token, a person's reference or what happened to it.
    @path("", name="suggestion_form")
    @method_decorator(never_cache)
    def suggestion_form(self, request):
        return views.suggestion_form(request, self)

    @path("sent/", name="sent")
    @method_decorator(never_cache)
    def confirmation(self, request):
        return views.confirmation(request, self)

    @path("check/", name="check")
    def old_status_check(self, request):
        return views.old_status_check(request, self)


class AnswerFilterSet(ListingFilterSet):
    """The filters of "You said, we did": links, offering only the topics and
    years that published answers have."""

    heading = "Filter answers"
    as_links = True

    topic = FacetFilter(field_name="topic__slug", legend="Topic", any_label="All topics")
    year = FacetFilter(field_name="answered_at__year", legend="Year answered", any_label="All years")


class YouSaidWeDidPage(FilteredListingMixin, RoutablePageMixin, Page):
    """/you-said-we-did/: published answers to suggestions, newest first."""

    base_form_class = SitePageForm
    filterset_class = AnswerFilterSet

    introduction = models.TextField(
        max_length=600,
        help_text="A sentence or two on what this page shows and how to make a suggestion. Up to 600 characters.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_listing(self):
        return Suggestion.objects.published().select_related("topic").newest_first()

    def get_filter_choices(self, answers):
        topics = SuggestionTopic.objects.filter(suggestions__in=answers).distinct().values_list("slug", "name")
        return {"topic": list(topics), "year": year_choices(answers, "answered_at")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["suggestion_page"] = SuggestionPage.objects.live().first()
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return YouSaidWeDidFeed()(request, page=self)


class InvolvementFiguresPage(RoutablePageMixin, Page):
    """/involvement-figures/: how involvement is going, counted live from the
    records with a fixed number of aggregate queries (no personal data is
    read). Each app adds its figures through the `involvement_figures` hook;
    small numbers are suppressed; `figures.csv` has every figure."""

    base_form_class = SitePageForm

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
        chosen = [figure for figure in figures if figure.slug == request.GET.get("figure")]
        response = HttpResponse(figures_csv(chosen or figures), content_type="text/csv; charset=utf-8")
        filename = f"involvement-figures-{chosen[0].slug}.csv" if chosen else "involvement-figures.csv"
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
        "After the retention period (12 months unless changed) answers to these questions, and every written "
        "answer, are deleted; only answers to the other multiple-choice questions are kept. Only the Involvement "
        "team can change this.",
    )

    # Only the Involvement team may say what counts as personal data; for
    # everyone else FormPageAdminForm keeps the stored value, whatever is posted.
    panels = AbstractFormField.panels + [FieldPanel("personal_data", permission=SURVEY_PRIVACY_PERMISSION)]

    @classmethod
    def personal_field_names(cls, page_id):
        return set(cls.objects.filter(page_id=page_id, personal_data=True).values_list("clean_name", flat=True))


class SurveySubmissionQuerySet(PersonalDataQuerySet):
    received_field = "submit_time"

    def due_for_purge(self, now=None):
        # Which answers may stay depends on the survey's questions as they are
        # now (renamed, removed, re-ticked...), so every old response is
        # looked at again; SurveySubmission.needs_purge() says which change.
        return self.past_retention(now)


# Questions whose answers can only be one of the choices the editor wrote:
# the only answers kept after RETENTION_DAYS, when not marked personal.
CHOICE_QUESTION_TYPES = {"checkbox", "checkboxes", "dropdown", "multiselect", "radio"}


def is_kept_after_retention(question, answer):
    """True for an answer that cannot identify anyone: to a choice question
    that still exists and is not marked personal, and one of its choices
    (so free text typed before a question became multiple-choice goes too)."""
    if question is None or question.personal_data or question.field_type not in CHOICE_QUESTION_TYPES:
        return False
    if question.field_type == "checkbox":
        return isinstance(answer, bool)
    choices = {value for value, _label in FormBuilder([]).get_formatted_field_choices(question)}
    values = answer if isinstance(answer, list) else [answer]
    return bool(values) and all(isinstance(value, str) and value in choices for value in values)


class SurveySubmission(AbstractFormSubmission):
    """A response to a FormPage. After RETENTION_DAYS purge_personal_data
    keeps only the answers to choice questions not marked as personal data;
    every written answer goes."""

    # Every field is personal or not (a test checks); form_data is cleared
    # answer by answer, by is_kept_after_retention.
    PERSONAL_DATA_FIELDS = ("form_data",)
    NON_PERSONAL_FIELDS = ("id", "page", "submit_time", "personal_data_cleared_at", "submission_token")

    personal_data_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    # As on InvolvementRecord: the same survey page sent twice stores one response.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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

    @cached_property
    def questions(self):
        """{clean name: FormField} of the survey's questions, looked up once
        per response however often the purge asks."""
        return {question.clean_name: question for question in FormField.objects.filter(page_id=self.page_id)}

    def kept_answers(self):
        return {
            name: answer
            for name, answer in self.form_data.items()
            if is_kept_after_retention(self.questions.get(name), answer)
        }

    def personal_data_left(self):
        """The questions whose answers would be cleared."""
        return sorted(set(self.form_data) - set(self.kept_answers()))

    needs_purge = InvolvementRecord.needs_purge

    def clear_personal_data(self):
        kept = self.kept_answers()
        self.form_data = kept
        self.save(update_fields=["form_data"])
        stored = type(self)._default_manager.values_list("form_data", flat=True).get(pk=self.pk)
        return mark_cleared_if_empty(self, sorted(set(stored) - set(kept)))


class SurveyFormBuilder(FormBuilder):
    """Builds the public form with the honeypot, the GOV.UK rendering and the
    error summary that every other public form has."""

    def get_form_class(self):
        base = super().get_form_class()
        return type("SurveyForm", (PublicFormMixin, base), {})

    def get_field_options(self, field):
        # Say what to do, in the question's own words, not "This field is required."
        options = super().get_field_options(field)
        options["error_messages"] = survey_error_messages(field.label, field.field_type)
        return options


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
        features=SHORT_TEXT_FEATURES,
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
            [FieldPanel("to_address", permission=SURVEY_PRIVACY_PERMISSION)],
            heading="Tell someone when a response arrives (optional)",
            help_text="The email says which survey and the response number, with a link to the admin. It never "
            "contains anyone's answers. Only the Involvement team can change who gets it.",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "survey or feedback form"
        permissions = [
            (
                "change_privacy_formpage",
                "Can change who is told about a survey's responses and which questions are personal data",
            )
        ]

    def get_submission_class(self):
        return SurveySubmission

    def get_submissions_list_view_class(self):
        # Imported when first used, as Wagtail does for its own: admin views
        # load page models, which is not allowed while models are loading.
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
            self.send_mail(submission)
        return submission

    def send_mail(self, submission):
        """Tell the recipients a response has arrived: the survey's name, the
        response number and a link to the admin. Never any answer, whatever
        the questions are or how they are marked: answers stay in the admin,
        behind the Involvement team's permission. Sent after the response is
        committed, and a failure to send never loses it."""
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        link = admin_url(reverse("wagtailforms:list_submissions", args=[self.pk]))
        send_after_commit(
            f"New response to {self.title} (response {submission.pk})",
            "suggestions/emails/survey_response.txt",
            {"page": self, "response_number": submission.pk, "link": link},
            addresses,
        )

    @path("", name="survey_form")
    @method_decorator(never_cache)
    def survey_form(self, request):
        return views.survey_form(request, self)

    @path("thank-you/", name="thank_you")
    @method_decorator(never_cache)
    def thank_you(self, request):
        return views.survey_thank_you(request, self)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return super().serve_preview(request, mode_name)
