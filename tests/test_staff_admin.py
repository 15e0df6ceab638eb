"""Comms staff in the admin without dead ends (issue 14): meeting groups,
readable document links, free slugs, meeting validation, the publish buttons
editors see in News, and survey error messages."""

import json

import pytest
from django.urls import reverse

from news.models import MeetingGroup
from tests.factories.news import MeetingGroupFactory, MeetingIndexPageFactory, MeetingMinutesPageFactory

pytestmark = pytest.mark.django_db

GROUP_FORM = {"name": "Peer Researchers", "purpose": "Plans the peer research.", "who_can_attend": "Peer researchers."}


# --- Meeting groups ---------------------------------------------------------------------


@pytest.mark.parametrize("user_fixture", ["editor", "moderator"])
def test_editors_and_moderators_add_and_edit_meeting_groups(request, client, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(reverse("wagtailsnippets_news_meetinggroup:add"), GROUP_FORM)
    assert response.status_code == 302
    group = MeetingGroup.objects.get(name="Peer Researchers")
    assert group.slug == "peer-researchers"
    response = client.post(
        reverse("wagtailsnippets_news_meetinggroup:edit", args=(group.pk,)),
        {**GROUP_FORM, "slug": group.slug, "name": "Peer Research Group"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Peer Research Group"


def test_the_group_chooser_creates_a_group_in_place(client, editor):
    client.force_login(editor)
    chooser = client.get(reverse("wagtailsnippetchoosers_news_meetinggroup:choose"))
    assert chooser.status_code == 200
    assert "Add a new group" in json.loads(chooser.content)["html"]
    response = client.post(reverse("wagtailsnippetchoosers_news_meetinggroup:create"), GROUP_FORM)
    assert response.status_code == 200
    result = json.loads(response.content)
    assert result["step"] == "chosen"
    assert result["result"]["string"] == "Peer Researchers"
    assert MeetingGroup.objects.filter(name="Peer Researchers").exists()


def test_a_group_without_minutes_can_be_deleted(client, editor):
    group = MeetingGroupFactory(name="Old group")
    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_news_meetinggroup:delete", args=(group.pk,)))
    assert response.status_code == 302
    assert not MeetingGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("user_fixture", ["editor", "superuser"])
def test_a_group_with_minutes_is_kept_with_a_clear_message(request, client, home_page, user_fixture):
    group = MeetingGroupFactory(name="Service User Forum")
    MeetingMinutesPageFactory(parent=MeetingIndexPageFactory(parent=home_page), group=group)
    client.force_login(request.getfixturevalue(user_fixture))
    delete_url = reverse("wagtailsnippets_news_meetinggroup:delete", args=(group.pk,))
    for response in (client.get(delete_url, follow=True), client.post(delete_url, follow=True)):
        html = response.content.decode()
        assert "Service User Forum cannot be deleted: 1 meeting page uses it." in html
    bulk_url = reverse("wagtail_bulk_action", args=("news", "meetinggroup", "delete")) + f"?id={group.pk}"
    html = client.post(bulk_url, follow=True).content.decode()
    assert "cannot be deleted" in html
    assert MeetingGroup.objects.filter(pk=group.pk).exists()
