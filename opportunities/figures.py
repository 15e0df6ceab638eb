"""Opportunities' part of "How involvement is going": expressions of interest
and open opportunities on each rung of the ladder. Registered as an
`involvement_figures` hook, so the figures page needs no import of this app."""

from home.figures import Figure, Row, counts_by, last_twelve_months, start_of

from .models import ExpressionOfInterest, OpportunityPage, Rung

DELETED = "Opportunity since removed"


def opportunity_figures(today):
    return [interest_by_rung(today), open_by_rung()]


def interest_by_rung(today):
    since = start_of(last_twelve_months(today)[0])
    counts = counts_by(ExpressionOfInterest.objects.filter(created_at__gte=since), "opportunity__rung")
    rows = [Row(label, (counts.get(value, 0),)) for value, label in Rung.choices]
    if counts.get(None):
        # The page was deleted, so its rung is no longer known; still counted.
        rows.append(Row(DELETED, (counts[None],)))
    return Figure(
        slug="interest-by-rung",
        title="Expressions of interest by rung of the ladder",
        summary="The last 12 months, including ones made by phone, text, paper or in person. No rung is better "
        "than another.",
        label_heading="Rung",
        measures=("Expressions of interest",),
        rows=rows,
    )


def open_by_rung():
    counts = counts_by(OpportunityPage.objects.live().public().open(), "rung")
    return Figure(
        slug="open-by-rung",
        title="Opportunities open now by rung of the ladder",
        label_heading="Rung",
        measures=("Open opportunities",),
        rows=[Row(label, (counts.get(value, 0),)) for value, label in Rung.choices],
    )
