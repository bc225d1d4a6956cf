"""A migration operation that lets Wagtail's Editors and Moderators keep one kind of record.

People, references and specialties are records editors look after in the admin;
each app's migration grants its model's permissions with this one operation, so
the rule (which groups, and that deleting stays with administrators) lives once.
"""

from django.db import migrations

EDITOR_GROUPS = ("Editors", "Moderators")


def grant_to_editors(app_label, model, codenames):
    """``RunPython`` giving EDITOR_GROUPS the permissions ``codenames`` ({codename: name}) on ``app_label.model``.

    Reversed, it takes them back. A delete permission is never among them: a record
    that articles point to is removed by an administrator.
    """

    def grant(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        Group = apps.get_model("auth", "Group")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permissions = [
            Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]
            for codename, name in codenames.items()
        ]
        for group in Group.objects.filter(name__in=EDITOR_GROUPS):
            group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        Group = apps.get_model("auth", "Group")
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        for group in Group.objects.filter(name__in=EDITOR_GROUPS):
            group.permissions.remove(*permissions)

    return migrations.RunPython(grant, revoke)
