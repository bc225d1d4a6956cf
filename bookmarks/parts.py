"""The bookmark button on an article page: a reader part (delivery.parts), filled per reader.

A part is a function of the request alone, so the article is found from the
request's address: articles route by slug below their language's home page, so
the live article whose stored ``url_path`` ends in the address (without its
language prefix) is the one shown, the reader's language first and the shallowest
first. Finding it and whether the reader bookmarked it is one query.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from access.policy import may_use_reader_tools
from articles.models import ArticlePage
from bookmarks.models import Bookmark


def article_with_state(request):
    """(page id, bookmarked) for the article at the request's address, or None; one query."""
    components = [part for part in request.path_info.split("/") if part][1:]  # without the language prefix
    if not components:
        return None
    language = translation.get_language()
    found = (
        ArticlePage.objects.live()
        .filter(url_path__endswith="/" + "/".join(components) + "/")
        .annotate(
            bookmarked=Exists(
                Bookmark.objects.filter(reader=request.user, translation_key=OuterRef("translation_key"))
            ),
            other_language=Case(
                When(locale__language_code=language, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("other_language", "depth")
        .values_list("pk", "bookmarked")
        .first()
    )
    return found


def bookmark_button(request):
    """ "Bookmark" or "Bookmarked ✓" as a POST form; nothing for readers who may not keep bookmarks."""
    if not may_use_reader_tools(request.user):
        return ""
    found = article_with_state(request)
    if found is None:
        return ""
    page_id, bookmarked = found
    return render_to_string(
        "bookmarks/_button.html",
        {
            "page_id": page_id,
            "bookmarked": bookmarked,
            "next": request.get_full_path(),
            "csrf_token": get_token(request),
            "list_url": reverse("bookmarks:list"),
        },
    )
