from django.contrib.syndication.views import Feed
from django.utils.text import Truncator

from .suggestion_box import Suggestion

FEED_LENGTH = 20


class YouSaidWeDidFeed(Feed):
    """RSS for "You said, we did": the same published answers as the page.
    A new instance serves each request, so keeping the page on it is safe."""

    def get_object(self, request, page):
        self.page_url = page.get_url(request)
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return self.page_url

    def description(self, page):
        return page.introduction

    def items(self, page):
        return Suggestion.objects.published().select_related("topic").newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return f"You said: {Truncator(item.public_version).words(12)}"

    def item_description(self, item):
        return f"You said: {item.public_version}\n\nWe did ({item.outcome.lower()}): {item.public_answer}"

    def item_link(self, item):
        return f"{self.page_url}#answer-{item.pk}"

    def item_pubdate(self, item):
        return item.answered_at

    def item_categories(self, item):
        return [item.topic.name] if item.topic else []
