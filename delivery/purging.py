"""Purging the copies of public pages that nginx keeps, as soon as what they show changes.

Anonymous article pages are sent ``Cache-Control: public`` (delivery.shells) and
the documented nginx keeps them for ``PUBLIC_MAX_AGE``. Without a purge, an
unpublished or corrected article would still be served from there for minutes.
So every publish, unpublish, move, slug change or delete of a page, a change of a
view restriction and a translation review purge the addresses of every page that
shows it: the page itself, its translations, and the articles that list any of
them as related. Wagtail's frontend cache sends them (its HTTP backend: ``PURGE
<path>`` to each nginx named in MEDLEX_PURGE_URL, see deploy/nginx.conf), each
address under every language prefix, which also covers an article shown under
another language's prefix (articles.languages). Only article pages are public,
so no other page (home pages, lists, search) is kept by nginx.

The addresses are taken when the change happens (before a move or delete, the
old ones) and purged after the transaction commits (delivery.receivers): a purge before the commit
could be undone by a reader whose request still saw the old page. Whichever app
server makes the change sends the purge, to the nginx all of them sit behind.
"""

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from articles.models import ArticlePage, RelatedArticle


def pages_showing(page):
    """The pages whose public copies may show ``page``: itself, its translations, and articles relating to any of them."""
    group = [page, *page.get_translations()]
    relating = ArticlePage.objects.filter(
        pk__in=RelatedArticle.objects.filter(target__in=[p.pk for p in group]).values("page")
    )
    return [*group, *relating]


def purge_after_commit(pages):
    """Purge the current addresses of ``pages`` from nginx once the transaction has committed."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    if batch.urls:
        transaction.on_commit(batch.purge)
