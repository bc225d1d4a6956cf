"""The search results page (one per language: /de/suche/, /en/search/) and the way from a result to its article."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks

from access.policy import hidden_page_ids
from icd10 import catalogue
from search import log, services
from search.models import SearchDocument
from specialties.models import LANGUAGES, Specialty, by_slug, ordered
from translation.readers import url_for_readers

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
# Apps above search add per-reader actions to each result (a bookmark button) with this
# Wagtail hook: a function (request, results) -> {page id: HTML}, for the whole list at once.
# The results page is rendered for each request, never kept for other readers.
RESULT_ACTIONS_HOOK = "search_result_actions"


def results(request):
    lang = get_language()
    query = request.GET.get("q", "")
    language = request.GET.get("language", "")
    chapter = request.GET.get("chapter", "")
    language = language if language in LANGUAGE_NAMES else ""
    chapters = catalogue.chapters()
    chapter = chapter if chapter in {c.code for c in chapters} else ""
    specialty, specialty_error = chosen_specialty(request.GET.get("specialty", ""), lang)
    context = {
        "query": query,
        "language": language,
        "chapter": chapter,
        "languages": LANGUAGE_NAMES,
        "chapters": chapters,
        "specialty": specialty,
        "specialties": ordered(Specialty.objects.all(), lang),
        "outcome": None,
        "error": specialty_error,
    }
    status = 400 if specialty_error else 200
    if query.strip() and not specialty_error:
        try:
            context["outcome"] = outcome = services.search(
                query,
                lang=lang,
                limit=50,
                language=language or None,
                chapter=chapter or None,
                specialty=specialty,
                hidden=hidden_page_ids(request),
            )
        except services.QueryError as error:
            context["error"] = error.message
            status = 400
        else:
            log.record_search(outcome.query, len(outcome.results))
            add_result_actions(request, outcome.results)
    return render(request, "search/results.html", context, status=status)


def add_result_actions(request, results):
    for actions_of in hooks.get_hooks(RESULT_ACTIONS_HOOK):
        actions = actions_of(request, results)
        for result in results:
            result.actions = mark_safe(result.actions + actions.get(result.document.page_id, ""))


def chosen_specialty(value, lang):
    """(specialty, error message) for the ``specialty`` filter: a specialty's address in either language.

    Either language, so a search carried over by the language switch keeps its filter.
    """
    if not value:
        return None, ""
    for language in (lang, *(other for other in LANGUAGES if other != lang)):
        specialty = by_slug(value, language)
        if specialty is not None:
            return specialty, ""
    message = gettext("There is no specialty “%(value)s”. Choose one from the list, or all specialties.")
    return None, message % {"value": value[:40]}


@require_GET
@never_cache
def go(request):
    """Open a result and count the click for its query (search dead ends, editorial dashboard).

    A plain link, so it works without JavaScript. It leads only to published
    articles in the search index that the reader may view, by their id, never to
    an address taken from the request: no open redirect.
    """
    page_id = request.GET.get("to", "")
    if not page_id.isdigit() or int(page_id) in hidden_page_ids(request):
        raise Http404
    document = SearchDocument.objects.filter(page_id=int(page_id)).only("url", "lang").first()
    if document is None:
        raise Http404
    log.record_click(request.GET.get("q", ""))
    return redirect(url_for_readers(document.url, document.lang, get_language()))
