from django.contrib.syndication.views import Feed
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator

from .suggestion_box import Suggestion

FEED_LENGTH = 20


class YouSaidWeDidFeed(Feed):
    """RSS for "You said, we did": the same published answers as the page.
    A new instance serves each request, so keeping the page on it is safe.

    Feed readers show titles and descriptions as HTML once the XML is read,
    so everything staff typed is HTML-escaped here (the XML escaping Django
    adds is undone by the reader): markup typed in the admin reaches readers
    as the characters typed, never as markup."""

    def get_object(self, request, page):
        self.page_url = page.get_url(request)
        return page

    def title(self, page):
        return escape(page.title)

    def link(self, page):
        return self.page_url

    def description(self, page):
        return escape(page.introduction)

    def items(self, page):
        return Suggestion.objects.published().select_related("topic").newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return escape(f"You said: {Truncator(item.public_version).words(12)}")

    def item_description(self, item):
        # linebreaks() escapes (autoescape=True) and only then adds its own <p> and <br>.
        text = f"You said: {item.public_version}\n\nWe did ({item.outcome.lower()}): {item.public_answer}"
        return linebreaks(text, autoescape=True)

    def item_link(self, item):
        return f"{self.page_url}#answer-{item.pk}"

    def item_pubdate(self, item):
        return item.answered_at

    def item_categories(self, item):
        return [escape(item.topic.name)] if item.topic else []
