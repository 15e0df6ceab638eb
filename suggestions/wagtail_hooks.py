from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from records.admin_views import forbidden_not_redirect

from .admin_views import (
    SuggestionTopicViewSet,
    SurveyResponsesIndexView,
    SurveyResponsesMenuItem,
    SurveySubmissionsDeleteView,
    suggestion_viewset,
    survey_responses_for_user,
)
from .components import have_your_say_section
from .figures import suggestion_figures
from .models import Suggestion, SurveySubmission
from .status import SUGGESTION_REFERENCES

register_snippet(SuggestionTopicViewSet)
hooks.register("filter_form_submissions_for_user", survey_responses_for_user)
hooks.register("home_page_sections", have_your_say_section, order=30)
hooks.register("involvement_figures", suggestion_figures, order=10)


@hooks.register("register_reference_kind", order=10)  # the order the form's hint lists them in
def register_suggestion_references():
    return SUGGESTION_REFERENCES


@hooks.register("register_personal_data_model")
def register_suggestions_personal_data():
    return Suggestion


@hooks.register("register_personal_data_model")
def register_survey_responses_personal_data():
    return SurveySubmission


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    return suggestion_viewset


survey_response_urls = (
    decorate_urlpatterns(
        [
            path("", SurveyResponsesIndexView.as_view(), name="index"),
            path("results/", SurveyResponsesIndexView.as_view(results_only=True), name="index_results"),
        ],
        forbidden_not_redirect,
    ),
    "suggestions_survey_responses",
)


@hooks.register("register_admin_urls")
def register_survey_response_urls():
    return [
        path("survey-responses/", include(survey_response_urls)),
        # Answers Wagtail's own address for deleting responses: this app's
        # hooks run before wagtail.contrib.forms', so this pattern is found first.
        path(
            "forms/submissions/<int:page_id>/delete/",
            forbidden_not_redirect(SurveySubmissionsDeleteView.as_view()),
            name="survey_responses_delete",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_survey_responses_menu_item():
    return SurveyResponsesMenuItem(
        "Survey responses",
        reverse("suggestions_survey_responses:index"),
        name="survey-responses",
        icon_name="form",
        order=220,
    )


@hooks.register("construct_main_menu")
def hide_wagtails_forms_menu_item(request, menu_items):
    # Replaced by "Survey responses", which the Involvement team can open
    # without page editing permissions.
    menu_items[:] = [item for item in menu_items if item.name != "forms"]
