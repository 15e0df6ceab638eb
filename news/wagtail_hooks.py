from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .components import LatestNewsSection
from .models import MeetingGroup, NewsIndexPage, NewsPage

LATEST_NEWS_COUNT = 3


class MeetingGroupViewSet(SnippetViewSet):
    model = MeetingGroup
    icon = "group"
    menu_label = "Meeting groups"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "who_can_attend"]
    search_fields = ["name", "purpose"]


register_snippet(MeetingGroupViewSet)


@hooks.register("home_page_sections", order=30)
def latest_news_section(request, home_page):
    items = list(NewsPage.objects.live().public().descendant_of(home_page).newest_first()[:LATEST_NEWS_COUNT])
    if not items:
        return None
    index = NewsIndexPage.objects.live().descendant_of(home_page).first()
    return LatestNewsSection(request, items, index)
