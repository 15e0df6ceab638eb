"""One way to filter a public listing: a django-filter FilterSet per listing,
made of `FacetFilter`s, shown by templates/includes/filters.html.

Every filter is a query parameter with a known list of values, so it works
without JavaScript and combines with the others and with paging. A value
that is not in the list fails the form's validation and is dropped, so
`?kind=<script>` or `?year=abc` shows the normal, unfiltered list (never a
500, never echoed back).
"""

import hashlib
from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode

from .cache import cached_content
from .pagination import paginate


class FacetFilter(django_filters.ChoiceFilter):
    """One query parameter and the values it may take.

    `q(value)` says which rows a value matches, as a Q object, so the counts
    for every option can sit inside one aggregate query. A facet with a
    `default` (e.g. "open") always narrows the list; one with an `any_label`
    also offers an option that clears it."""

    def __init__(self, *args, legend, any_label="", default="", many=False, match=None, **kwargs):
        kwargs.setdefault("choices", [])
        kwargs.setdefault("label", legend)
        super().__init__(*args, **kwargs)
        self.legend = legend
        self.any_label = any_label
        self.default = default
        # A many-to-many relation is matched through a subquery: a join would
        # repeat a row once per related item and inflate the counts.
        self.many = many
        self.match = match  # value -> Q, for conditions a lookup cannot say

    @property
    def choices(self):
        return [(str(value), label) for value, label in self.extra["choices"]]

    @choices.setter
    def choices(self, choices):
        self.extra["choices"] = list(choices)

    @property
    def values(self):
        return [value for value, _label in self.choices]

    def label_for(self, value):
        return dict(self.choices).get(value, "")

    def q(self, value):
        if self.match is not None:
            return self.match(value)
        condition = Q(**{f"{self.field_name}__{self.lookup_expr}": value})
        if self.many:
            return Q(pk__in=self.model._base_manager.filter(condition).values("pk"))
        return condition

    def filter(self, qs, value):
        value = value or self.default
        return qs.filter(self.q(value)) if value else qs


@dataclass
class FilterOption:
    value: str
    label: str
    url: str
    current: bool
    count: int | None = None


@dataclass
class FilterGroup:
    name: str
    legend: str
    options: list


class ListingFilterSet(django_filters.FilterSet):
    """The filters of one public listing, read from request.GET.

    `as_links` picks how templates/includes/filters.html shows them: links
    (one click each, with counts when given) or a form of select boxes with
    an "Apply filters" button."""

    heading = "Filter"
    as_links = False

    def __init__(self, request, queryset, choices=None):
        super().__init__(request.GET, queryset, request=request)
        self.path = request.path
        for name, options in (choices or {}).items():
            self.filters[name].choices = options

    def filter_queryset(self, queryset):
        # Every facet, not only those in cleaned_data: a facet with a default
        # still narrows the list when its value in the address was unknown.
        for name, facet in self.filters.items():
            queryset = facet.filter(queryset, self.values[name])
        return queryset

    @property
    def offered(self):
        """(name, facet) for the facets that have something to choose from."""
        return [(name, facet) for name, facet in self.filters.items() if facet.choices]

    @cached_property
    def values(self):
        """{name: value} for every facet: a known value, or "" for none."""
        self.form.is_valid()  # cleaned_data keeps only the fields whose value is known
        return {name: self.form.cleaned_data.get(name) or "" for name in self.filters}

    def value(self, name):
        """The value that narrows the list: the chosen one, or the facet's default."""
        return self.values[name] or self.filters[name].default

    @property
    def chosen(self):
        """{name: value} of the choices "Clear filters" takes away (a facet
        without an "any" option, like open or closed, is not one)."""
        return {name: value for name, value in self.values.items() if value and self.filters[name].any_label}

    def chosen_labels(self):
        """What narrows the list, in words, e.g. ["Newsletters", "2025"]."""
        return [self.filters[name].label_for(value) for name, value in self.chosen.items()]

    def url(self, **changes):
        """This listing with some choices changed, back on its first page."""
        values = {**self.values, **changes}
        query = urlencode(
            [(name, values[name]) for name, facet in self.filters.items() if values[name] not in ("", facet.default)]
        )
        return f"{self.path}?{query}" if query else self.path

    @property
    def clear_url(self):
        """Every facet that has an "any" option cleared; the others stay as chosen."""
        return self.url(**{name: "" for name, facet in self.filters.items() if facet.any_label})

    def counts(self):
        """{(name, value): how many rows would show if the person picked that
        value, keeping their other choices}; value "" is the "any" option.
        One aggregate query, whatever the number of rows."""
        aggregates, keys = {}, {}
        for name, facet in self.filters.items():
            others = Q()
            for other_name, other in self.filters.items():
                if other_name != name and self.value(other_name):
                    others &= other.q(self.value(other_name))
            options = [(value, facet.q(value)) for value in facet.values]
            if facet.any_label:
                options.append(("", Q()))
            for value, condition in options:
                alias = f"count_{len(aggregates)}"
                aggregates[alias] = Count("pk", filter=others & condition)
                keys[alias] = (name, value)
        totals = self.queryset.order_by().aggregate(**aggregates)
        return {keys[alias]: total for alias, total in totals.items()}

    def groups(self, counts=None):
        """Each offered facet and its options (with counts if given), for the shared template."""
        counts = counts or {}
        groups = []
        for name, facet in self.offered:
            current = self.value(name)
            choices = [("", facet.any_label)] if facet.any_label else []
            options = [
                FilterOption(value, label, self.url(**{name: value}), current == value, counts.get((name, value)))
                for value, label in choices + facet.choices
            ]
            groups.append(FilterGroup(name, facet.legend, options))
        return groups


def year_choices(queryset, field_name):
    """The years that `field_name` takes in `queryset`, newest first, as filter choices: one query."""
    return [(str(day.year), str(day.year)) for day in queryset.dates(field_name, "year", order="DESC")]


class FilteredListingMixin:
    """For pages with a filtered listing: subclasses name their FilterSet and
    the rows it filters; this reads the filters from the request and pages
    the result, `per_page` at a time."""

    filterset_class = None
    per_page = 10
    show_counts = False  # each option says how many rows it would show

    def get_listing(self):
        """Everything the listing can show, before filtering."""
        raise NotImplementedError

    def get_filter_choices(self, listing):
        """{facet name: choices} for facets whose values come from the database."""
        return {}

    def order_listing(self, filters, rows):
        return rows

    def get_filters(self, request):
        listing = self.get_listing()
        # The choices change only when content does: kept per content version.
        choices = cached_content("listing-filter-choices", lambda: self.get_filter_choices(listing), self.pk)
        return self.filterset_class(request, listing, choices=choices)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.get_filters(request)
        context.update(
            filters=filters,
            filter_groups=filters.groups(self.filter_counts(filters) if self.show_counts else None),
            items=paginate(request, self.order_listing(filters, filters.qs), self.per_page),
        )
        return context

    def filter_counts(self, filters):
        """The counts beside each option change only when content does, or
        with the date (what is open closes): kept per content version, day
        and choice. Building their one aggregate costs more than the rest of
        the listing's queries together."""
        choice = hashlib.sha256(urlencode(sorted(filters.values.items())).encode()).hexdigest()
        today = timezone.localdate().isoformat()
        return cached_content("listing-filter-counts", filters.counts, self.pk, today, choice)
