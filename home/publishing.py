"""Publishing rules that hang on particular sections of the site.

Page permissions and workflows attach to pages, and sections such as
/get-involved/ and /news/ are created by the demo loader or by staff, not by
migrations. So the rules name sections by their slug under the home page, in
settings, and are applied:

- whenever a page directly under the home page is published (the signal
  below), so a section gets its rules the moment it goes live;
- by `load_demo_content`, and by `manage.py apply_publishing_rules` for a
  database whose sections existed before these rules did.

Applying them only ever adds what is missing, so it is safe to repeat, and it
never overrides a workflow that a moderator chose for a section.

WORKFLOW_SECTIONS: changes go through "Review and publish" (moderator
approval). The same workflow also sits on the root of the page tree, so every
page editors cannot publish themselves goes to a moderator; naming these
sections keeps the rule on them even if the root's workflow is changed.

EDITORS_PUBLISH_SECTIONS: editors publish directly (news). In Wagtail anyone
with publish permission may skip a workflow, so a section cannot be in both.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage
from wagtail.signals import page_published

from .groups import EDITORS, REVIEW_AND_PUBLISH

logger = logging.getLogger(__name__)


def workflow_sections():
    return set(settings.WORKFLOW_SECTIONS)


def editors_publish_sections():
    return set(settings.EDITORS_PUBLISH_SECTIONS)


def apply_section_rules(section):
    """Give one page directly under the home page the rules its slug calls
    for. Returns a list of what changed, for the command's report."""
    changes = []
    where = f"'{section.title}' ({section.get_url() or section.url_path})"
    if section.slug in workflow_sections():
        workflow = Workflow.objects.filter(name=REVIEW_AND_PUBLISH, active=True).first()
        if workflow is None:
            raise Workflow.DoesNotExist(f"No enabled workflow is called '{REVIEW_AND_PUBLISH}' (Settings > Workflows).")
        _, created = WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
        if created:
            changes.append(f"{where} now goes through '{workflow.name}'.")
    if section.slug in editors_publish_sections():
        publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
        _, created = GroupPagePermission.objects.get_or_create(
            group=Group.objects.get(name=EDITORS), page=section, permission=publish
        )
        if created:
            changes.append(f"Editors can now publish in {where} directly.")
    return changes


def sections_under(home_page):
    slugs = workflow_sections() | editors_publish_sections()
    return Page.objects.child_of(home_page).filter(slug__in=slugs)


def apply_publishing_rules(home_pages=None):
    """Apply the section rules under every home page (or the ones given)."""
    from .models import HomePage

    changes = []
    for home_page in home_pages or HomePage.objects.all():
        for section in sections_under(home_page):
            changes += apply_section_rules(section)
    return changes


@receiver(page_published)
def apply_rules_to_new_section(sender, instance, **kwargs):
    # Cheap test first: publishing happens all day; sections are rare.
    if instance.slug not in workflow_sections() | editors_publish_sections():
        return
    from .models import HomePage

    parent = instance.get_parent()
    if parent is None or not issubclass(parent.specific_class, HomePage):
        return
    try:
        changes = apply_section_rules(instance)
    except Workflow.DoesNotExist:
        # Never stop a page being published; say loudly what is missing.
        logger.exception("Could not give the new section %s its publishing rules.", instance.url_path)
        return
    for change in changes:
        logger.info(change)


@checks.register()
def check_section_settings(app_configs, **kwargs):
    both = workflow_sections() & editors_publish_sections()
    if not both:
        return []
    return [
        checks.Error(
            f"Sections {sorted(both)} are in both WORKFLOW_SECTIONS and EDITORS_PUBLISH_SECTIONS.",
            hint="Editors who may publish a section skip its workflow; choose one for each section.",
            id="home.E001",
        )
    ]


def editors_publish_section_of(page):
    """The EDITORS_PUBLISH_SECTIONS section (a page directly under a home page)
    that `page` is, or is inside; None when it is in no such section."""
    from .models import HomePage

    if page is None or not page.pk:
        return None
    candidates = Page.objects.ancestor_of(page, inclusive=True).filter(slug__in=editors_publish_sections())
    for section in candidates:
        parent = section.get_parent()
        if parent is not None and issubclass(parent.specific_class, HomePage):
            return section
    return None


def can_publish_here(user, page, parent_page):
    """Whether `user` may publish the page being edited (or created under `parent_page`)."""
    if page is not None and page.pk:
        return page.permissions_for_user(user).can_publish()
    return parent_page is not None and parent_page.permissions_for_user(user).can_publish_subpage()


def publishes_without_workflow(user, page, parent_page):
    """True where editors simply publish: a section in EDITORS_PUBLISH_SECTIONS,
    for someone allowed to publish there. Wagtail would still offer "Submit to
    Review and publish", because the root of the tree carries that workflow;
    offering both is a choice the README says editors never have to make."""
    section = editors_publish_section_of(page if page is not None and page.pk else parent_page)
    return section is not None and can_publish_here(user, page, parent_page)
