"""Who may call the reader tools' operations of the JSON API, answered as the API's own errors.

The same rule as on the pages (``policy.may_use_reader_tools``); a write with a browser
session also needs the session's CSRF token, since a cookie is sent by any site's form.
"""

from ninja.utils import check_csrf

from access.policy import may_use_reader_tools
from core.api_errors import ApiError


def reader_tools_caller(request, doing, write=False):
    """The calling reader, or a 401 (not logged in) or 403 (not a verified professional; a write without CSRF token).

    ``doing`` names what the caller tried, for the message: "keep bookmarks".
    """
    if not request.user.is_authenticated:
        raise ApiError(f"Log in as a verified health professional to {doing}.", status=401)
    if write and check_csrf(request):
        raise ApiError("CSRF check failed: send the CSRF token in the X-CSRFToken header.", status=403)
    if not may_use_reader_tools(request.user):
        raise ApiError(f"Only verified health professionals may {doing}.", status=403)
    return request.user
