"""Admin for the Involvement team: suggestions (triage, answers, export,
entering one on someone's behalf) and the responses to surveys built with the
form builder. Editors build surveys but never see who answered what."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.utils import get_form_types, get_forms_for_user
from wagtail.contrib.forms.views import DeleteSubmissionsView, FormPagesListView, SubmissionsListView
from wagtail.models import Page
from wagtail.snippets.views.snippets import SnippetViewSet

from records.admin_views import (
    DaysWaitingColumn,
    ForbiddenNotRedirectViewMixin,
    ForbiddenNotRedirectViewSetMixin,
    InvolvementRecordViewSet,
    MessagePreviewColumn,
    RecordIndexView,
    WaitingRecordsPanel,
)
from records.exports import ReadableSpreadsheetMixin

from .suggestion_box import Suggestion, SuggestionTopic

SURVEY_RESPONSES_PERMISSION = "suggestions.view_surveysubmission"
SURVEY_RESPONSES_DELETE_PERMISSION = "suggestions.delete_surveysubmission"


# --- Suggestions ----------------------------------------------------------------


class SuggestionIndexView(RecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("topic", "assigned_to")


class SuggestionViewSet(InvolvementRecordViewSet):
    model = Suggestion
    index_view_class = SuggestionIndexView
    icon = "comment"
    menu_label = "Suggestions"
    menu_order = 210
    name = "suggestions"
    waiting_statuses = [Suggestion.Status.RECEIVED, Suggestion.Status.CONSIDERING]

    list_display = [
        "reference",
        MessagePreviewColumn("text"),
        "status",
        "topic",
        DaysWaitingColumn(waiting_statuses),
        "channel",
        "assigned_to",
        *InvolvementRecordViewSet.common_list_display,
    ]
    list_filter = [*InvolvementRecordViewSet.common_list_filter, "topic", "assigned_to"]
    search_fields = ["reference"]
    # Personal details are exported because the team follows people up from
    # the spreadsheet; only the team can reach the export.
    list_export = [
        *InvolvementRecordViewSet.common_export,
        "topic",
        "text",
        "public_version",
        "public_answer",
        "publish",
        "answered_at",
        "assigned_to",
        "wants_reply",
        "name",
        "contact_method",
        "email",
        "phone",
        "postal_address",
        "support_worker",
        "consent",
        "internal_notes",
        "personal_data_cleared_at",
    ]
    export_filename = "suggestions"

    panels = [
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("assigned_to"), FieldPanel("is_safeguarding_concern")], heading="Triage"
        ),
        MultiFieldPanel(
            [FieldPanel("channel"), FieldPanel("topic"), FieldPanel("text")],
            heading="What they said",
            help_text="Entering a suggestion for someone? Choose how it reached us, and type it as they said it.",
        ),
        MultiFieldPanel(
            [FieldPanel("public_version"), FieldPanel("public_answer"), FieldPanel("publish")],
            heading="You said, we did",
        ),
        MultiFieldPanel(
            [
                FieldPanel("wants_reply"),
                FieldPanel("name"),
                FieldPanel("contact_method"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("postal_address"),
                FieldPanel("support_worker"),
                FieldPanel("consent"),
            ],
            heading="Reply",
            help_text="Leave 'wants a reply' unticked for an anonymous suggestion: the details below are then "
            "not kept.",
        ),
        FieldPanel("internal_notes"),
    ]

    def waiting_panel(self):
        return WaitingRecordsPanel(
            model=Suggestion,
            title="Suggestions",
            waiting_statuses=self.waiting_statuses,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
            message_field="text",
            details=[("Topic", lambda suggestion: suggestion.topic)],
            queryset=Suggestion.objects.select_related("topic"),
        )


suggestion_viewset = SuggestionViewSet()


class SuggestionTopicViewSet(ForbiddenNotRedirectViewSetMixin, SnippetViewSet):
    model = SuggestionTopic
    icon = "tag"
    menu_label = "Suggestion topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


# --- Survey responses (form builder submissions) ----------------------------------


def can_see_survey_responses(user):
    return user.has_perm(SURVEY_RESPONSES_PERMISSION)


def survey_responses_for_user(user, editable_forms):
    """For the `filter_form_submissions_for_user` hook.

    Wagtail lets anyone who can edit a form page read its submissions. Here
    the answers are personal data, so only people with the survey responses
    permission (the Involvement team, and superusers) see them, for every
    form page, whether or not they can edit the page."""
    if not can_see_survey_responses(user):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


class SurveyResponsesIndexView(FormPagesListView):
    """Wagtail's list of form pages, for the Involvement team, who have no
    page editing permissions and so cannot open Wagtail's own list."""

    any_permission_required = None
    index_url_name = "suggestions_survey_responses:index"
    index_results_url_name = "suggestions_survey_responses:index_results"
    page_title = gettext_lazy("Survey responses")

    def dispatch(self, request, *args, **kwargs):
        if not can_see_survey_responses(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SurveySubmissionsListView(ForbiddenNotRedirectViewMixin, ReadableSpreadsheetMixin, SubmissionsListView):
    forms_index_url_name = SurveyResponsesIndexView.index_url_name


class SurveySubmissionsDeleteView(DeleteSubmissionsView):
    """Wagtail lets anyone who can read a form's responses delete them. Here,
    as for every other record, deleting needs the delete permission, which no
    group is given (superusers only): reading responses is not enough."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SURVEY_RESPONSES_DELETE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SurveyResponsesMenuItem(MenuItem):
    def is_shown(self, request):
        return get_forms_for_user(request.user).exists()
