"""Editors' experience: who may do what, the approval workflows, scheduled
publishing, review dates, dashboard panels, guardrails and demo accounts."""

import importlib
import re
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.blocks import RichTextBlock
from wagtail.blocks.list_block import ListBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import (
    Comment,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    get_page_models,
)
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from demo.pages import ensure_child_page, paragraph, stream
from home.admin_forms import IMAGE_DESCRIPTION_REQUIRED
from home.groups import (
    ALL_GROUPS,
    EDITORS,
    INVOLVEMENT_TEAM,
    MODERATOR_APPROVAL_TASK,
    MODERATORS,
    REVIEW_AND_PUBLISH,
    SERVICE_USER_REVIEW,
    SERVICE_USER_REVIEW_TASK,
    SERVICE_USER_REVIEWERS,
)
from home.models import FooterSettings, HomePage, SiteSettings, StandardPage
from home.publishing import apply_publishing_rules, check_section_settings
from home.review import DuePages
from tests.factories.editors import RootDocumentFactory, RootImageFactory, root_collection
from tests.factories.home import StandardPageFactory, UserFactory
from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("home", "news", "opportunities", "suggestions")


# --- Helpers -------------------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def edit_form_data(client, page, **changes):
    """What the page editor would post for `page`, with `changes`: every input
    the edit form renders, plus each StreamField refilled with one paragraph
    (StreamFields are built by JavaScript in the browser, so the HTML holds
    none of their inputs). Works for any page type whose StreamFields offer
    the shared BodyBlock's "paragraph"."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, f"cannot open the editor for {page}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(nested_form_data({field.name: streamfield([("paragraph", rich_text("<p>Changed.</p>"))])}))
    for name, value in changes.items():
        data[name] = value
    return data


def comments_formset(comments):
    """New Wagtail comments as the editor posts them, each with no replies."""
    return inline_formset([{**comment, "replies": inline_formset([])} for comment in comments])


def live_title(page):
    return Page.objects.get(pk=page.pk).specific.title


def current_task_state(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def workflow_action(client, page, action="approve"):
    """Take a workflow action as the dashboard's buttons do. True when it was
    done, False when Wagtail refused it."""
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    assert client.post(url, {"comment": ""}).status_code == 302
    task_state.refresh_from_db()
    return task_state.status != task_state.STATUS_IN_PROGRESS


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def task(name):
    return Task.objects.get(name=name).specific


# --- The site's sections, as the demo builds them ------------------------------------


@dataclass
class Sections:
    """The home page and, under it, an ordinary page (About), the two sections
    whose changes need approval (Policy, Get involved) and the section editors
    publish directly (News), each with a page inside. Get involved and News
    are standard pages standing in for the feature apps' index pages: the
    rules follow the section's slug, not its page type."""

    home: HomePage
    sections: dict
    pages: dict

    def section(self, slug):
        return self.home if slug == "home" else self.sections[slug]

    def page_in(self, slug):
        return self.home if slug == "home" else self.pages[slug]


@pytest.fixture
def site_sections(home_page):
    sections, pages = {}, {}
    for slug in ("about", "policy", "get-involved", "news"):
        sections[slug] = StandardPageFactory(parent=home_page, slug=slug, title=slug.replace("-", " ").capitalize())
        pages[slug] = StandardPageFactory(parent=sections[slug], slug=f"in-{slug}", title=f"A page in {slug}")
    apply_publishing_rules()
    return Sections(home=home_page, sections=sections, pages=pages)


@pytest.fixture
def policy_page(home_page):
    """/policy/, created and published the way the demo loader and staff do,
    so the publishing rules come from the page_published signal."""
    return ensure_child_page(
        home_page,
        StandardPage,
        "policy",
        title="Our involvement policy",
        introduction="What we promise.",
        body=stream(paragraph("<p>Version 4.</p>")),
    )


@pytest.fixture
def opportunity_page(home_page):
    """An opportunity under /get-involved/, with the section's publishing rules applied."""
    index = OpportunityIndexPageFactory(parent=home_page)
    page = OpportunityPageFactory(parent=index, title="Interview panel", slug="interview-panel")
    apply_publishing_rules()
    return page


# --- 1. The permission matrix ---------------------------------------------------------
#
# Every group x every action, as one table. A change to any permission, in a
# migration, in the admin's Groups screen or in code, fails this test until the
# table is changed with it, so the change is deliberate.
#
# To add a row: a description, a check `(user, sections) -> bool`, then the
# expected answer for Editors, Moderators, Involvement team, Service user
# reviewers.

Y, N = True, False
GROUP_COLUMNS = (EDITORS, MODERATORS, INVOLVEMENT_TEAM, SERVICE_USER_REVIEWERS)


def has_perm(name):
    return lambda user, site: user.has_perm(name)


def page_can(action, slug):
    """A PagePermissionTester check: on the section itself for adding pages
    under it, on a page inside the section for everything else."""

    def check(user, site):
        if action == "add_subpage":
            return site.section(slug).permissions_for_user(user).can_add_subpage()
        tester = site.page_in(slug).permissions_for_user(user)
        if action == "submit":
            return tester.can_edit() and tester.can_submit_for_moderation()
        return getattr(tester, f"can_{action}")()

    return check


def can_act_on_task(task_name, action):
    def check(user, site):
        actions = task(task_name).get_actions(site.page_in("policy"), user)
        return action in {name for name, _label, _modal in actions}

    return check


def media_can(factory, action, owned_by_user=None):
    """Image and document permissions, per Wagtail's collection policy.
    owned_by_user: None for the model-wide check, True for a file the user
    uploaded, False for someone else's."""

    def check(user, site):
        policy = policy_registry.get_by_type(factory._meta.model)
        if owned_by_user is None:
            return policy.user_has_permission(user, action)
        instance = factory(uploaded_by_user=user if owned_by_user else None)
        return policy.user_has_permission_for_instance(user, action, instance)

    return check


def setting_can(model, action):
    return lambda user, site: policy_registry.get_by_type(model).user_has_permission(user, action)


PERMISSION_MATRIX = [
    # action                                                 check                                            E  M  I  R
    ("access the admin", has_perm("wagtailadmin.access_admin"), Y, Y, Y, Y),
    ("add a page under the home page", page_can("add_subpage", "home"), Y, Y, N, N),
    ("edit the home page", page_can("edit", "home"), Y, Y, N, N),
    ("publish the home page", page_can("publish", "home"), N, Y, N, N),
    ("add a page in About", page_can("add_subpage", "about"), Y, Y, N, N),
    ("edit a page in About", page_can("edit", "about"), Y, Y, N, N),
    ("submit a page in About for approval", page_can("submit", "about"), Y, Y, N, N),
    ("publish a page in About", page_can("publish", "about"), N, Y, N, N),
    ("add a page in Policy", page_can("add_subpage", "policy"), Y, Y, N, N),
    ("edit a page in Policy", page_can("edit", "policy"), Y, Y, N, N),
    ("submit a page in Policy for approval", page_can("submit", "policy"), Y, Y, N, N),
    ("publish a page in Policy", page_can("publish", "policy"), N, Y, N, N),
    ("add a page in Get involved", page_can("add_subpage", "get-involved"), Y, Y, N, N),
    ("edit a page in Get involved", page_can("edit", "get-involved"), Y, Y, N, N),
    ("submit a page in Get involved for approval", page_can("submit", "get-involved"), Y, Y, N, N),
    ("publish a page in Get involved", page_can("publish", "get-involved"), N, Y, N, N),
    ("add a page in News", page_can("add_subpage", "news"), Y, Y, N, N),
    ("edit a page in News", page_can("edit", "news"), Y, Y, N, N),
    ("publish a page in News", page_can("publish", "news"), Y, Y, N, N),
    ("delete a live page", page_can("delete", "about"), N, Y, N, N),
    ("lock a page", page_can("lock", "about"), N, Y, N, N),
    ("unlock a page someone else locked", page_can("unlock", "about"), N, Y, N, N),
    ("approve in 'Review and publish'", can_act_on_task(MODERATOR_APPROVAL_TASK, "approve"), N, Y, N, N),
    ("approve in 'Service user review'", can_act_on_task(SERVICE_USER_REVIEW_TASK, "approve"), N, N, N, Y),
    ("upload images", media_can(RootImageFactory, "add"), Y, Y, N, N),
    ("choose images for pages", media_can(RootImageFactory, "choose"), Y, Y, N, N),
    ("edit their own images", media_can(RootImageFactory, "change", owned_by_user=True), Y, Y, N, N),
    ("delete their own images", media_can(RootImageFactory, "delete", owned_by_user=True), Y, Y, N, N),
    ("edit anyone's images", media_can(RootImageFactory, "change", owned_by_user=False), N, Y, N, N),
    ("delete anyone's images", media_can(RootImageFactory, "delete", owned_by_user=False), N, Y, N, N),
    ("upload documents", media_can(RootDocumentFactory, "add"), Y, Y, N, N),
    ("choose documents for pages", media_can(RootDocumentFactory, "choose"), Y, Y, N, N),
    ("edit their own documents", media_can(RootDocumentFactory, "change", owned_by_user=True), Y, Y, N, N),
    ("delete their own documents", media_can(RootDocumentFactory, "delete", owned_by_user=True), Y, Y, N, N),
    ("edit anyone's documents", media_can(RootDocumentFactory, "change", owned_by_user=False), N, Y, N, N),
    ("delete anyone's documents", media_can(RootDocumentFactory, "delete", owned_by_user=False), N, Y, N, N),
    ("edit site settings", setting_can(SiteSettings, "change"), N, Y, N, N),
    ("edit footer links", setting_can(FooterSettings, "change"), N, Y, N, N),
    ("manage redirects", has_perm("wagtailredirects.change_redirect"), N, Y, N, N),
    ("assign workflows to pages", has_perm("wagtailcore.change_workflow"), N, Y, N, N),
    ("create workflows", has_perm("wagtailcore.add_workflow"), N, N, N, N),
    ("change workflow steps", has_perm("wagtailcore.change_task"), N, N, N, N),
    ("view expressions of interest", has_perm("opportunities.view_expressionofinterest"), N, N, Y, N),
    ("enter an expression of interest for someone", has_perm("opportunities.add_expressionofinterest"), N, N, Y, N),
    ("triage expressions of interest", has_perm("opportunities.change_expressionofinterest"), N, N, Y, N),
    ("delete expressions of interest", has_perm("opportunities.delete_expressionofinterest"), N, N, N, N),
    ("view suggestions", has_perm("suggestions.view_suggestion"), N, N, Y, N),
    ("enter a suggestion for someone", has_perm("suggestions.add_suggestion"), N, N, Y, N),
    ("answer suggestions", has_perm("suggestions.change_suggestion"), N, N, Y, N),
    ("delete suggestions", has_perm("suggestions.delete_suggestion"), N, N, N, N),
    ("view survey responses", has_perm("suggestions.view_surveysubmission"), N, N, Y, N),
    (
        "change a survey's recipients and personal-data questions",
        has_perm("suggestions.change_privacy_formpage"),
        N,
        N,
        Y,
        N,
    ),
    ("delete survey responses", has_perm("suggestions.delete_surveysubmission"), N, N, N, N),
    ("keep the suggestion topic list", has_perm("suggestions.change_suggestiontopic"), Y, Y, Y, N),
    ("add an opportunity theme", has_perm("opportunities.add_opportunitytheme"), Y, Y, N, N),
    ("reorder the ways of taking part", has_perm("opportunities.change_opportunityformat"), Y, Y, N, N),
    ("add meeting groups", has_perm("news.add_meetinggroup"), Y, Y, N, N),
    ("edit meeting groups", has_perm("news.change_meetinggroup"), Y, Y, N, N),
    ("delete a meeting group that has no minutes", has_perm("news.delete_meetinggroup"), Y, Y, N, N),
    ("add users", has_perm("auth.add_user"), N, N, N, N),
    ("change users", has_perm("auth.change_user"), N, N, N, N),
    ("change groups", has_perm("auth.change_group"), N, N, N, N),
]


def test_permission_matrix(site_sections):
    users = {group: UserFactory(groups=[group]) for group in GROUP_COLUMNS}
    differences = []
    for action, check, *expected in PERMISSION_MATRIX:
        for group, allowed in zip(GROUP_COLUMNS, expected, strict=True):
            actual = check(users[group], site_sections)
            if actual != allowed:
                differences.append(f"{group} {'can' if actual else 'cannot'} {action} (the table says the opposite)")
    assert differences == []


# The same arrangement as the grants stored in the database, so that a grant
# the matrix has no row for (say, bulk delete) still fails a test. Pages are
# named by their slug ("root" is the top of the tree).
SUGGESTION_TOPICS = {f"suggestions.{action}_suggestiontopic" for action in ("view", "add", "change", "delete")}
OPPORTUNITY_OPTIONS = {
    f"opportunities.{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("opportunitytheme", "opportunityformat")
}
MEETING_GROUPS = {f"news.{action}_meetinggroup" for action in ("view", "add", "change", "delete")}

EXPECTED_GRANTS = {
    EDITORS: {
        "model": {"wagtailadmin.access_admin", *SUGGESTION_TOPICS, *MEETING_GROUPS, *OPPORTUNITY_OPTIONS},
        "page": {"root: add_page", "root: change_page", "news: publish_page"},
        "collection": {"Root: add_image", "Root: choose_image", "Root: add_document", "Root: choose_document"},
    },
    MODERATORS: {
        "model": {
            "wagtailadmin.access_admin",
            "home.change_sitesettings",
            "home.change_footersettings",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "wagtailcore.change_workflow",
            "updates.view_subscriber",
            *SUGGESTION_TOPICS,
            *OPPORTUNITY_OPTIONS,
            *MEETING_GROUPS,
        },
        "page": {
            "root: add_page",
            "root: change_page",
            "root: publish_page",
            "root: lock_page",
            "root: unlock_page",
        },
        "collection": {
            "Root: add_image",
            "Root: change_image",
            "Root: choose_image",
            "Root: add_document",
            "Root: change_document",
            "Root: choose_document",
        },
    },
    INVOLVEMENT_TEAM: {
        "model": {
            "wagtailadmin.access_admin",
            "opportunities.view_expressionofinterest",
            "opportunities.add_expressionofinterest",
            "opportunities.change_expressionofinterest",
            "suggestions.view_suggestion",
            "suggestions.add_suggestion",
            "suggestions.change_suggestion",
            "suggestions.view_surveysubmission",
            "updates.view_subscriber",
            "suggestions.change_privacy_formpage",
            *SUGGESTION_TOPICS,
        },
        "page": set(),
        "collection": set(),
    },
    SERVICE_USER_REVIEWERS: {"model": {"wagtailadmin.access_admin"}, "page": set(), "collection": set()},
}


def stored_grants(group):
    def page_name(page):
        return "root" if page.depth == 1 else page.slug

    return {
        "model": {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")},
        "page": {
            f"{page_name(grant.page)}: {grant.permission.codename}"
            for grant in GroupPagePermission.objects.filter(group=group).select_related("page", "permission")
        },
        "collection": {
            f"{grant.collection.name}: {grant.permission.codename}"
            for grant in GroupCollectionPermission.objects.filter(group=group).select_related(
                "collection", "permission"
            )
        },
    }


def test_stored_grants_are_exactly_the_expected_ones(site_sections):
    assert {group.name: stored_grants(group) for group in Group.objects.filter(name__in=ALL_GROUPS)} == EXPECTED_GRANTS


def test_the_roles_migration_is_idempotent_and_repairs_drift(site_sections):
    migration = importlib.import_module("home.migrations.0003_roles_and_workflows")
    editors = Group.objects.get(name=EDITORS)
    # Drift: someone gave editors publish everywhere and took away editing.
    root = Page.get_first_root_node()
    GroupPagePermission.objects.create(
        group=editors, page=root, permission=Permission.objects.get(codename="publish_page")
    )
    GroupPagePermission.objects.filter(group=editors, page=root, permission__codename="change_page").delete()
    migration.set_roles(django_apps, None)
    migration.set_roles(django_apps, None)
    assert {group.name: stored_grants(group) for group in Group.objects.filter(name__in=ALL_GROUPS)} == EXPECTED_GRANTS
    assert Workflow.objects.filter(name=REVIEW_AND_PUBLISH).count() == 1
    assert Workflow.objects.filter(name=SERVICE_USER_REVIEW).count() == 1


# --- 2. Workflows ---------------------------------------------------------------------


def test_workflows_and_where_they_apply(site_sections):
    review_and_publish = Workflow.objects.get(name=REVIEW_AND_PUBLISH)
    assert [t.specific.name for t in review_and_publish.tasks] == [MODERATOR_APPROVAL_TASK]
    assert [g.name for g in task(MODERATOR_APPROVAL_TASK).groups.all()] == [MODERATORS]
    user_review = Workflow.objects.get(name=SERVICE_USER_REVIEW)
    assert [t.specific.name for t in user_review.tasks] == [SERVICE_USER_REVIEW_TASK, MODERATOR_APPROVAL_TASK]
    assert [g.name for g in task(SERVICE_USER_REVIEW_TASK).groups.all()] == [SERVICE_USER_REVIEWERS]
    # The two approval sections carry the workflow themselves; everything else
    # gets it from the root of the tree (Wagtail's default, renamed).
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == review_and_publish
    for slug in ("policy", "get-involved"):
        assert WorkflowPage.objects.get(page=site_sections.sections[slug]).workflow == review_and_publish
    for slug in ("about", "policy", "get-involved", "news"):
        assert site_sections.pages[slug].get_workflow() == review_and_publish
    assert not Workflow.objects.filter(name="Moderators approval").exists()


@pytest.mark.parametrize("page_fixture", ["policy_page", "opportunity_page"])
def test_an_editors_change_in_an_approval_section_goes_live_only_after_a_moderator_approves(
    request, page_fixture, client, editor, moderator
):
    page = request.getfixturevalue(page_fixture)
    original_title = page.title
    public_url = page.url
    client.force_login(editor)

    # Trying to publish only saves a draft: editors have no publish permission here.
    client.post(edit_url(page), edit_form_data(client, page, title="Changed by an editor", **{"action-publish": "1"}))
    assert live_title(page) == original_title
    assert original_title in client.get(public_url).content.decode()

    response = client.post(
        edit_url(page), edit_form_data(client, page, title="Changed by an editor", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    state = current_task_state(page)
    assert state.task.name == MODERATOR_APPROVAL_TASK
    assert live_title(page) == original_title
    assert "Changed by an editor" not in client.get(public_url).content.decode()
    # The editor cannot approve their own change.
    assert not workflow_action(client, page)

    client.force_login(moderator)
    assert workflow_action(client, page)
    assert live_title(page) == "Changed by an editor"
    assert "Changed by an editor" in client.get(public_url).content.decode()
    assert current_task_state(page) is None


def test_editors_publish_news_directly(client, editor, site_sections):
    page = site_sections.pages["news"]
    client.force_login(editor)
    client.post(edit_url(page), edit_form_data(client, page, title="Open day on Friday", **{"action-publish": "1"}))
    assert live_title(page) == "Open day on Friday"
    assert current_task_state(page) is None


def action_menu_names(html):
    return set(re.findall(r'name="(action-[a-z-]+)"', html))


def test_editors_see_only_publish_in_news_as_the_readme_says(client, editor, site_sections):
    client.force_login(editor)
    news_page, news_section = site_sections.pages["news"], site_sections.sections["news"]
    for html in (
        client.get(edit_url(news_page)).content.decode(),
        client.get(reverse("wagtailadmin_pages:add", args=("home", "standardpage", news_section.pk))).content.decode(),
    ):
        assert "action-publish" in action_menu_names(html)
        assert "action-submit" not in action_menu_names(html)
        assert "Submit to Review and publish" not in html
    # Everywhere else editors still send changes for approval.
    html = client.get(edit_url(site_sections.pages["about"])).content.decode()
    assert "action-submit" in action_menu_names(html)
    assert "action-publish" not in action_menu_names(html)


def test_service_user_reviewers_comment_and_approve_but_cannot_publish(
    client, editor, reviewer, moderator, policy_page
):
    page = policy_page
    client.force_login(reviewer)
    assert client.get(edit_url(page)).status_code == 302  # not theirs to open until it is sent to them
    WorkflowPage.objects.update_or_create(
        page=page, defaults={"workflow": Workflow.objects.get(name=SERVICE_USER_REVIEW)}
    )

    client.force_login(editor)
    client.post(edit_url(page), edit_form_data(client, page, title="Policy, version 5", **{"action-submit": "1"}))
    assert current_task_state(page).task.name == SERVICE_USER_REVIEW_TASK

    assert "Awaiting your review" in dashboard(client, reviewer)
    comment = {
        "contentpath": "title",
        "text": "Could this say 'our promises'?",
        "position": "",
        "id": "",
        "resolved": "",
    }
    data = edit_form_data(client, page)
    data.update(nested_form_data({"comments": comments_formset([comment])}))
    data["action-publish"] = "1"  # ignored: reviewers cannot publish
    client.post(edit_url(page), data)
    assert Comment.objects.filter(page=page, user=reviewer, text__startswith="Could this say").exists()
    assert live_title(page) == "Our involvement policy"

    assert workflow_action(client, page)
    assert current_task_state(page).task.name == MODERATOR_APPROVAL_TASK
    assert live_title(page) == "Our involvement policy"
    assert not workflow_action(client, page)  # the moderators' step is not theirs
    assert client.get(edit_url(page)).status_code == 302  # nor is the editor, any more

    client.force_login(moderator)
    workflow_action(client, page)
    assert live_title(page) == "Policy, version 5"


def test_new_sections_get_their_rules_when_first_published(home_page):
    get_involved = ensure_child_page(
        home_page, StandardPage, "get-involved", title="Get involved", body=stream(paragraph("<p>Hi</p>"))
    )
    news = ensure_child_page(home_page, StandardPage, "news", title="News", body=stream(paragraph("<p>Hi</p>")))
    assert WorkflowPage.objects.get(page=get_involved).workflow.name == REVIEW_AND_PUBLISH
    assert not WorkflowPage.objects.filter(page=news).exists()
    assert GroupPagePermission.objects.filter(
        group__name=EDITORS, page=news, permission__codename="publish_page"
    ).exists()
    # Only sections directly under the home page: a "news" page deeper down is just a page.
    deeper = ensure_child_page(get_involved, StandardPage, "news", title="News", body=stream(paragraph("<p>Hi</p>")))
    assert not GroupPagePermission.objects.filter(page=deeper).exists()


def test_a_missing_workflow_never_stops_a_section_being_published(home_page, caplog):
    Workflow.objects.filter(name=REVIEW_AND_PUBLISH).update(name="Renamed by someone")
    policy = ensure_child_page(home_page, StandardPage, "policy", title="Policy", body=stream(paragraph("<p>x</p>")))
    assert policy.live
    assert "Could not give the new section /home/policy/ its publishing rules." in caplog.text


def test_applying_the_rules_again_changes_nothing_and_keeps_a_moderators_choice(site_sections):
    policy = site_sections.sections["policy"]
    WorkflowPage.objects.filter(page=policy).update(workflow=Workflow.objects.get(name=SERVICE_USER_REVIEW))
    grants = GroupPagePermission.objects.count()
    out = StringIO()
    call_command("apply_publishing_rules", stdout=out)
    assert "(0 change(s))" in out.getvalue()
    assert GroupPagePermission.objects.count() == grants
    assert WorkflowPage.objects.get(page=policy).workflow.name == SERVICE_USER_REVIEW


def test_the_command_attaches_rules_to_sections_that_existed_before(home_page):
    news = StandardPageFactory(parent=home_page, slug="news")  # made without publishing: no signal
    out = StringIO()
    call_command("apply_publishing_rules", stdout=out)
    assert f"Editors can now publish in '{news.title}'" in out.getvalue()
    assert GroupPagePermission.objects.filter(
        group__name=EDITORS, page=news, permission__codename="publish_page"
    ).exists()


def test_a_section_cannot_both_need_approval_and_be_published_by_editors(settings):
    assert check_section_settings(None) == []
    settings.EDITORS_PUBLISH_SECTIONS = ["news", "policy"]
    errors = check_section_settings(None)
    assert [error.id for error in errors] == ["home.E001"]
    assert "policy" in errors[0].msg


def test_demo_content_puts_the_rules_in_place(demo_site):
    policy = demo_site.get_children().get(slug="policy")
    assert WorkflowPage.objects.get(page=policy).workflow.name == REVIEW_AND_PUBLISH


# --- Scheduled publishing -------------------------------------------------------------


def move_time_forward(monkeypatch, days):
    later = timezone.now() + timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: later)


def go_live_in(days):
    return timezone.localtime(timezone.now() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def test_a_scheduled_page_goes_live_when_publish_scheduled_runs(client, moderator, home_page, monkeypatch):
    page = ensure_child_page(home_page, StandardPage, "open-day", title="Open day", body=stream(paragraph("<p>x</p>")))
    page.unpublish()
    client.force_login(moderator)
    data = edit_form_data(client, page, go_live_at=go_live_in(1), **{"action-publish": "1"})
    client.post(edit_url(page), data)
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision is not None
    assert client.get("/open-day/").status_code == 404

    call_command("publish_scheduled", stdout=StringIO())
    assert not Page.objects.get(pk=page.pk).live

    move_time_forward(monkeypatch, 2)
    call_command("publish_scheduled", stdout=StringIO())
    monkeypatch.undo()
    assert Page.objects.get(pk=page.pk).live
    assert client.get("/open-day/").status_code == 200


def test_an_approved_change_with_a_go_live_date_waits_for_it(client, editor, moderator, policy_page, monkeypatch):
    client.force_login(editor)
    data = edit_form_data(client, policy_page, title="Policy from next week", go_live_at=go_live_in(7))
    data["action-submit"] = "1"
    client.post(edit_url(policy_page), data)
    client.force_login(moderator)
    workflow_action(client, policy_page)
    assert live_title(policy_page) == "Our involvement policy"

    move_time_forward(monkeypatch, 8)
    call_command("publish_scheduled", stdout=StringIO())
    monkeypatch.undo()
    assert live_title(policy_page) == "Policy from next week"


# --- 3. Review dates ------------------------------------------------------------------


def review_page(parent, title, days_from_today, owner=None):
    return StandardPageFactory(
        parent=parent, title=title, owner=owner, next_review=timezone.localdate() + timedelta(days=days_from_today)
    )


@pytest.mark.django_db
def test_due_pages_of_every_type_with_review_dates_are_listed_whichever_app_defines_it(home_page):
    from tests.factories.news import LeafletIndexPageFactory, LeafletPageFactory

    leaflets = LeafletIndexPageFactory(parent=home_page)
    LeafletPageFactory(parent=leaflets, title="Leaflet due", next_review=timezone.localdate() - timedelta(days=3))
    review_page(home_page, "Policy due", -1)
    assert [page.title for page in DuePages().all()] == ["Leaflet due", "Policy due"]


def test_due_pages_are_today_or_earlier_most_overdue_first(home_page):
    review_page(home_page, "Due today", 0)
    review_page(home_page, "Overdue", -30)
    review_page(home_page, "Not yet", 1)
    StandardPageFactory(parent=home_page, title="No review date")
    due = DuePages()
    assert [page.title for page in due.all()] == ["Overdue", "Due today"]
    assert due.count() == 2
    assert [due.days_overdue(page) for page in due.all()] == [30, 0]


def test_pages_due_for_review_command_lists_them(home_page, editor):
    review_page(home_page, "Privacy notice", -3, owner=editor)
    review_page(home_page, "Next year", 300)
    out = StringIO()
    call_command("pages_due_for_review", stdout=out)
    output = out.getvalue()
    assert "Privacy notice" in output and "3 day(s) overdue" in output and "owner: editor" in output
    assert "/admin/pages/" in output
    assert "Next year" not in output
    assert "1 page(s) due for review." in output
    assert mail.outbox == []


def test_pages_due_for_review_command_says_when_nothing_is_due(home_page):
    out = StringIO()
    call_command("pages_due_for_review", "--email", stdout=out)
    assert "No pages are due for review." in out.getvalue()
    assert mail.outbox == []


def test_pages_due_for_review_emails_each_owner_their_own_pages(home_page, editor, moderator):
    review_page(home_page, "Privacy notice", -3, owner=editor)
    review_page(home_page, "Accessibility statement", 0, owner=editor)
    review_page(home_page, "Our policy", -1, owner=moderator)
    review_page(home_page, "Nobody's page", -1)
    review_page(home_page, "Not due", 10, owner=editor)
    out = StringIO()
    call_command("pages_due_for_review", "--email", stdout=out)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"editor@example.org", "moderator@example.org"}
    to_editor = by_recipient["editor@example.org"].body
    assert "Privacy notice" in to_editor and "Accessibility statement" in to_editor
    assert "Our policy" not in to_editor and "Not due" not in to_editor
    assert "http://testserver/admin/pages/" in to_editor
    assert by_recipient["editor@example.org"].subject == "2 page(s) on the website are due for review"
    assert "Not emailed (no owner with an email address): Nobody's page" in out.getvalue()


def test_a_failed_email_is_reported_and_the_others_still_go(home_page, editor, moderator, monkeypatch):
    from django.core.management import CommandError

    from home.management.commands import pages_due_for_review

    review_page(home_page, "Privacy notice", -3, owner=editor)
    review_page(home_page, "Our policy", -1, owner=moderator)
    real_send_mail = pages_due_for_review.send_mail

    def send_mail(subject, body, sender, recipients, **kwargs):
        if recipients == ["editor@example.org"]:
            raise OSError("mail server said no")
        return real_send_mail(subject, body, sender, recipients, **kwargs)

    monkeypatch.setattr(pages_due_for_review, "send_mail", send_mail)
    with pytest.raises(CommandError, match="editor@example.org"):
        call_command("pages_due_for_review", "--email", stdout=StringIO(), stderr=StringIO())
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]


# --- 4. Dashboard panels --------------------------------------------------------------


def test_pages_due_for_review_panel_is_for_people_who_edit_pages(client, home_page, editor, moderator):
    involvement_officer = UserFactory(username="involvement", groups=[INVOLVEMENT_TEAM])
    reviewer = UserFactory(username="reviewer", groups=[SERVICE_USER_REVIEWERS])
    review_page(home_page, "Privacy notice", -3)
    review_page(home_page, "Next year", 300)
    for user in (editor, moderator):
        html = dashboard(client, user)
        assert "Pages due for review" in html
        assert "Privacy notice" in html and "3 days overdue" in html
        assert "Next year" not in html
    for user in (involvement_officer, reviewer):
        assert "Pages due for review" not in dashboard(client, user)


def test_pages_due_for_review_panel_is_hidden_when_nothing_is_due(client, home_page, editor):
    review_page(home_page, "Next year", 300)
    assert "Pages due for review" not in dashboard(client, editor)


def test_drafts_awaiting_approval_show_to_moderators_and_to_the_editor_who_sent_them(
    client, editor, moderator, involvement_officer, reviewer, policy_page
):
    """Wagtail's own panels do this; these checks make sure they stay on."""
    client.force_login(editor)
    data = edit_form_data(client, policy_page, title="Policy, version 5", **{"action-submit": "1"})
    client.post(edit_url(policy_page), data)
    moderator_dashboard = dashboard(client, moderator)
    assert "Awaiting your review" in moderator_dashboard and "Policy, version 5" in moderator_dashboard
    editor_dashboard = dashboard(client, editor)
    assert "Your pages and snippets in a workflow" in editor_dashboard
    assert "Awaiting your review" not in editor_dashboard
    for user in (involvement_officer, reviewer):
        html = dashboard(client, user)
        assert "Awaiting your review" not in html and "Policy, version 5" not in html


def add_due_pages(parent, count, start=0):
    for number in range(count):
        review_page(parent, f"Due page {start + number}", -1 - number)


def count_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_pages_due_for_review_panel_query_count_does_not_grow_with_pages(client, home_page, editor):
    def queries_for_due_pages():
        fresh_user = type(editor).objects.get(pk=editor.pk)  # no cached permissions
        with CaptureQueriesContext(connection) as queries:
            DuePages(user=fresh_user).first(10)
        return len(queries)

    add_due_pages(home_page, 10)
    count_queries(client, editor)  # the first visit sets up the user's admin profile
    at_ten, dashboard_at_ten = queries_for_due_pages(), count_queries(client, editor)
    add_due_pages(home_page, 190, start=10)
    assert queries_for_due_pages() == at_ten
    assert count_queries(client, editor) == dashboard_at_ten
    assert "Showing the 10 most overdue of 200." in dashboard(client, editor)


# --- 5. Guardrails --------------------------------------------------------------------


def image_upload(client, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.tests.utils import get_test_image_file

    upload = SimpleUploadedFile("photo.png", get_test_image_file().file.getvalue(), content_type="image/png")
    data = {"title": "Forum meeting", "collection": root_collection().pk, "file": upload, **fields}
    return client.post(reverse("wagtailimages:add"), data)


def test_images_need_a_description_for_their_alt_text(client, editor, home_page):
    Image = get_image_model()
    client.force_login(editor)
    response = image_upload(client, description="")
    assert response.status_code == 200
    assert IMAGE_DESCRIPTION_REQUIRED in response.content.decode()
    assert not Image.objects.filter(title="Forum meeting").exists()

    response = image_upload(client, description="Two forum members talking at the Hub")
    assert response.status_code == 302
    assert Image.objects.get(title="Forum meeting").default_alt_text == "Two forum members talking at the Hub"


def test_every_image_form_requires_the_description():
    form = get_image_form(get_image_model())()
    assert form.fields["description"].required
    assert "alt text" in form.fields["description"].help_text


def test_rich_text_offers_only_h2_to_h4_headings():
    allowed = set(settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]["OPTIONS"]["features"])
    assert {"h2", "h3", "h4"} <= allowed
    assert not allowed & {"h1", "h5", "h6", "image", "embed", "code"}

    def rich_text_blocks(block):
        if isinstance(block, RichTextBlock):
            yield block
        children = getattr(block, "child_blocks", None) or {}
        if isinstance(block, ListBlock):
            children = {"item": block.child_block}
        for child in children.values():
            yield from rich_text_blocks(child)

    for model in project_models():
        for field in model._meta.get_fields():
            if isinstance(field, RichTextField):
                assert set(field.features or allowed) <= allowed, f"{model.__name__}.{field.name}"
            if isinstance(field, StreamField):
                for block in rich_text_blocks(field.stream_block):
                    assert set(block.features or allowed) <= allowed, f"{model.__name__}.{field.name}"


def test_summaries_have_a_length_limit_stated_in_the_help_text():
    summary_names = {"introduction", "summary", "listing_summary"}
    found = 0
    for model in project_page_models():
        for field in model._meta.get_fields():
            if field.name in summary_names and getattr(field, "model", None) is model:
                found += 1
                assert field.max_length, f"{model.__name__}.{field.name} has no length limit"
                assert str(field.max_length) in field.help_text, f"{model.__name__}.{field.name}"
    assert found >= 2


def test_the_accessibility_checker_is_in_the_user_bar(client, editor, home_page):
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert 'id="checker-trigger"' in html and 'id="checker-axe-configuration"' in html
    client.logout()
    assert "checker-trigger" not in client.get("/").content.decode()


def test_no_hook_removes_the_accessibility_checker(rf, editor, home_page):
    from wagtail.admin.userbar import apply_userbar_hooks

    request = rf.get("/")
    request.user = editor
    items = [ContentCheckerItem()]
    apply_userbar_hooks(request, items, home_page)
    assert any(isinstance(item, ContentCheckerItem) for item in items)


def project_models():
    return [model for model in django_apps.get_models() if model._meta.app_label in PROJECT_APPS]


def project_page_models():
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


def declared_by(model, field):
    """The class that declares `field`: a concrete parent (Page, for its
    title), an abstract base (a mixin, or Wagtail's Orderable), or the model."""
    if field.model is not model:
        return field.model
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is not None and meta.abstract and field.name in {f.name for f in meta.local_fields}:
            return base
    return model


# Fields declared in the project that need no help text, as (class, field).
# Keep this short.
HELP_TEXT_EXEMPT = {
    ("InvolvementRecord", "created_at"),  # when a record arrived, filled in automatically
}


def test_every_field_editors_fill_in_has_help_text():
    """Every page type, setting and record in the project's apps, whichever app
    defines it."""
    from modelcluster.fields import ParentalKey

    missing = []
    for model in project_models():
        for field in model._meta.get_fields():
            if not getattr(field, "editable", False) or field.auto_created or not field.concrete:
                continue
            if isinstance(field, ParentalKey):
                continue  # the link to the page an inline panel sits in
            declarer = declared_by(model, field)
            if declarer.__module__.split(".")[0] not in PROJECT_APPS:
                continue  # Wagtail's or Django's field (a page's title, a setting's site)
            if (declarer.__name__, field.name) in HELP_TEXT_EXEMPT:
                continue
            if not str(field.help_text).strip():
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_every_page_type_says_where_it_can_go():
    """Wagtail offers a page type under a parent only if both agree, so a type
    that names its parents can never be put anywhere else."""
    root = Page.get_first_root_node()
    for model in project_page_models():
        assert getattr(model, "parent_page_types", None), f"{model.__name__} does not say where it can go"
        if model is not HomePage:
            assert not model.can_exist_under(root), f"{model.__name__} can be put at the top of the tree"


# --- 6. Demo accounts -----------------------------------------------------------------


def test_setup_site_creates_one_demo_account_per_group_with_passwords_shown_once(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-test-password")
    out = StringIO()
    call_command("setup_site", stdout=out)
    output = out.getvalue()
    expected = {
        "editor": EDITORS,
        "moderator": MODERATORS,
        "involvement": INVOLVEMENT_TEAM,
        "reviewer": SERVICE_USER_REVIEWERS,
    }
    for username, group in expected.items():
        line = next(line for line in output.splitlines() if line.strip().startswith(f"{username} "))
        password = line.split()[1]
        user = authenticate(RequestFactory().post("/admin/login/"), username=username, password=password)
        assert user is not None, username
        assert [g.name for g in user.groups.all()] == [group]
        assert not user.is_superuser and not user.is_staff

    again = StringIO()
    call_command("setup_site", stdout=again)
    assert "The demo accounts already exist; their passwords are unchanged." in again.getvalue()
    assert password not in again.getvalue()


def test_demo_accounts_are_never_made_without_debug(settings):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("setup_site", stdout=StringIO())
    assert not get_user_model().objects.filter(username__in=["editor", "moderator", "involvement", "reviewer"]).exists()
