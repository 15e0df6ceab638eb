"""The filters on /get-involved/: rung, theme, way of taking part, open or closed.

Each is a plain link (no JavaScript), they combine with each other and with
paging, and each option says how many opportunities it would show. Values
come only from the known choices (`home.filters.chosen`), so anything else in
the query string is ignored.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.http import urlencode

from home.filters import chosen

from .models import RUNG_SUMMARIES, Format, OpportunityQuerySet, Rung, Theme

OPEN, CLOSED = "open", "closed"


def status_q(value, today):
    return OpportunityQuerySet.closed_q(today) if value == CLOSED else OpportunityQuerySet.open_q(today)


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    legend: str
    choices: list
    q: Callable  # (value, today) -> Q
    any_label: str = ""  # the option that clears it; empty when the facet always has a value
    default: str = ""

    @property
    def values(self):
        return [value for value, _label in self.choices]

    def label(self, value):
        return dict(self.choices).get(value, "")


FACETS = (
    Facet("rung", "Rung on the ladder", Rung.choices, lambda value, today: Q(rung=value), any_label="Any rung"),
    Facet("theme", "Theme", Theme.choices, lambda value, today: Q(themes__includes=value), any_label="Any theme"),
    Facet(
        "format",
        "How you take part",
        Format.choices,
        lambda value, today: Q(formats__includes=value),
        any_label="Any way",
    ),
    Facet("status", "Open or closed", [(OPEN, "Open now"), (CLOSED, "Closed")], status_q, default=OPEN),
)


@dataclass
class FilterOption:
    label: str
    count: int
    url: str
    current: bool


@dataclass
class FilterGroup:
    name: str
    legend: str
    options: list


class OpportunityFilters:
    """What the person chose, read safely from the query string."""

    def __init__(self, request):
        self.today = timezone.localdate()
        self.path = request.path
        self.values = {facet.name: chosen(request, facet.name, facet.values) or facet.default for facet in FACETS}

    @property
    def showing_closed(self):
        return self.values["status"] == CLOSED

    def q(self, leave_out=None):
        condition = Q()
        for facet in FACETS:
            value = self.values[facet.name]
            if value and facet.name != leave_out:
                condition &= facet.q(value, self.today)
        return condition

    def apply(self, opportunities):
        matching = opportunities.filter(self.q())
        return matching.recently_closed_first() if self.showing_closed else matching.soonest_closing_first()

    def counts(self, opportunities):
        """{(facet name, value): how many would show if the person picked it,
        keeping their other choices}. One aggregate query, whatever the number
        of opportunities; value "" is the facet's "any" option."""
        aggregates, keys = {}, {}
        for facet in FACETS:
            others = self.q(leave_out=facet.name)
            options = [(value, facet.q(value, self.today)) for value in facet.values]
            if facet.any_label:
                options.append(("", Q()))
            for value, condition in options:
                alias = f"count_{len(aggregates)}"
                aggregates[alias] = Count("pk", filter=others & condition)
                keys[alias] = (facet.name, value)
        totals = opportunities.order_by().aggregate(**aggregates)
        return {keys[alias]: total for alias, total in totals.items()}

    def url(self, **changes):
        """This listing with some choices changed, back on its first page."""
        values = {**self.values, **changes}
        query = urlencode(
            [(facet.name, values[facet.name]) for facet in FACETS if values[facet.name] not in ("", facet.default)]
        )
        return f"{self.path}?{query}" if query else self.path

    def groups(self, counts):
        groups = []
        for facet in FACETS:
            options = []
            if facet.any_label:
                options.append(
                    FilterOption(
                        facet.any_label,
                        counts[(facet.name, "")],
                        self.url(**{facet.name: ""}),
                        not self.values[facet.name],
                    )
                )
            for value, label in facet.choices:
                options.append(
                    FilterOption(
                        label,
                        counts[(facet.name, value)],
                        self.url(**{facet.name: value}),
                        self.values[facet.name] == value,
                    )
                )
            groups.append(FilterGroup(facet.name, facet.legend, options))
        return groups

    def chosen_labels(self):
        """What narrows the list, in words, e.g. ["Partnership", "Peer research"]."""
        return [facet.label(self.values[facet.name]) for facet in FACETS if facet.any_label and self.values[facet.name]]

    @property
    def chosen_rung(self):
        """(name, what it means) for the chosen rung, or None."""
        value = self.values["rung"]
        return (Rung(value).label, RUNG_SUMMARIES[value]) if value else None

    @property
    def clear_url(self):
        return self.url(rung="", theme="", format="")
