"""Article PDFs' bodies in the shared cache, one per (page, revision, language, tier).

A body is kept under the key of the rendered article it is laid out from
(delivery.shells.article_key), so whatever retires that article (a publish, a
changed reference or person, a deploy) retires its PDF body with it; only the
per-reader footer is made for every download (citing.pdf).
"""

from django.core.cache import cache

from delivery.shells import TIMEOUT, article_key


def cached_body(page, tier, render):
    """The PDF body of ``page`` for ``tier`` (called in the article's language); ``render(page, tier)`` makes it."""
    key = f"pdf-body:{article_key(page, tier)}"
    body = cache.get(key)
    if body is None:
        body = render(page, tier)
        cache.set(key, body, TIMEOUT)
    return body
