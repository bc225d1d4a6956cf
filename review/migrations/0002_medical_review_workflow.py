"""The medical review workflow, its groups and their permissions, so that a fresh install has them.

Draft → medical review → publish: one workflow with one MedicalReviewTask, decided
by the group "Medical reviewers". It is assigned to the root of the page tree, which
holds the home page of every language, so German and English articles (and their
translations) go through the same review; it takes the place of Wagtail's default
"Moderators approval" there.

"Authors" may create and edit pages and submit them for review, but not publish.
"Medical reviewers" may edit (to correct during the review) and approve; approving
publishes, so they need no publish permission either, and nobody of either group
publishes alone. Both may choose people, images and literature records for an
article; medical reviewers also mark machine translations as reviewed.
"""

from django.db import migrations

WORKFLOW = "Medical review"
TASK = "Medical review"
AUTHORS = "Authors"
REVIEWERS = "Medical reviewers"

MODEL_PERMISSIONS = {
    AUTHORS: [
        ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        ("people", "person", "view_person", "Can view person"),
        ("references", "reference", "add_reference", "Can add reference"),
        ("references", "reference", "change_reference", "Can change reference"),
    ],
    REVIEWERS: [
        ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        ("people", "person", "view_person", "Can view person"),
        ("references", "reference", "add_reference", "Can add reference"),
        ("references", "reference", "change_reference", "Can change reference"),
        (
            "translation",
            "sectiontranslation",
            "review_machine_translation",
            "Can mark machine-translated sections as reviewed",
        ),
    ],
}
PAGE_PERMISSIONS = {AUTHORS: ["add_page", "change_page"], REVIEWERS: ["add_page", "change_page"]}
IMAGE_PERMISSIONS = {AUTHORS: ["add_image", "change_image", "choose_image"], REVIEWERS: ["choose_image"]}


def permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename.replace("_", " ")}
    )[0]


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    MedicalReviewTask = apps.get_model("review", "MedicalReviewTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    groups = {}
    for name in (AUTHORS, REVIEWERS):
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(*(permission(apps, *spec) for spec in MODEL_PERMISSIONS[name]))
        if root is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission(apps, "wagtailcore", "page", codename)
                )
        if root_collection is not None:
            for codename in IMAGE_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, "wagtailimages", "image", codename),
                )

    content_type, _ = ContentType.objects.get_or_create(app_label="review", model="medicalreviewtask")
    task = MedicalReviewTask.objects.filter(name=TASK).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=TASK, content_type=content_type, active=True)
    task.groups.add(groups[REVIEWERS])
    workflow = Workflow.objects.filter(name=WORKFLOW).first() or Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    MedicalReviewTask = apps.get_model("review", "MedicalReviewTask")
    Workflow.objects.filter(name=WORKFLOW).delete()
    MedicalReviewTask.objects.filter(name=TASK).delete()
    Group.objects.filter(name__in=[AUTHORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("people", "0002_editor_permissions"),
        ("references", "0002_editor_permissions"),
        ("translation", "0002_section_copied_for_manual_translation"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
