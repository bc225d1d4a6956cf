"""The home page moves from the app ``core`` to its own app ``home``.

Nothing changes in the database but the name its content type is filed under: the
table stays ``core_homepage`` (``Meta.db_table``), and the page rows keep pointing at
the same content type row, which now names ``home.homepage``. Pages, their revisions
and the permissions on home pages therefore stay as they were.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def file_under(app_label, other_app_label):
    """Move the content type of the home page from ``other_app_label`` to ``app_label``."""

    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Page = apps.get_model("wagtailcore", "Page")
        old = ContentType.objects.filter(app_label=other_app_label, model="homepage").first()
        if old is None:  # a fresh database: the content type is created after migrating
            return
        new = ContentType.objects.filter(app_label=app_label, model="homepage").first()
        if new is None:
            old.app_label = app_label
            old.save(update_fields=["app_label"])
            return
        # Both exist (the content types were created in between): the pages and their
        # revisions move to the new one.
        Page.objects.filter(content_type=old).update(content_type=new)
        Revision = apps.get_model("wagtailcore", "Revision")
        Revision.objects.filter(content_type=old).update(content_type=new)
        Revision.objects.filter(base_content_type=old).update(base_content_type=new)
        old.delete()

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Home page",
                        "db_table": "core_homepage",
                    },
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(file_under("home", "core"), file_under("core", "home")),
    ]
