"""The bookmark button on an article page: a reader part (delivery.parts), filled per reader."""

from django.db.models import Subquery
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Page

from access.policy import may_use_reader_tools
from bookmarks.models import Bookmark


def is_bookmarked(user, page_id):
    """Whether ``user`` keeps the article ``page_id`` (either edition: bookmarks name the translation key); one query."""
    key = Page.objects.filter(pk=page_id).values("translation_key")
    return Bookmark.objects.filter(reader=user, translation_key=Subquery(key)).exists()


def bookmark_button(request, page_id):
    """ "Bookmark" or "Bookmarked ✓" as a POST form; nothing for readers who may not keep bookmarks."""
    if not may_use_reader_tools(request.user):
        return ""
    return render_to_string(
        "bookmarks/_button.html",
        {
            "page_id": page_id,
            "bookmarked": is_bookmarked(request.user, page_id),
            "next": request.get_full_path(),
            "csrf_token": get_token(request),
            "list_url": reverse("bookmarks:list"),
        },
    )
