"""What each staff group may do, and the approval workflows.

Pages: permissions on the tree's root (which every database has) cover every
page. Editors add and edit everywhere but publish nowhere here; they publish
the news section directly through a permission attached to that page when it
exists (home.publishing). Moderators add, edit, publish and lock everywhere.

Workflows: "Review and publish" (one step, approved by Moderators) is
Wagtail's default "Moderators approval" workflow on the root, renamed, so any
change an editor cannot publish goes to a moderator. "Service user review" puts a step
for the Service user reviewers group before the moderators' step; moderators
assign it to the pages they want reviewed.

Images and documents: replacing or deleting a file changes every live page
that uses it, without approval, so editors upload and choose files and edit
only their own uploads; moderators edit any.

Values are written out here rather than imported so that this migration keeps
meaning what it meant when it was written.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
INVOLVEMENT_TEAM = "Involvement team"
SERVICE_USER_REVIEWERS = "Service user reviewers"
GROUPS = (EDITORS, MODERATORS, INVOLVEMENT_TEAM, SERVICE_USER_REVIEWERS)

ROOT_PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page"),
    MODERATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    INVOLVEMENT_TEAM: (),
    SERVICE_USER_REVIEWERS: (),
}

ROOT_COLLECTION_PERMISSIONS = {
    EDITORS: ("add_image", "choose_image", "add_document", "choose_document"),
    MODERATORS: (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ),
    INVOLVEMENT_TEAM: (),
    SERVICE_USER_REVIEWERS: (),
}

MEDIA_MODELS = {"image": ("wagtailimages", "image"), "document": ("wagtaildocs", "document")}

# Model permissions added to a group (never a full replacement, so that the
# feature apps' own migrations can add theirs before or after this one).
MODEL_PERMISSIONS = {
    MODERATORS: (
        ("home", "sitesettings", "change_sitesettings"),
        ("home", "footersettings", "change_footersettings"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
        ("wagtailcore", "workflow", "change_workflow"),
    ),
}

REVIEW_AND_PUBLISH = "Review and publish"
SERVICE_USER_REVIEW = "Service user review"
MODERATOR_APPROVAL_TASK = "Moderators approval"
SERVICE_USER_REVIEW_TASK = "Service user review"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    try:
        label = apps.get_model(app_label, model)._meta.verbose_name
    except LookupError:
        label = model
    action = codename.split("_", 1)[0]
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {label}"}
    )
    return found


def set_page_permissions(apps, groups, root):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, codenames in ROOT_PAGE_PERMISSIONS.items():
        group = groups[name]
        wanted = [permission(apps, "wagtailcore", "page", codename) for codename in codenames]
        GroupPagePermission.objects.filter(group=group, page=root).exclude(permission__in=wanted).delete()
        for perm in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)


def set_media_permissions(apps, groups):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for name, codenames in ROOT_COLLECTION_PERMISSIONS.items():
        group = groups[name]
        media_permissions = []
        for kind, (app_label, model) in MEDIA_MODELS.items():
            for action in ("add", "change", "delete", "choose"):
                media_permissions.append(permission(apps, app_label, model, f"{action}_{kind}"))
        # Wagtail checks image and document permissions per collection; the
        # old group-wide copies of them are unused, so remove them to leave
        # one source of truth.
        group.permissions.remove(*media_permissions)
        wanted = [perm for perm in media_permissions if perm.codename in codenames]
        GroupCollectionPermission.objects.filter(group=group, permission__in=media_permissions).exclude(
            collection=root_collection, permission__in=wanted
        ).delete()
        for perm in wanted:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=perm)


def add_model_permissions(apps, groups):
    for name, specs in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(permission(apps, *spec) for spec in specs))


def approval_task(apps, name, group):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=name, content_type=content_type, active=True)
    task.groups.set([group])
    return task


def workflow(apps, name, tasks, replaces=None):
    """The named workflow with exactly these steps, made from the workflow
    called `replaces` (renamed) when there is one, else created."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    found = Workflow.objects.filter(name=name).first()
    if found is None and replaces:
        found = Workflow.objects.filter(name=replaces).first()
    if found is None:
        found = Workflow.objects.create(name=name, active=True)
    found.name, found.active = name, True
    found.save()
    WorkflowTask.objects.filter(workflow=found).exclude(task__in=tasks).delete()
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=found, task=task, defaults={"sort_order": order})
    return found


def set_workflows(apps, groups, root):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    moderation = approval_task(apps, MODERATOR_APPROVAL_TASK, groups[MODERATORS])
    user_review = approval_task(apps, SERVICE_USER_REVIEW_TASK, groups[SERVICE_USER_REVIEWERS])
    # Wagtail's default workflow is the same single moderators' step on the
    # root, under a less telling name: it becomes "Review and publish".
    review_and_publish = workflow(apps, REVIEW_AND_PUBLISH, [moderation], replaces=WAGTAIL_DEFAULT_WORKFLOW)
    workflow(apps, SERVICE_USER_REVIEW, [user_review, moderation])
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": review_and_publish})


def set_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}
    root = Page.objects.get(depth=1)
    set_page_permissions(apps, groups, root)
    set_media_permissions(apps, groups)
    add_model_permissions(apps, groups)
    set_workflows(apps, groups, root)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Reversing leaves the permissions in place: removing them could lock
    # staff out of work in progress, and 0002's reversal removes the groups.
    operations = [migrations.RunPython(set_roles, migrations.RunPython.noop)]
