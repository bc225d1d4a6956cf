"""Bookmarks in the hooks other apps declare: a button on each search result
(search.views.RESULT_ACTIONS_HOOK) and the reader's data export (accounts.services.ACCOUNT_DATA_HOOK)."""

from django.db.models import Exists, OuterRef
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from wagtail import hooks

from access.policy import may_use_reader_tools
from accounts.services import ACCOUNT_DATA_HOOK
from articles.models import ArticlePage
from bookmarks.models import Bookmark
from bookmarks.services import export_for
from search.views import RESULT_ACTIONS_HOOK


@hooks.register(RESULT_ACTIONS_HOOK)
def bookmark_buttons(request, results):
    """page id -> the bookmark form for that result; one query for the whole list."""
    if not results or not may_use_reader_tools(request.user):
        return {}
    titles = {result.document.page_id: result.document.title for result in results}
    states = ArticlePage.objects.filter(pk__in=titles).annotate(
        bookmarked=Exists(Bookmark.objects.filter(reader=request.user, translation_key=OuterRef("translation_key")))
    )
    token, here = get_token(request), request.get_full_path()
    return {
        pk: render_to_string(
            "bookmarks/_button.html",
            {"page_id": pk, "bookmarked": bookmarked, "here": here, "csrf_token": token, "title": titles[pk]},
        )
        for pk, bookmarked in states.values_list("pk", "bookmarked")
    }


@hooks.register(ACCOUNT_DATA_HOOK)
def account_data(user):
    return {"bookmarks": export_for(user)}
