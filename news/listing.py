"""Filtered, paginated listings shared by the news, meetings and leaflets index pages.

Filters are a GET form (works without JavaScript, and its values combine with
each other; changing them starts again at page 1). Only values we know are
used or shown, so a junk query string never reaches the database or the page.
"""

from dataclasses import dataclass

from home.cache import cached_content
from home.filters import chosen
from home.pagination import paginate

PER_PAGE = 10


@dataclass
class ListingFilter:
    """One query parameter (e.g. `kind`) and the values it may take."""

    name: str
    heading: str
    choices: list[tuple[str, str]]  # (value, label)
    all_label: str
    selected: str = ""

    def read(self, request):
        self.selected = chosen(request, self.name, [value for value, _label in self.choices])
        return self

    @property
    def selected_label(self):
        return dict(self.choices).get(self.selected, "")


class FilteredListingMixin:
    """For index pages: subclasses say which filters they offer and how the
    selected values narrow the listing; this reads them safely from the
    request and pages the result, PER_PAGE at a time."""

    def get_filters(self):
        """ListingFilter objects for this listing (their choices come from the database)."""
        raise NotImplementedError

    def get_listing(self, selected):
        """The queryset to show, given the valid selected values by parameter name."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The choices change only when content does: kept per content version.
        choices = cached_content("listing-filters", self.get_filters, self.pk)
        filters = [listing_filter.read(request) for listing_filter in choices]
        selected = {
            listing_filter.name: listing_filter.selected for listing_filter in filters if listing_filter.selected
        }
        context.update(
            filters=[listing_filter for listing_filter in filters if listing_filter.choices],
            selected=selected,
            active_filters=[listing_filter for listing_filter in filters if listing_filter.selected],
            items=paginate(request, self.get_listing(selected), PER_PAGE),
        )
        return context
