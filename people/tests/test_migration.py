"""An existing database migrates forward: author rows become people, shared by both editions, and revisions follow."""

import pytest

from articles.tests.helpers import cno

BEFORE = [("articles", "0006_review_dates")]
AFTER = [("articles", "0007_people")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_author_names_become_people_in_order_shared_by_both_editions_and_the_latest_draft_keeps_them(migrate_to):
    german, english = cno("de"), cno("en")
    old = migrate_to(BEFORE)
    Author = old.get_model("articles", "ArticleAuthor")
    Revision = old.get_model("wagtailcore", "Revision")
    # As an existing database has them: names and roles typed per edition.
    Author.objects.filter(page_id__in=[german.pk, english.pk]).delete()
    Author.objects.create(page_id=german.pk, sort_order=0, name="Erika Muster", role="Universitätsklinikum")
    Author.objects.create(page_id=german.pk, sort_order=1, name="Max Beispiel", role="")
    Author.objects.create(page_id=english.pk, sort_order=0, name="Erika Muster", role="University hospital")
    draft = Revision.objects.filter(object_id=str(english.pk)).order_by("-pk").first()
    draft.content["authors"] = [{"pk": None, "sort_order": 0, "page": english.pk, "name": "Erika Muster", "role": ""}]
    draft.save()

    new = migrate_to(AFTER)
    Author = new.get_model("articles", "ArticleAuthor")
    Person = new.get_model("people", "Person")
    Revision = new.get_model("wagtailcore", "Revision")

    def names(page):
        return [a.person.name for a in Author.objects.filter(page_id=page.pk).order_by("sort_order")]

    assert names(german) == ["Erika Muster", "Max Beispiel"]
    assert names(english) == ["Erika Muster"]
    erika = Person.objects.get(name="Erika Muster")
    assert erika.affiliation == "Universitätsklinikum" and erika.slug == "erika-muster"
    assert erika.disclosure_en == "", "nobody has stated a disclosure for them yet"
    assert Revision.objects.get(pk=draft.pk).content["authors"] == [
        {"pk": None, "sort_order": 0, "page": english.pk, "person": erika.pk}
    ]
