"""An existing database migrates forward: literature rows become shared records without losing anything."""

import pytest

from articles.tests.helpers import cno

BEFORE = [("articles", "0001_initial")]
AFTER = [("articles", "0004_article_reference_values_moved")]
ROW_FIELDS = ("authors", "et_al", "year", "title", "journal", "volume", "issue", "pages", "doi", "pmid")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_literature_rows_become_shared_records_in_order_with_every_field_and_revisions_follow(migrate_to):
    german, english = cno("de"), cno("en")
    old = migrate_to(BEFORE).get_model("articles", "ArticleReference")

    def rows(page):
        return [
            {name: getattr(row, name) for name in ROW_FIELDS}
            for row in old.objects.filter(page_id=page.pk).order_by("sort_order", "pk")
        ]

    # As an existing database has them: one row per reference and edition, all fields filled in.
    before = {german.pk: rows(german), english.pk: rows(english)}
    assert len(before[german.pk]) == 11 and before[german.pk] == before[english.pk]
    assert before[german.pk][1]["title"].startswith("Chronic recurrent multifocal osteomyelitis (CRMO): evidence")
    last = old.objects.filter(page_id=english.pk).order_by("sort_order", "pk").last()
    old.objects.filter(pk=last.pk).update(pages="735-49")  # a row that differs between the editions

    new = migrate_to(AFTER)
    entries = new.get_model("articles", "ArticleReference")
    Revision = new.get_model("wagtailcore", "Revision")

    def migrated(page):
        values = []
        for entry in entries.objects.filter(page_id=page.pk).select_related("reference").order_by("sort_order", "pk"):
            record = entry.reference
            values.append({name: getattr(record, "container" if name == "journal" else name) for name in ROW_FIELDS})
        return values, [
            entry.reference_id for entry in entries.objects.filter(page_id=page.pk).order_by("sort_order", "pk")
        ]

    german_values, german_records = migrated(german)
    english_values, english_records = migrated(english)
    assert german_values == before[german.pk]
    assert english_values[-1]["pages"] == "735-49" and english_values[:-1] == before[english.pk][:-1]
    # Identical rows of the two editions share one record; the differing one has its own.
    assert german_records[:-1] == english_records[:-1] and german_records[-1] != english_records[-1]
    latest = Revision.objects.filter(object_id=str(german.pk)).order_by("-pk").first()
    assert [entry["reference"] for entry in latest.content["references"]] == german_records
