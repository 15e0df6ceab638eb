from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import expressions_of_interest_viewset
from .components import LadderOfParticipation, OpportunitiesSection
from .figures import opportunity_figures
from .models import ExpressionOfInterest, OpportunityFormat, OpportunityTheme
from .status import EXPRESSION_OF_INTEREST_REFERENCES


class OpportunityOptionViewSet(SnippetViewSet):
    """Staff keep the themes and ways of taking part, and drag them into the
    order the listing's filters show them in (Orderable's sort_order)."""

    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class OpportunityThemeViewSet(OpportunityOptionViewSet):
    model = OpportunityTheme
    menu_label = "Opportunity themes"


class OpportunityFormatViewSet(OpportunityOptionViewSet):
    model = OpportunityFormat
    menu_label = "Ways of taking part"


register_snippet(OpportunityThemeViewSet)
register_snippet(OpportunityFormatViewSet)


@hooks.register("register_personal_data_model")
def register_expressions_of_interest_personal_data():
    return ExpressionOfInterest


@hooks.register("register_reference_kind", order=20)  # the order the form's hint lists them in
def register_expression_of_interest_references():
    return EXPRESSION_OF_INTEREST_REFERENCES


@hooks.register("register_admin_viewset")
def register_expressions_of_interest_viewset():
    return expressions_of_interest_viewset


hooks.register("involvement_figures", opportunity_figures, order=20)


@hooks.register("home_page_sections", order=20)
def open_opportunities_section(request, home_page):
    return OpportunitiesSection.for_home_page(home_page)


@hooks.register("home_page_sections", order=15)
def small_ladder_section(request, home_page):
    return LadderOfParticipation.build(small=True)


@hooks.register("ladder_of_participation")
def ladder_of_participation(request):
    return LadderOfParticipation.build()
