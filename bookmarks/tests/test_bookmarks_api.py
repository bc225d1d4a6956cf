"""/api/v1/me/bookmarks and /api/v1/me/collections: the same operations as the pages, as JSON, in the OpenAPI document."""

import json

import pytest
from django.test import Client

from articles.tests.helpers import cno, make_article
from bookmarks.models import Bookmark, Collection
from bookmarks.tests.helpers import colleague

pytestmark = pytest.mark.django_db


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def patch(client, path, body):
    return client.patch(path, json.dumps(body), content_type="application/json")


def test_a_verified_reader_lists_adds_moves_and_removes_bookmarks(verified_client):
    created = post(verified_client, "/api/v1/me/bookmarks", {"article": cno("de").pk})
    assert created.status_code == 200
    mark = created.json()
    assert mark["title"] == cno("de").title and mark["url"] == cno("de").url and mark["available"]
    listed = verified_client.get("/api/v1/me/bookmarks?lang=en").json()
    assert listed["count"] == 1 and listed["results"][0]["url"] == cno("en").url
    collection = post(verified_client, "/api/v1/me/collections", {"name": "Bone"}).json()
    moved = patch(verified_client, f"/api/v1/me/bookmarks/{mark['id']}", {"collection": collection["id"]})
    assert moved.status_code == 200 and moved.json()["collection"] == collection["id"]
    filtered = verified_client.get(f"/api/v1/me/bookmarks?collection={collection['id']}").json()
    assert filtered["count"] == 1
    assert verified_client.delete(f"/api/v1/me/bookmarks/{mark['id']}").json() == {"deleted": True}
    assert verified_client.get("/api/v1/me/bookmarks").json() == {"count": 0, "results": []}


def test_the_api_sorts_by_title_and_refuses_an_unknown_order(verified_client):
    for title in ("Zebra syndrome", "Alpha disease"):
        post(verified_client, "/api/v1/me/bookmarks", {"article": make_article(title, lang="en").pk})
    titles = [r["title"] for r in verified_client.get("/api/v1/me/bookmarks?sort=title").json()["results"]]
    assert titles == ["Alpha disease", "Zebra syndrome"]
    refused = verified_client.get("/api/v1/me/bookmarks?sort=popular")
    assert refused.status_code == 400 and refused.json()["details"][0]["field"] == "sort"


def test_collections_are_created_renamed_and_deleted(verified_client):
    created = post(verified_client, "/api/v1/me/collections", {"name": "Sepsis"})
    assert created.status_code == 200
    pk = created.json()["id"]
    assert patch(verified_client, f"/api/v1/me/collections/{pk}", {"name": "Shock"}).json()["name"] == "Shock"
    assert [c["name"] for c in verified_client.get("/api/v1/me/collections").json()] == ["Shock"]
    assert verified_client.delete(f"/api/v1/me/collections/{pk}").status_code == 200
    assert not Collection.objects.exists()


def test_bad_input_gets_a_400_with_a_message_and_changes_nothing(verified_client, verified_user):
    Collection.objects.create(reader=verified_user, name="Sepsis")
    long = post(verified_client, "/api/v1/me/collections", {"name": "x" * 10_000})
    assert long.status_code == 400
    assert long.json()["details"] == [
        {"field": "name", "message": "A collection name can have at most 100 characters (it has 10000)."}
    ]
    twin = post(verified_client, "/api/v1/me/collections", {"name": "SEPSIS"})
    assert twin.status_code == 400 and twin.json()["error"] == "You already have a collection with this name."
    assert post(verified_client, "/api/v1/me/collections", {"name": ["a"]}).status_code == 400
    assert post(verified_client, "/api/v1/me/bookmarks", {"article": "cno"}).status_code == 400
    assert post(verified_client, "/api/v1/me/bookmarks", {"article": 10**30}).status_code == 400
    unknown = post(verified_client, "/api/v1/me/bookmarks", {"article": 2**31 - 1})
    assert unknown.status_code == 404 and unknown.json()["error"] == "There is no such article."
    assert verified_client.post("/api/v1/me/bookmarks", b"{", content_type="application/json").status_code == 400
    assert verified_client.delete("/api/v1/me/bookmarks/99999999999999999999").status_code in (400, 404)
    assert Collection.objects.count() == 1 and not Bookmark.objects.exists()


def test_another_readers_bookmarks_and_collections_answer_404_and_stay(verified_client, django_user_model):
    cem = colleague(django_user_model)
    theirs = Collection.objects.create(reader=cem, name="Cem's")
    their_mark = Bookmark.objects.create(reader=cem, translation_key=cno().translation_key, title="CNO")
    assert verified_client.get("/api/v1/me/bookmarks").json()["count"] == 0
    assert verified_client.get("/api/v1/me/collections").json() == []
    assert verified_client.delete(f"/api/v1/me/bookmarks/{their_mark.pk}").status_code == 404
    assert patch(verified_client, f"/api/v1/me/bookmarks/{their_mark.pk}", {"collection": None}).status_code == 404
    assert patch(verified_client, f"/api/v1/me/collections/{theirs.pk}", {"name": "Mine"}).status_code == 404
    assert verified_client.delete(f"/api/v1/me/collections/{theirs.pk}").status_code == 404
    assert verified_client.get(f"/api/v1/me/bookmarks?collection={theirs.pk}").status_code == 404
    added = post(verified_client, "/api/v1/me/bookmarks", {"article": cno().pk, "collection": theirs.pk})
    assert added.status_code == 404
    assert Bookmark.objects.filter(reader=cem).count() == 1 and Collection.objects.get(pk=theirs.pk).name == "Cem's"
    assert Bookmark.objects.count() == 1


@pytest.mark.parametrize("kind", ["anonymous", "proof_missing", "rejected", "expired"])
def test_readers_who_are_not_verified_are_refused_and_see_nothing(kind, reader, client):
    user = reader(kind)
    if user is not None:
        client.force_login(user)
    status = 401 if user is None else 403
    for response in (
        client.get("/api/v1/me/bookmarks"),
        client.get("/api/v1/me/collections"),
        client.get("/api/v1/me/offline"),
        post(client, "/api/v1/me/bookmarks", {"article": cno().pk}),
        post(client, "/api/v1/me/collections", {"name": "Mine"}),
    ):
        assert response.status_code == status and "results" not in response.json()
    assert not Bookmark.objects.exists() and not Collection.objects.exists()


def test_writes_need_the_csrf_token_of_the_session(verified_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user)
    response = post(client, "/api/v1/me/bookmarks", {"article": cno().pk})
    assert response.status_code == 403 and "CSRF" in response.json()["error"]
    assert client.delete("/api/v1/me/collections/1").status_code == 403
    assert not Bookmark.objects.exists()


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/me/bookmarks"]) == {"get", "post"}
    assert set(paths["/api/v1/me/bookmarks/{bookmark_id}"]) == {"patch", "delete"}
    assert set(paths["/api/v1/me/collections"]) == {"get", "post"}
    assert set(paths["/api/v1/me/collections/{collection_id}"]) == {"patch", "delete"}
    assert set(paths["/api/v1/me/offline"]) == {"get"}
    assert {"401", "403"} <= set(paths["/api/v1/me/bookmarks"]["post"]["responses"])
