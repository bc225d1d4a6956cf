"""The reader's bookmarks and collections in the JSON API, under ``/api/v1/me/``.

For verified professionals only (401 without login, 403 without verification);
writes are session-authenticated and need the CSRF token in the X-CSRFToken
header. A bookmark or collection of another reader answers 404, as one that does
not exist. ``GET /me/offline`` lists what a phone keeps for offline reading.
"""

from datetime import datetime

from django.utils import translation
from ninja import Field, Router, Schema

from access.api import reader_tools_caller
from bookmarks import services
from bookmarks.forms import MAX_ID, CollectionForm
from bookmarks.models import COLLECTION_NAME_MAX, Bookmark, Collection
from core.api_errors import ApiError, answers

router = Router(tags=["reader tools"])


class CollectionOut(Schema):
    id: int
    name: str
    created_at: datetime


class CollectionIn(Schema):
    name: str = Field(description=f"At most {COLLECTION_NAME_MAX} characters, unique per reader (ignoring case).")


class BookmarkOut(Schema):
    id: int
    article: str = Field(description="The article's translation key, shared by its German and English editions.")
    title: str
    available: bool = Field(
        description="False when the article is no longer published (or not open to the caller): no address then."
    )
    url: str | None
    lang: str | None
    collection: int | None
    created_at: datetime


class BookmarkList(Schema):
    count: int
    results: list[BookmarkOut]


class BookmarkIn(Schema):
    article: int = Field(ge=1, le=MAX_ID, description="The id of either edition of the article.")
    collection: int | None = Field(default=None, ge=1, le=MAX_ID)


class BookmarkChange(Schema):
    collection: int | None = Field(default=None, ge=1, le=MAX_ID, description="null: no collection.")


class OfflineList(Schema):
    reader: str = Field(description="Changes with the reader: a phone drops its copies when it does.")
    articles: list[str]
    figures: list[str]
    pages: list[str] = Field(description="The offline page in each language and the style sheets.")


def reader_of(request, write=False):
    return reader_tools_caller(request, "keep bookmarks", write)


def refused(error):
    return ApiError(error.message, details=[{"field": error.field, "message": error.message}])


def collection_of(reader, pk):
    collection = Collection.objects.filter(reader=reader, pk=pk).first() if 0 < pk <= MAX_ID else None
    if collection is None:
        raise ApiError("There is no such collection.", status=404)
    return collection


def cleaned_name(name):
    """The name as the list page's form cleans it; its messages in English, as all of the API's."""
    form = CollectionForm({"name": name})
    with translation.override("en"):
        message = "" if form.is_valid() else " ".join(str(m) for m in form.errors["name"])
    if message:
        raise ApiError("Invalid collection name.", details=[{"field": "name", "message": message}])
    return form.cleaned_data["name"]


def bookmark_out(entry):
    b = entry.bookmark
    return {
        "id": b.pk,
        "article": str(b.translation_key),
        "title": entry.title,
        "available": entry.available,
        "url": entry.url or None,
        "lang": entry.page.locale.language_code if entry.page else None,
        "collection": b.collection_id,
        "created_at": b.created_at,
    }


@router.get(
    "/bookmarks",
    response=answers(BookmarkList, 400, 401, 403, 404),
    summary="List my bookmarks (verified professionals only)",
    description="Newest first, or by title with `sort=title`; `collection` filters by one of my collections.",
)
def list_bookmarks(
    request, sort: services.Sort = "added", collection: int | None = None, lang: services.Language = "en"
):
    reader = reader_of(request)
    chosen = collection_of(reader, collection) if collection is not None else None
    with translation.override(lang):
        entries = services.entries(request, reader, sort, chosen)
        return {"count": len(entries), "results": [bookmark_out(e) for e in entries]}


@router.post(
    "/bookmarks",
    response=answers(BookmarkOut, 400, 401, 403, 404),
    summary="Bookmark an article (verified professionals only)",
    description="Bookmarking an article that is already bookmarked moves it to the collection given, if any.",
)
def add_bookmark(request, body: BookmarkIn):
    reader = reader_of(request, write=True)
    page = services.readable_article(request, body.article)
    if page is None:
        raise ApiError("There is no such article.", status=404)
    chosen = collection_of(reader, body.collection) if body.collection is not None else None
    bookmark = services.add(reader, page, chosen)
    return bookmark_out(services.Entry(bookmark, page, page.title, page.get_url(request)))


@router.patch(
    "/bookmarks/{bookmark_id}",
    response=answers(BookmarkOut, 400, 401, 403, 404),
    summary="Move a bookmark to another collection, or to none",
)
def change_bookmark(request, bookmark_id: int, body: BookmarkChange):
    reader = reader_of(request, write=True)
    bookmark = Bookmark.objects.filter(reader=reader, pk=bookmark_id if bookmark_id <= MAX_ID else 0).first()
    if bookmark is None:
        raise ApiError("There is no such bookmark.", status=404)
    services.move(bookmark, collection_of(reader, body.collection) if body.collection is not None else None)
    entry = next(e for e in services.entries(request, reader) if e.bookmark.pk == bookmark.pk)
    return bookmark_out(entry)


@router.delete(
    "/bookmarks/{bookmark_id}",
    response=answers(dict, 400, 401, 403, 404),
    summary="Remove a bookmark",
)
def delete_bookmark(request, bookmark_id: int):
    reader = reader_of(request, write=True)
    deleted = Bookmark.objects.filter(reader=reader, pk=bookmark_id if bookmark_id <= MAX_ID else 0).delete()[0]
    if not deleted:
        raise ApiError("There is no such bookmark.", status=404)
    return {"deleted": True}


@router.get(
    "/collections",
    response=answers(list[CollectionOut], 401, 403),
    summary="List my bookmark collections",
)
def list_collections(request):
    return list(Collection.objects.filter(reader=reader_of(request)))


@router.post(
    "/collections",
    response=answers(CollectionOut, 400, 401, 403),
    summary="Create a bookmark collection",
)
def create_collection(request, body: CollectionIn):
    reader = reader_of(request, write=True)
    try:
        with translation.override("en"):
            return services.create_collection(reader, cleaned_name(body.name))
    except services.Refused as error:
        raise refused(error) from None


@router.patch(
    "/collections/{collection_id}",
    response=answers(CollectionOut, 400, 401, 403, 404),
    summary="Rename a bookmark collection",
)
def rename_collection(request, collection_id: int, body: CollectionIn):
    reader = reader_of(request, write=True)
    collection = collection_of(reader, collection_id)
    try:
        with translation.override("en"):
            return services.rename_collection(collection, cleaned_name(body.name))
    except services.Refused as error:
        raise refused(error) from None


@router.delete(
    "/collections/{collection_id}",
    response=answers(dict, 400, 401, 403, 404),
    summary="Delete a bookmark collection (its bookmarks stay, without a collection)",
)
def delete_collection(request, collection_id: int):
    reader = reader_of(request, write=True)
    collection_of(reader, collection_id).delete()
    return {"deleted": True}


@router.get(
    "/offline",
    url_name="offline_list",
    response=answers(OfflineList, 401, 403),
    summary="What a phone keeps for reading my bookmarks offline",
    description="The addresses of every live edition of my bookmarked articles, of their figures, and of the "
    "offline page. The service worker (/sw.js) stores them and clears everything when this answers 401 or 403.",
)
def offline_list(request):
    reader = reader_of(request)
    articles, figures = services.offline_urls(request, reader)
    return {
        "reader": services.reader_token(reader),
        "articles": articles,
        "figures": figures,
        "pages": services.offline_pages(),
    }
