from django.contrib import messages
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .components import LatestNewsSection
from .models import MeetingGroup, NewsIndexPage, NewsPage

LATEST_NEWS_COUNT = 3
MEETING_GROUP_FIELDS = ["name", "purpose", "who_can_attend"]


class MeetingGroupChooserViewSet(SnippetChooserViewSet):
    # A "Create" tab in the meeting page's Group chooser, so an editor adding
    # the first minutes of a new group need not leave the page.
    form_fields = MEETING_GROUP_FIELDS
    create_action_label = "Add this group"
    creation_tab_label = "Add a new group"


class MeetingGroupViewSet(SnippetViewSet):
    model = MeetingGroup
    icon = "group"
    menu_label = "Meeting groups"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "who_can_attend"]
    search_fields = ["name", "purpose"]
    chooser_viewset_class = MeetingGroupChooserViewSet


meeting_group_viewset = MeetingGroupViewSet()
register_snippet(meeting_group_viewset)


def groups_with_meetings(instances):
    return [instance for instance in instances if isinstance(instance, MeetingGroup) and instance.meetings.exists()]


@hooks.register("before_delete_snippet")
def keep_meeting_groups_that_have_minutes(request, instances):
    """A group's meeting pages protect it in the database; say so in words
    before anyone confirms, for one group or a bulk delete alike."""
    kept = groups_with_meetings(instances)
    if not kept:
        return None
    for group in kept:
        count = group.meetings.count()
        uses = ngettext("%(count)d meeting page uses it", "%(count)d meeting pages use it", count) % {"count": count}
        messages.error(
            request,
            f"{capfirst(group.name)} cannot be deleted: {uses}. "
            "Move those meetings to another group, or delete them, first.",
        )
    return redirect(meeting_group_viewset.get_url_name("list"))


@hooks.register("home_page_sections", order=30)
def latest_news_section(request, home_page):
    items = list(NewsPage.objects.live().public().descendant_of(home_page).newest_first()[:LATEST_NEWS_COUNT])
    if not items:
        return None
    index = NewsIndexPage.objects.live().descendant_of(home_page).first()
    return LatestNewsSection(request, items, index)
