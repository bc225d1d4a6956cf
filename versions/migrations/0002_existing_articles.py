"""Articles published before the version history began start it with their live revision as version 1."""

from django.db import migrations


def first_versions(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArticleVersion = apps.get_model("versions", "ArticleVersion")
    for page in ArticlePage.objects.filter(live=True, live_revision__isnull=False):
        if not ArticleVersion.objects.filter(page=page).exists():
            ArticleVersion.objects.create(
                page=page,
                revision_id=page.live_revision_id,
                content=page.live_revision.content,
                number=1,
                kind="",
                summary="",
                published_at=page.last_published_at or page.first_published_at or page.live_revision.created_at,
            )


class Migration(migrations.Migration):
    # After authors became people: the copied text must be in the form the article page reads.
    dependencies = [("versions", "0001_initial"), ("articles", "0007_people")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
