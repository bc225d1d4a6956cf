"""The article page's per-reader "Follow" button (a reader part: delivery.parts fills it per reader)."""

from core.fragments import Fragment


def follow_button(request, facts, page_id):
    """A POST form to follow or unfollow article ``page_id``; nothing for readers without the reader tools.

    ``facts["followed"]`` holds the articles this reader follows (followed_page_ids), so it costs no query.
    """
    if not facts.uses_reader_tools:
        return ""
    page_id = int(page_id)
    return Fragment("following/_follow_button.html", {"page_id": page_id, "following": page_id in facts["followed"]})
