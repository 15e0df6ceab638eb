"""RSS 2.0 and Atom feeds of the news, served by NewsIndexPage at feed/ and
feed/atom/. `?kind=newsletter` (or news, bulletin) narrows a feed to one type;
an unknown kind gives the full feed. Links are absolute, on the host the feed
was fetched from, so feed readers can follow them."""

import mimetypes
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure

from .filters import NewsFilterSet
from .models import NewsKind

FEED_LENGTH = 20


class NewsFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        # A feed instance serves one request, so it can keep it for the methods below.
        self.request = request
        # Only the type narrows a feed: the other filters have no choices here, so they are ignored.
        self.filters = NewsFilterSet(
            request, self.index_page.get_listing(), choices={"kind": NewsKind.filter_choices()}
        )
        return self.filters.values["kind"]

    def title(self, kind):
        if kind:
            return f"{self.index_page.title}: {NewsKind(kind).plural}"
        return self.index_page.title

    def description(self, kind):
        return self.index_page.introduction or self.index_page.title

    def link(self, kind):
        url = self.index_page.get_url(self.request)
        return f"{url}?kind={kind}" if kind else url

    def items(self, kind):
        return self.filters.qs.prefetch_related("tagged_items__tag")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [NewsKind(item.kind).label] + [tagged.tag.name for tagged in item.tagged_items.all()]

    def item_enclosures(self, item):
        if item.document is None:
            return []
        mime_type, _encoding = mimetypes.guess_type(item.document.filename)
        return [
            Enclosure(
                url=self.request.build_absolute_uri(item.document.url),
                length=str(item.document.get_file_size() or 0),
                mime_type=mime_type or "application/octet-stream",
            )
        ]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, kind):
        return self.description(kind)
