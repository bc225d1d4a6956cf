"""A reader's bookmarks and collections are in their data export and go with their account."""

import json

import pytest

from articles.tests.helpers import cno
from bookmarks.models import Bookmark, Collection
from bookmarks.tests.helpers import colleague

pytestmark = pytest.mark.django_db


def test_the_data_export_lists_the_reader_s_bookmarks_and_collections_only(
    verified_client, verified_user, django_user_model
):
    reading = Collection.objects.create(reader=verified_user, name="Reading")
    Bookmark.objects.create(
        reader=verified_user, translation_key=cno().translation_key, title="CNO syndrome", collection=reading
    )
    cem = colleague(django_user_model)
    Collection.objects.create(reader=cem, name="Cem's secret list")
    data = json.loads(verified_client.get("/en/accounts/professional/export/").content)
    assert data["bookmarks"]["collections"][0]["name"] == "Reading"
    assert data["bookmarks"]["bookmarks"] == [
        {
            "title": "CNO syndrome",
            "article": str(cno().translation_key),
            "collection": "Reading",
            "created_at": Bookmark.objects.get().created_at.isoformat(),
        }
    ]
    assert "Cem's secret list" not in json.dumps(data)
    assert data["account"]["email"] == verified_user.email  # the account's own data is still there


def test_deleting_the_account_deletes_its_bookmarks_and_collections_only(
    verified_client, verified_user, django_user_model
):
    Collection.objects.create(reader=verified_user, name="Reading")
    Bookmark.objects.create(reader=verified_user, translation_key=cno().translation_key, title="CNO syndrome")
    cem = colleague(django_user_model)
    Bookmark.objects.create(reader=cem, translation_key=cno().translation_key, title="CNO syndrome")
    response = verified_client.post("/en/accounts/professional/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Collection.objects.filter(reader_id=verified_user.pk).exists()
    assert list(Bookmark.objects.values_list("reader_id", flat=True)) == [cem.pk]
