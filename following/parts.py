"""The article page's per-reader "Follow" button (a reader part: delivery.parts fills it per reader)."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from access.policy import may_use_reader_tools
from following.services import follows


def follow_button(request, page_id):
    """A POST form to follow or unfollow article ``page_id``; nothing for readers without the reader tools.

    Costs one small query (does this reader follow this article) for readers who may use it, none for others.
    """
    user = request.user
    if not may_use_reader_tools(user):
        return ""
    context = {
        "page_id": page_id,
        "following": follows(user, page_id),
        "csrf_token": get_token(request),
        "request": request,
    }
    return render_to_string("following/_follow_button.html", context)
