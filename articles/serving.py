"""What apps above articles learn when an article page is answered.

The page delivery answers most article views from a page kept for many readers,
without loading the article; it still knows which article the page is and says so
here, for every view, warm or not: ``article_served`` is sent when the page goes to a
logged-in reader, so an app can keep what that reader opened (notes.reading). (A reader
part learns its article from its placeholder: ``{% reader_part "name" page.pk %}``.)
"""

from django.dispatch import Signal

# Sent with ``request`` and ``page_id`` for each GET of an article page answered to a logged-in reader.
article_served = Signal()


def served(request, page_id):
    """Called by whatever answers an article page (delivery, articles.views), before the reader parts are filled."""
    if request.method == "GET" and request.user.is_authenticated:
        article_served.send(sender=None, request=request, page_id=page_id)
