"""Authors become people with a profile (people.Person); articles also name their medical reviewers.

Each distinct author name becomes one person, with the former "role" as the
affiliation. Their disclosure of conflicts of interest is left for an editor to
state (the profile says "Not yet stated" until then; the form requires it). The
stored revisions of every article are rewritten the same way, so the editor
opens the current draft with its authors in place.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models
from django.utils.text import slugify


def unique_slug(Person, name):
    base = slugify(name)[:90] or "person"
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def person_for(Person, name, role, people):
    if name not in people:
        person = Person.objects.filter(name=name).first()
        if person is None:
            person = Person.objects.create(
                name=name, affiliation=role, slug=unique_slug(Person, name), disclosure_de="", disclosure_en=""
            )
        people[name] = person
    return people[name]


def authors_to_people(apps, schema_editor):
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    Person = apps.get_model("people", "Person")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    people = {}
    # Oldest row first: a name typed in several editions takes the affiliation of the
    # row written first, on every database (an unordered query has no fixed order).
    for author in ArticleAuthor.objects.order_by("pk"):
        author.person = person_for(Person, author.name, author.role, people)
        author.save(update_fields=["person"])
    content_type = ContentType.objects.filter(app_label="articles", model="articlepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        authors = revision.content.get("authors") or []
        if not any("name" in author for author in authors):
            continue
        for author in authors:
            if "name" in author:
                author["person"] = person_for(Person, author.pop("name"), author.pop("role", ""), people).pk
        revision.save(update_fields=["content"])


def people_to_authors(apps, schema_editor):
    """Back: each author row takes its person's name and affiliation again."""
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    for author in ArticleAuthor.objects.select_related("person"):
        author.name, author.role = author.person.name, author.person.affiliation
        author.save(update_fields=["name", "role"])


class Migration(migrations.Migration):
    # PostgreSQL refuses to alter a table with rows changed in the same transaction
    # (pending deferred foreign-key checks), so the steps commit one by one.
    atomic = False

    dependencies = [
        ("articles", "0006_review_dates"),
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="articleauthor",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="authorships",
                to="people.person",
                verbose_name="Person",
            ),
        ),
        migrations.RunPython(authors_to_people, people_to_authors),
        # With a default, so that going back can add the columns again before the names are filled in.
        migrations.AlterField(
            model_name="articleauthor", name="name", field=models.CharField(default="", max_length=200)
        ),
        migrations.AlterField(
            model_name="articleauthor", name="role", field=models.CharField(blank=True, default="", max_length=200)
        ),
        migrations.RemoveField(model_name="articleauthor", name="name"),
        migrations.RemoveField(model_name="articleauthor", name="role"),
        migrations.AlterField(
            model_name="articleauthor",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="authorships",
                to="people.person",
                verbose_name="Person",
            ),
        ),
        migrations.CreateModel(
            name="ArticleReviewer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reviewers", to="articles.articlepage"
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="people.person",
                        verbose_name="Person",
                    ),
                ),
            ],
            options={"ordering": ["sort_order"], "abstract": False},
        ),
    ]
