from laces.components import Component

from .models import OpportunityIndexPage, OpportunityPage


class OpportunitiesSection(Component):
    """Home page section: featured open opportunities, or the ones closing
    soonest when none is featured."""

    template_name = "opportunities/includes/home_section.html"
    LIMIT = 3

    def __init__(self, opportunities, index_page):
        self.opportunities = opportunities
        self.index_page = index_page

    @classmethod
    def for_home_page(cls, home_page):
        """The section, or None when nothing is open (the home page then leaves it out)."""
        open_now = OpportunityPage.objects.live().public().descendant_of(home_page).open().soonest_closing_first()
        opportunities = list(open_now.filter(featured=True)[: cls.LIMIT]) or list(open_now[: cls.LIMIT])
        if not opportunities:
            return None
        index_page = OpportunityIndexPage.objects.live().descendant_of(home_page).first()
        return cls(opportunities, index_page)

    def get_context_data(self, parent_context=None):
        request = parent_context.get("request") if parent_context else None
        return {"opportunities": self.opportunities, "index_page": self.index_page, "request": request}
