from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from articles.rendering import ARTICLE_LINKS_HOOK
from versions.addresses import history_url


@hooks.register(ARTICLE_LINKS_HOOK)
def version_history_link(page, url):
    """Every article links its version history (``versions.urls``: under the article's own address)."""
    return [{"label": _("Version history"), "url": history_url(page, url)}] if url else []
