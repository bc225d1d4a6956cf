"""Finding the article a citation or PDF is asked for, as its page finds it."""

from access.policy import may_view_page
from articles.languages import article_in_other_language
from versions.services import live_article


def article_at(request, path):
    """The live article at ``path`` that this request may view, or None.

    As on the article page, an article that exists only in another language is
    found under this language's prefix too; a view restriction the request does
    not pass makes it None, as on the API.
    """
    page = live_article(request, path)
    if page is None:
        page = article_in_other_language(request, path)
        if page is None or not may_view_page(request, page):
            return None
    return page
