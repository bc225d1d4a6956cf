"""Wagtail's Editors and Moderators work on the literature: they may add, change and import references.

Deleting a record stays with administrators: articles point to records, and a
record still cited cannot be deleted anyway.
"""

from django.db import migrations

from core.editor_permissions import grant_to_editors

CODENAMES = {"add_reference": "Can add reference", "change_reference": "Can change reference"}


class Migration(migrations.Migration):
    dependencies = [
        ("references", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [grant_to_editors("references", "reference", CODENAMES)]
