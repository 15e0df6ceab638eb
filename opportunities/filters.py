"""The filters on /get-involved/: rung, theme, way of taking part, open or
closed. Links with counts (see home.filters); the themes and ways offered are
the snippets staff keep, in their order."""

from home.filters import FacetFilter, ListingFilterSet

from .models import RUNG_SUMMARIES, OpportunityQuerySet, Rung

OPEN, CLOSED = "open", "closed"


def status_q(value):
    return OpportunityQuerySet.closed_q() if value == CLOSED else OpportunityQuerySet.open_q()


class OpportunityFilterSet(ListingFilterSet):
    heading = "Filter opportunities"
    as_links = True

    rung = FacetFilter(legend="Rung on the ladder", any_label="Any rung", choices=Rung.choices)
    theme = FacetFilter(field_name="themes__slug", legend="Theme", any_label="Any theme", many=True)
    format = FacetFilter(field_name="formats__slug", legend="How you take part", any_label="Any way", many=True)
    status = FacetFilter(
        legend="Open or closed", choices=[(OPEN, "Open now"), (CLOSED, "Closed")], default=OPEN, match=status_q
    )

    @property
    def showing_closed(self):
        return self.value("status") == CLOSED

    @property
    def chosen_rung(self):
        """(name, what it means) for the chosen rung, or None."""
        value = self.values["rung"]
        return (Rung(value).label, RUNG_SUMMARIES[value]) if value else None
