"""Wagtail's Editors and Moderators keep the list of specialties.

Deleting a specialty stays with administrators: it would take the articles filed
under it off its page, and an article may then be left without any specialty.
"""

from django.db import migrations

from core.editor_permissions import grant_to_editors

CODENAMES = {
    "add_specialty": "Can add specialty",
    "change_specialty": "Can change specialty",
    "view_specialty": "Can view specialty",
}


class Migration(migrations.Migration):
    dependencies = [
        ("specialties", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_to_editors("specialties", "specialty", CODENAMES)]
