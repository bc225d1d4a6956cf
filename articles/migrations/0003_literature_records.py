"""Each article's literature list points to shared records (references.Reference).

Every ArticleReference row gets the record with exactly its values (the German and
English editions of an article, which carry the same values, share one), keeping its
page and position, so the numbers stay. Stored page revisions are rewritten the same
way, so that drafts and older revisions still load. Backwards, the values are
copied back from the records.
"""

from django.db import migrations

ROW_FIELDS = ("authors", "et_al", "year", "title", "journal", "volume", "issue", "pages", "doi", "pmid")
EMPTY = {
    "authors": "",
    "et_al": False,
    "year": None,
    "title": "",
    "journal": "",
    "volume": "",
    "issue": "",
    "pages": "",
    "doi": "",
    "pmid": "",
}


def record_fields(values):
    fields = {name: values[name] for name in ROW_FIELDS if name != "journal"}
    fields["container"] = values["journal"]
    return fields


def row_values(record):
    values = {name: getattr(record, name) for name in ROW_FIELDS if name != "journal"}
    values["journal"] = record.container
    return values


def article_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="articles", model="articlepage").first()
    if content_type is None:
        return []
    return Revision.objects.filter(content_type=content_type)


def to_records(apps, schema_editor):
    ArticleReference = apps.get_model("articles", "ArticleReference")
    Reference = apps.get_model("references", "Reference")
    records = {}

    def record(values):
        fields = record_fields(values)
        key = tuple(sorted(fields.items()))
        if key not in records:
            records[key] = Reference.objects.filter(**fields).order_by("pk").first() or Reference.objects.create(
                **fields
            )
        return records[key]

    for row in ArticleReference.objects.order_by("page_id", "sort_order", "pk"):
        row.reference = record({name: getattr(row, name) for name in ROW_FIELDS})
        row.save(update_fields=["reference"])
    for revision in article_revisions(apps):
        entries = revision.content.get("references") or []
        if not entries or all("reference" in entry for entry in entries):
            continue
        revision.content["references"] = [
            {
                "pk": entry.get("pk"),
                "page": entry.get("page"),
                "sort_order": entry.get("sort_order"),
                "reference": record({**EMPTY, **{name: entry[name] for name in ROW_FIELDS if name in entry}}).pk,
            }
            for entry in entries
        ]
        revision.save(update_fields=["content"])


def to_values(apps, schema_editor):
    ArticleReference = apps.get_model("articles", "ArticleReference")
    Reference = apps.get_model("references", "Reference")
    for row in ArticleReference.objects.select_related("reference"):
        for name, value in row_values(row.reference).items():
            setattr(row, name, value)
        row.save()
    for revision in article_revisions(apps):
        entries = revision.content.get("references") or []
        if not any("reference" in entry for entry in entries):
            continue
        records = Reference.objects.in_bulk([entry["reference"] for entry in entries if "reference" in entry])
        revision.content["references"] = [
            {
                "pk": entry.get("pk"),
                "page": entry.get("page"),
                "sort_order": entry.get("sort_order"),
                **row_values(records[entry["reference"]]),
            }
            for entry in entries
            if entry.get("reference") in records
        ]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_reference_link"),
        ("references", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_records, to_values)]
