"""Wagtail's Editors and Moderators manage the people who write and review articles.

Deleting a person stays with administrators: articles point to people, and a
person still named on an article cannot be deleted anyway.
"""

from django.db import migrations

from core.editor_permissions import grant_to_editors

CODENAMES = {"add_person": "Can add person", "change_person": "Can change person", "view_person": "Can view person"}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_to_editors("people", "person", CODENAMES)]
