"""Articles read in a language other than their own.

An article missing in the reader's language is still part of that language's site:
it is opened under the reader's prefix from another language's tree
(``article_in_other_language``) and shown with a note. What the note offers the
reader (a machine translation, logging in first, nothing) is for the app
``translation`` to say: it registers ``offer_for``'s answer with the Wagtail hook
OFFER_HOOK, so articles need not know how translations come about.
"""

from django.http import Http404
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site

from articles.models import ArticlePage

OFFER_HOOK = "untranslated_article_offer"


def article_in_other_language(request, path):
    """The live article at ``path`` under another language's home page, or None."""
    components = [part for part in path.split("/") if part]
    site = Site.find_for_request(request)
    if not components or site is None:
        return None
    active = translation.get_language()
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).exclude(locale__language_code=active)
    for root in roots.specific():
        try:
            page, args, kwargs = root.route(request, components)
        except Http404:
            continue
        if isinstance(page, ArticlePage) and not args and not kwargs:
            return page
    return None


def offer_for(request, page, locale):
    """What the note on ``page`` (missing in ``locale``) offers this reader; nothing if no app says."""
    for offer in hooks.get_hooks(OFFER_HOOK):
        return offer(request, page, locale)
    return ""
