"""What a reader's bookmarks are, and what they lead to.

Every function takes the reader and answers only about that reader's rows: no
lookup of a bookmark or a collection by id alone, so another reader's id is as
unknown as one that does not exist.
"""

from dataclasses import dataclass
from typing import Literal, get_args

from django.conf import settings
from django.db import IntegrityError, transaction
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from access.policy import Tier, hidden_page_ids, may_view_page
from articles import rendering
from articles.models import ArticlePage
from bookmarks.models import TITLE_MAX, Bookmark, Collection

Sort = Literal["added", "title"]
SORTS = get_args(Sort)
Language = Literal["de", "en"]
# The pages and files an article needs when it is opened from the phone's cache.
OFFLINE_ASSETS = (
    "css/medlex.css",
    "search/search.css",
    "functions/functions.css",
    "favicon.svg",
    "js/print-date.js",
    "js/citation-preview.js",
    "search/suggest.js",
    "bookmarks/offline.js",
)


class Refused(Exception):
    """A request about bookmarks that changes nothing; ``message`` says why, for the reader."""

    def __init__(self, message, field="__all__"):
        super().__init__(message)
        self.message = message
        self.field = field


def readable_article(request, page_id):
    """The live article ``page_id`` if this request may view it, else None (so unknown and withheld look alike)."""
    page = ArticlePage.objects.live().select_related("locale").filter(pk=page_id).first()
    if page is None or not may_view_page(request, page):
        return None
    return page


def add(reader, page, collection=None):
    """Bookmark ``page`` (both its editions) for ``reader``; an existing bookmark moves to ``collection``."""
    bookmark, created = Bookmark.objects.get_or_create(
        reader=reader,
        translation_key=page.translation_key,
        defaults={"title": page.title[:TITLE_MAX], "collection": collection},
    )
    if not created and collection is not None and bookmark.collection_id != collection.pk:
        bookmark.collection = collection
        bookmark.save(update_fields=["collection"])
    return bookmark


def bookmarked_keys(reader):
    """The translation keys of the articles ``reader`` keeps, as text (a page's placeholder carries its key so)."""
    return [str(key) for key in Bookmark.objects.filter(reader=reader).values_list("translation_key", flat=True)]


def remove(reader, translation_key):
    """Whether a bookmark was removed."""
    return Bookmark.objects.filter(reader=reader, translation_key=translation_key).delete()[0] > 0


def move(bookmark, collection):
    bookmark.collection = collection
    bookmark.save(update_fields=["collection"])


def own_collection(reader, collection_id):
    """The reader's collection ``collection_id``; Refused if it is not theirs or does not exist."""
    collection = Collection.objects.filter(reader=reader, pk=collection_id).first() if collection_id else None
    if collection is None:
        raise Refused(translation.gettext("There is no such collection."), field="collection")
    return collection


def create_collection(reader, name):
    return _save_collection(Collection(reader=reader), name)


def rename_collection(collection, name):
    return _save_collection(collection, name)


def _save_collection(collection, name):
    """Save ``collection`` under ``name`` (already cleaned by the form); Refused if the reader has that name."""
    # Compared here, not by the database: SQLite's LOWER() folds ASCII only ("Ärzte" / "ärzte").
    others = (
        Collection.objects.filter(reader=collection.reader).exclude(pk=collection.pk).values_list("name", flat=True)
    )
    if name.casefold() in {other.casefold() for other in others}:
        raise Refused(translation.gettext("You already have a collection with this name."), field="name")
    collection.name = name
    try:
        with transaction.atomic():
            collection.save()
    except IntegrityError:  # the same name saved at the same moment by a second request
        raise Refused(translation.gettext("You already have a collection with this name."), field="name") from None
    return collection


@dataclass
class Entry:
    """One bookmark as the list shows it: the edition to open (None when no longer published) and its title."""

    bookmark: Bookmark
    page: ArticlePage | None
    title: str
    url: str = ""

    @property
    def available(self):
        return self.page is not None


def editions(request, keys):
    """translation key -> the live edition to show (the reader's language first) that this request may view."""
    language = translation.get_language()
    hidden = hidden_page_ids(request)
    chosen = {}
    pages = ArticlePage.objects.live().filter(translation_key__in=keys).select_related("locale").defer_streamfields()
    for page in pages:
        if page.pk in hidden:
            continue
        current = chosen.get(page.translation_key)
        if current is None or (page.locale.language_code == language and current.locale.language_code != language):
            chosen[page.translation_key] = page
    return chosen


def entries(request, reader, sort="added", collection=None):
    """The reader's bookmarks (in ``collection`` if given), newest first or by title."""
    bookmarks = Bookmark.objects.filter(reader=reader).select_related("collection")
    if collection is not None:
        bookmarks = bookmarks.filter(collection=collection)
    bookmarks = list(bookmarks)
    shown = editions(request, [b.translation_key for b in bookmarks])
    result = []
    for bookmark in bookmarks:
        page = shown.get(bookmark.translation_key)
        title = page.title if page is not None else bookmark.title
        result.append(Entry(bookmark, page, title, page.get_url(request) if page is not None else ""))
    if sort == "title":
        result.sort(key=lambda entry: (entry.title.casefold(), entry.bookmark.pk))
    return result


def offline_urls(request, reader):
    """The addresses a phone keeps for reading ``reader``'s bookmarks offline: every live edition, its figures,
    the offline page in each language and the style sheets. Only for the professional tier (the caller checks)."""
    keys = Bookmark.objects.filter(reader=reader).values_list("translation_key", flat=True)
    hidden = hidden_page_ids(request)
    articles, figures = [], []
    for page in ArticlePage.objects.live().filter(translation_key__in=list(keys)).select_related("locale"):
        if page.pk in hidden:
            continue
        articles.append(page.get_url(request))
        with translation.override(page.locale.language_code):
            for section in rendering.sections(page, Tier.PROFESSIONAL):
                figures.extend(figure.url for figure in section.figures)
    return sorted(articles), sorted(set(figures))


def offline_page_by_language():
    """language -> the address of the page shown offline for a page the phone has not kept."""
    pages = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            pages[language] = reverse("bookmarks:offline")
    return pages


def offline_pages():
    """The offline page in each language, and the files every page needs."""
    return [*offline_page_by_language().values(), *(static(path) for path in OFFLINE_ASSETS)]


def export_for(user):
    """The reader's collections and bookmarks, for the data export (accounts.services)."""
    return {
        "collections": [
            {"name": c.name, "created_at": c.created_at.isoformat()} for c in Collection.objects.filter(reader=user)
        ],
        "bookmarks": [
            {
                "title": b.title,
                "article": str(b.translation_key),
                "collection": b.collection.name if b.collection else None,
                "created_at": b.created_at.isoformat(),
            }
            for b in Bookmark.objects.filter(reader=user).select_related("collection").order_by("created_at", "pk")
        ],
    }


def forget_offline_copies(sender, request, user, **kwargs):
    """At logout the browser is told to drop what it keeps for this reader (bookmarks.middleware)."""
    if request is not None:
        request.medlex_clear_site_data = True


def reader_token(reader):
    """Names the reader to their phone without their id: when it changes, the phone drops what it kept."""
    return salted_hmac("bookmarks.offline-reader", str(reader.pk)).hexdigest()[:32]
