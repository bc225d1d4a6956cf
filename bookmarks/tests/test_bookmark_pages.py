"""A verified reader bookmarks articles from the article page and from search results, and keeps a list
(/de/merkliste/, /en/bookmarks/) sorted and filtered by collections; everything works without JavaScript."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno, make_article
from bookmarks.models import Bookmark, Collection
from bookmarks.tests.helpers import bookmark_form_action, colleague

pytestmark = pytest.mark.django_db


def bookmark(client, page, action="add", **extra):
    return client.post("/en/bookmarks/article/", {"article": page.pk, "action": action, "next": page.url, **extra})


def list_titles(html):
    return re.findall(r'class="bookmark-title"[^>]*>([^<]+)<', html)


def test_a_verified_reader_bookmarks_an_article_on_its_page_and_sees_it_bookmarked(verified_client):
    page = cno()
    assert bookmark_form_action(verified_client.get(page.url).content.decode()) == "add"
    response = bookmark(verified_client, page)
    assert response.status_code == 302 and response["Location"] == page.url
    html = verified_client.get(page.url).content.decode()
    assert bookmark_form_action(html) == "remove" and "Bookmarked ✓" in html
    bookmark(verified_client, page, action="remove")
    assert bookmark_form_action(verified_client.get(page.url).content.decode()) == "add"
    assert not Bookmark.objects.exists()


def test_one_bookmark_serves_the_german_and_the_english_edition(verified_client):
    bookmark(verified_client, cno("de"))
    german = verified_client.get(cno("de").url).content.decode()
    english = verified_client.get(cno("en").url).content.decode()
    assert "Gemerkt ✓" in german and bookmark_form_action(english) == "remove"
    assert Bookmark.objects.get().translation_key == cno("en").translation_key
    assert list_titles(verified_client.get("/de/merkliste/").content.decode()) == [cno("de").title]
    assert list_titles(verified_client.get("/en/bookmarks/").content.decode()) == [cno("en").title]


def test_the_list_is_in_both_languages_with_a_language_switch(verified_client):
    german = verified_client.get("/de/merkliste/").content.decode()
    english = verified_client.get("/en/bookmarks/").content.decode()
    assert "<h1>Merkliste</h1>" in german and "Sortieren nach" in german and 'href="/en/' in german
    assert "<h1>My bookmarks</h1>" in english and "Sort by" in english and 'href="/de/' in english
    assert "Sie haben sich noch keinen Artikel gemerkt" in german


def test_the_list_is_sorted_by_date_added_or_by_title(verified_client):
    zebra, alpha = make_article("Zebra syndrome", lang="en"), make_article("Alpha disease", lang="en")
    bookmark(verified_client, zebra)
    bookmark(verified_client, alpha)
    assert list_titles(verified_client.get("/en/bookmarks/").content.decode()) == ["Alpha disease", "Zebra syndrome"]
    assert list_titles(verified_client.get("/en/bookmarks/?sort=added").content.decode())[0] == "Alpha disease"
    by_title = verified_client.get("/en/bookmarks/?sort=title").content.decode()
    assert list_titles(by_title) == ["Alpha disease", "Zebra syndrome"]
    Bookmark.objects.filter(title="Alpha disease").update(created_at="2020-01-01T00:00:00Z")
    assert list_titles(verified_client.get("/en/bookmarks/").content.decode()) == ["Zebra syndrome", "Alpha disease"]
    assert list_titles(verified_client.get("/en/bookmarks/?sort=title").content.decode()) == [
        "Alpha disease",
        "Zebra syndrome",
    ]


def test_an_unknown_sort_order_gets_a_message_and_the_newest_first(verified_client):
    bookmark(verified_client, cno())
    response = verified_client.get("/en/bookmarks/?sort=<script>")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Unknown sort order; the list is shown newest first." in html and "<script>" not in html.split("<main")[1]
    assert list_titles(html) == [cno().title]
    german = verified_client.get("/de/merkliste/?sort=popular").content.decode()
    assert "Unbekannte Sortierung" in german


def test_the_list_is_filtered_by_collection(verified_client, verified_user):
    reading = Collection.objects.create(reader=verified_user, name="Reading")
    other = make_article("Other disease", lang="en")
    bookmark(verified_client, cno(), collection=reading.pk)
    bookmark(verified_client, other)
    assert list_titles(verified_client.get(f"/en/bookmarks/?collection={reading.pk}").content.decode()) == [cno().title]
    assert list_titles(verified_client.get("/en/bookmarks/?collection=none").content.decode()) == ["Other disease"]
    unknown = verified_client.get("/en/bookmarks/?collection=999999")
    assert unknown.status_code == 400 and "There is no such collection" in unknown.content.decode()
    assert len(list_titles(unknown.content.decode())) == 2


def test_a_bookmark_is_moved_between_collections_and_removed_from_the_list(verified_client, verified_user):
    reading = Collection.objects.create(reader=verified_user, name="Reading")
    bookmark(verified_client, cno())
    mark = Bookmark.objects.get()
    assert (
        verified_client.post(f"/en/bookmarks/{mark.pk}/", {"action": "move", "collection": reading.pk}).status_code
        == 302
    )
    mark.refresh_from_db()
    assert mark.collection == reading
    verified_client.post(f"/en/bookmarks/{mark.pk}/", {"action": "move", "collection": ""})
    mark.refresh_from_db()
    assert mark.collection is None
    verified_client.post(f"/en/bookmarks/{mark.pk}/", {"action": "remove"})
    assert not Bookmark.objects.exists()


def test_collections_are_created_renamed_and_deleted_and_their_bookmarks_stay(verified_client, verified_user):
    response = verified_client.post("/de/merkliste/collections/", {"name": "  Sepsis  "}, follow=True)
    assert "Die Sammlung wurde angelegt." in response.content.decode()
    collection = Collection.objects.get(reader=verified_user)
    assert collection.name == "Sepsis"
    bookmark(verified_client, cno(), collection=collection.pk)
    verified_client.post(f"/en/bookmarks/collections/{collection.pk}/rename/", {"name": "Sepsis and shock"})
    collection.refresh_from_db()
    assert collection.name == "Sepsis and shock"
    assert "Sepsis and shock" in verified_client.get("/en/bookmarks/").content.decode()
    verified_client.post(f"/en/bookmarks/collections/{collection.pk}/delete/")
    assert not Collection.objects.exists()
    assert Bookmark.objects.get().collection is None


def test_a_collection_name_of_ten_thousand_characters_is_refused_and_changes_nothing(verified_client, verified_user):
    response = verified_client.post("/en/bookmarks/collections/", {"name": "x" * 10_000})
    assert response.status_code == 400
    assert "at most 100 characters (it has 10000)" in response.content.decode()
    german = verified_client.post("/de/merkliste/collections/", {"name": "x" * 101}).content.decode()
    assert "höchstens 100 Zeichen" in german
    empty = verified_client.post("/en/bookmarks/collections/", {"name": "   "})
    assert empty.status_code == 400 and "Please enter a name for the collection." in empty.content.decode()
    assert not Collection.objects.exists()


def test_a_collection_name_is_unique_per_reader_ignoring_case(verified_client, verified_user, django_user_model):
    Collection.objects.create(reader=colleague(django_user_model), name="Sepsis")
    assert verified_client.post("/en/bookmarks/collections/", {"name": "Sepsis"}).status_code == 302
    twin = verified_client.post("/en/bookmarks/collections/", {"name": "sepsis"})
    assert twin.status_code == 400 and "You already have a collection with this name." in twin.content.decode()
    other = Collection.objects.create(reader=verified_user, name="Shock")
    renamed = verified_client.post(f"/en/bookmarks/collections/{other.pk}/rename/", {"name": "SEPSIS"})
    assert renamed.status_code == 400 and "You already have a collection with this name." in renamed.content.decode()
    other.refresh_from_db()
    assert other.name == "Shock" and Collection.objects.filter(reader=verified_user).count() == 2


def test_an_unknown_article_or_bad_input_is_refused_with_a_message_and_changes_nothing(verified_client):
    for data, status, message in [
        ({"article": 2**31 - 1, "action": "add"}, 404, "There is no such article."),
        ({"article": "x" * 1000, "action": "add"}, 400, "Enter a whole number."),
        ({"article": 10**30, "action": "add"}, 400, "less than or equal to"),
        ({"action": "add"}, 400, "Which article?"),
        ({"article": cno().pk, "action": "delete-everything"}, 400, "Select a valid choice."),
    ]:
        response = verified_client.post("/en/bookmarks/article/", data)
        assert response.status_code == status and message in response.content.decode()
    assert not Bookmark.objects.exists()


def test_another_readers_collection_and_bookmark_cannot_be_used(verified_client, django_user_model):
    cem = colleague(django_user_model)
    theirs = Collection.objects.create(reader=cem, name="Cem's")
    their_mark = Bookmark.objects.create(reader=cem, translation_key=cno().translation_key, title="CNO syndrome")
    response = bookmark(verified_client, cno(), collection=theirs.pk)
    assert response.status_code == 400 and "There is no such collection." in response.content.decode()
    assert not Bookmark.objects.exclude(pk=their_mark.pk).exists()
    assert verified_client.post(f"/en/bookmarks/{their_mark.pk}/", {"action": "remove"}).status_code == 404
    assert verified_client.post(f"/en/bookmarks/collections/{theirs.pk}/rename/", {"name": "Mine"}).status_code == 404
    assert verified_client.post(f"/en/bookmarks/collections/{theirs.pk}/delete/").status_code == 404
    assert verified_client.get(f"/en/bookmarks/?collection={theirs.pk}").status_code == 400
    assert Bookmark.objects.filter(pk=their_mark.pk).exists() and Collection.objects.get(pk=theirs.pk).name == "Cem's"


def test_an_unpublished_article_is_named_in_the_list_without_a_link_or_its_text(verified_client):
    page = make_article("Withdrawn disease", lang="en", text="WITHDRAWNTEXT")
    bookmark(verified_client, page)
    page.unpublish()
    html = verified_client.get("/en/bookmarks/").content.decode()
    assert "Withdrawn disease" in html and "No longer available" in html
    assert page.url_path not in html and "WITHDRAWNTEXT" not in html and "withdrawn-disease/" not in html
    assert "Nicht mehr verfügbar" in verified_client.get("/de/merkliste/").content.decode()
    page.delete()
    assert "No longer available" in verified_client.get("/en/bookmarks/").content.decode()
    mark = Bookmark.objects.get()
    verified_client.post(f"/en/bookmarks/{mark.pk}/", {"action": "remove"})
    assert not Bookmark.objects.exists()


def test_the_way_back_after_bookmarking_never_leads_to_another_site(verified_client):
    response = bookmark(verified_client, cno(), next="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == "/en/bookmarks/"


def test_a_missing_or_forged_csrf_token_is_refused_and_changes_nothing(verified_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user)
    client.get(cno().url)
    forged = {"article": cno().pk, "action": "add", "csrfmiddlewaretoken": "x" * 64}
    assert client.post("/en/bookmarks/article/", forged).status_code == 403
    assert client.post("/en/bookmarks/collections/", {"name": "Sepsis"}).status_code == 403
    assert not Bookmark.objects.exists() and not Collection.objects.exists()


@pytest.mark.parametrize("kind", ["anonymous", "proof_missing", "under_review", "rejected", "expired"])
def test_readers_who_are_not_verified_get_the_gate_and_change_nothing(kind, reader, client):
    user = reader(kind)
    if user is not None:
        client.force_login(user)
    html = client.get(cno().url).content.decode()
    assert bookmark_form_action(html) is None
    listing = client.get("/en/bookmarks/")
    assert listing.status_code == 200 and 'class="gate' in listing.content.decode()
    assert 'class="bookmark-list"' not in listing.content.decode()
    assert bookmark(client, cno()).status_code == 403
    assert client.post("/en/bookmarks/collections/", {"name": "Mine"}).status_code == 403
    assert not Bookmark.objects.exists() and not Collection.objects.exists()


def test_search_results_carry_a_bookmark_button_for_verified_readers_only(verified_client):
    bookmark(verified_client, cno())
    html = verified_client.get("/en/search/?q=CNO").content.decode()
    results = html.split('class="search-results"', 1)[1]
    assert 'Bookmarked ✓<span class="visually-hidden">: CNO syndrome' in results
    response = verified_client.post(
        "/en/bookmarks/article/", {"article": cno().pk, "action": "remove", "next": "/en/search/?q=CNO"}
    )
    assert response["Location"] == "/en/search/?q=CNO"
    assert not Bookmark.objects.exists()
    assert "bookmark-form" not in Client().get("/en/search/?q=CNO").content.decode()


def test_the_account_menu_leads_to_the_bookmarks(verified_client):
    assert (
        '<a class="bookmarks-link" href="/de/merkliste/">Merkliste</a>' in verified_client.get("/de/").content.decode()
    )
    assert (
        '<a class="bookmarks-link" href="/en/bookmarks/">My bookmarks</a>'
        in verified_client.get("/en/").content.decode()
    )


def test_collection_names_differing_only_in_the_case_of_an_umlaut_are_one_name(verified_client, verified_user):
    verified_client.post("/de/merkliste/collections/", {"name": "Ärzte"})
    twin = verified_client.post("/de/merkliste/collections/", {"name": "ärzte"})
    assert twin.status_code == 400 and "Sie haben bereits eine Sammlung mit diesem Namen." in twin.content.decode()
    assert list(Collection.objects.values_list("name", flat=True)) == ["Ärzte"]


def test_an_article_behind_a_view_restriction_cannot_be_bookmarked(verified_client, verified_user):
    page = make_article("Restricted disease", lang="en")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS).groups.set(
        [Group.objects.create(name="Nobody")]
    )
    response = bookmark(verified_client, page)
    assert response.status_code == 404 and "There is no such article." in response.content.decode()
    assert not Bookmark.objects.exists()
    # A bookmark made before the restriction: named, never linked or kept offline.
    Bookmark.objects.create(reader=verified_user, translation_key=page.translation_key, title="Restricted disease")
    html = verified_client.get("/en/bookmarks/").content.decode()
    assert "No longer available" in html and page.url not in html
    assert verified_client.get("/api/v1/me/offline").json()["articles"] == []
