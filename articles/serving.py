"""What apps above articles learn when an article page is answered.

The page delivery answers most article views from a page kept for many readers,
without loading the article; it still knows which article the page is and says so
here, for every view, warm or not. A reader part asks ``served_article_id`` which
article it is filled into; ``article_served`` is sent when the page goes to a
logged-in reader, so an app can keep what that reader opened (notes.reading).
"""

from django.dispatch import Signal

# Sent with ``request`` and ``page_id`` for each GET of an article page answered to a logged-in reader.
article_served = Signal()


def served(request, page_id):
    """Called by whatever answers an article page (delivery, articles.views), before the reader parts are filled."""
    request.medlex_article_id = page_id
    if request.method == "GET" and request.user.is_authenticated:
        article_served.send(sender=None, request=request, page_id=page_id)


def served_article_id(request):
    """The id of the article this request is answered with, or None (any other page)."""
    return getattr(request, "medlex_article_id", None)
