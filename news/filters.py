"""The filters of the news, meetings and leaflets listings: select boxes in a
GET form (see home.filters). Tags, groups and years offered are only those
the listed pages use."""

from home.filters import FacetFilter, ListingFilterSet


class NewsFilterSet(ListingFilterSet):
    kind = FacetFilter(legend="Type", any_label="All types")
    tag = FacetFilter(field_name="tags__slug", legend="Topic", any_label="All topics", many=True)
    year = FacetFilter(field_name="date__year", legend="Year", any_label="All years")


class MeetingFilterSet(ListingFilterSet):
    group = FacetFilter(field_name="group__slug", legend="Group", any_label="All groups")
    year = FacetFilter(field_name="date__year", legend="Year", any_label="All years")


class LeafletFilterSet(ListingFilterSet):
    topic = FacetFilter(field_name="topics__slug", legend="Topic", any_label="All topics", many=True)
