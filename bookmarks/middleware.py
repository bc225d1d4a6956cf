"""Tells the browser to drop what it keeps of a reader who has just logged out.

A phone keeps a verified reader's bookmarked articles in Cache Storage
(static/bookmarks/sw.js). The answer to a logout (and to the deletion of an
account, which logs out) carries ``Clear-Site-Data``, so the browser removes those
copies, the service worker and any stored data before the next reader uses it.
"""

CLEAR_SITE_DATA = '"cache", "storage"'


def clear_site_data_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        if getattr(request, "medlex_clear_site_data", False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response

    return middleware
