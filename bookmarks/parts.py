"""The bookmark button on an article page: a reader part (delivery.parts), filled per reader."""

from core.fragments import Fragment


def bookmark_button(request, facts, page_id, translation_key):
    """ "Bookmark" or "Bookmarked ✓" as a POST form; nothing for readers who may not keep bookmarks.

    A bookmark names the article's translation key, so it shows on either edition; the
    page's placeholder carries the key, and ``facts["bookmarked"]`` (the keys this reader
    keeps, see bookmarked_keys) answers without a query.
    """
    if not facts.uses_reader_tools:
        return ""
    return Fragment(
        "bookmarks/_button.html",
        {"page_id": int(page_id), "bookmarked": translation_key in facts["bookmarked"], "with_list_link": True},
    )
