"""Adding a reader's search query to an article's synonyms, from the editor's dashboard, in one step.

The synonym is published at once as a new revision through Wagtail, so it has
an author in the page history, the search index and the cached pages follow the
publish like any other, and the query finds the article right after.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from access.policy import may_add_synonym
from articles.models import ArticlePage
from core.text import fold

MAX_SYNONYM_LENGTH = 100
# Where articles record what kind of change each publish was (the version history,
# ``ArticlePage.change_kind``), a synonym is an editorial change: readers see it in the
# history with its summary, and it does not move "Last updated".
EDITORIAL_CHANGE = "editorial"


class SynonymError(ValueError):
    """A synonym that cannot be added; ``message`` says why, for the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def clean_synonym(text, page):
    """``text`` as the synonym to add to ``page``, or SynonymError saying why it cannot be one."""
    synonym = " ".join((text or "").split())
    if not synonym:
        raise SynonymError(_("Please enter the synonym to add."))
    if len(synonym) > MAX_SYNONYM_LENGTH:
        raise SynonymError(_("The synonym is too long (at most %(limit)d characters).") % {"limit": MAX_SYNONYM_LENGTH})
    if not fold(synonym):
        raise SynonymError(_("A synonym needs letters or digits."))
    # Search folds case, accents and umlauts, so a variant that folds alike finds nothing new.
    if fold(synonym) in {fold(name) for name in [page.title, *page.synonym_list()]}:
        raise SynonymError(
            _("“%(synonym)s” is already a synonym or the title of “%(title)s”.")
            % {"synonym": synonym, "title": page.title}
        )
    return synonym


def add_synonym(page_id, text, user):
    """Publish a new revision of the article ``page_id`` with ``text`` added to its synonyms.

    Returns the page and the synonym as added.

    Refused (PermissionDenied) to anyone who may not publish the article. An
    article with unpublished changes is left alone: publishing it now would
    either publish someone's draft or bury it.
    """
    with transaction.atomic():
        page = ArticlePage.objects.select_for_update().filter(pk=page_id).first()
        if page is None or not page.live:
            raise SynonymError(_("Please choose a published article."))
        if not may_add_synonym(user, page):
            raise PermissionDenied
        if page.has_unpublished_changes:
            raise SynonymError(
                _(
                    "“%(title)s” has unpublished changes. Publish or discard them first, or add the synonym in the editor."
                )
                % {"title": page.title}
            )
        synonym = clean_synonym(text, page)
        page.synonyms = "\n".join([*page.synonym_list(), synonym])
        page.change_kind = EDITORIAL_CHANGE
        with translation.override(page.locale.language_code):
            page.change_summary = _("Synonym added: %(synonym)s") % {"synonym": synonym}
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    return page, synonym
