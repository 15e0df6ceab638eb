from laces.components import Component


class LatestNewsSection(Component):
    """The latest news items on the home page, with a link to all of them."""

    template_name = "news/components/latest_news.html"

    def __init__(self, request, items, index):
        self.request = request
        self.items = items
        self.index = index

    def get_context_data(self, parent_context=None):
        return {"request": self.request, "items": self.items, "index": self.index}
