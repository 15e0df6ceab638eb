from laces.components import Component

from .models import Suggestion, SuggestionPage, YouSaidWeDidPage

LATEST_ANSWERS = 3


class HaveYourSaySection(Component):
    """Home page section: a call to make a suggestion and the latest few
    "You said, we did" answers."""

    template_name = "suggestions/includes/have_your_say_section.html"

    def __init__(self, *, request, suggestion_page, you_said_we_did, answers):
        self.request = request
        self.suggestion_page = suggestion_page
        self.you_said_we_did = you_said_we_did
        self.answers = answers

    def get_context_data(self, parent_context=None):
        return {
            "request": self.request,
            "suggestion_page": self.suggestion_page,
            "you_said_we_did": self.you_said_we_did,
            "answers": self.answers,
        }


def have_your_say_section(request, home_page):
    """For the `home_page_sections` hook: nothing when there is no suggestion page."""
    suggestion_page = SuggestionPage.objects.live().descendant_of(home_page).first()
    if suggestion_page is None:
        return None
    you_said_we_did = YouSaidWeDidPage.objects.live().descendant_of(home_page).first()
    answers = []
    if you_said_we_did is not None:
        answers = list(Suggestion.objects.published().select_related("topic").newest_first()[:LATEST_ANSWERS])
    return HaveYourSaySection(
        request=request, suggestion_page=suggestion_page, you_said_we_did=you_said_we_did, answers=answers
    )
