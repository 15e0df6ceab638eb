from laces.components import Component

from home.figures import counts_by

from .models import RUNG_SUMMARIES, OpportunityIndexPage, OpportunityPage, Rung


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


class LadderOfParticipation(Component):
    """The ladder drawn as a ladder: five rungs, Control at the top and
    Information at the bottom, each linking to its open opportunities with
    how many there are. An ordered list counting down (5 to 1), so screen
    readers hear the rungs in the order they are drawn. `small` is the home
    page's version: names and counts, no descriptions.

    Three queries whatever the number of opportunities: one count per rung
    in a single aggregate, the listing page, and view restrictions."""

    template_name = "opportunities/includes/ladder.html"

    def __init__(self, rungs, index_page, *, small=False):
        self.rungs = rungs
        self.index_page = index_page
        self.small = small

    @classmethod
    def build(cls, *, small=False):
        open_counts = counts_by(OpportunityPage.objects.live().public().open(), "rung")
        rungs = [
            {
                "value": rung.value,
                "name": rung.label,
                "number": position,
                "summary": RUNG_SUMMARIES[rung],
                "open_count": open_counts.get(rung.value, 0),
            }
            for position, rung in reversed(list(enumerate(Rung, start=1)))
        ]
        return cls(rungs, OpportunityIndexPage.objects.live().first(), small=small)

    def get_context_data(self, parent_context=None):
        request = parent_context.get("request") if parent_context else None
        return {"rungs": self.rungs, "index_page": self.index_page, "small": self.small, "request": request}
