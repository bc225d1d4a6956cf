"""The search results page (one per language: /de/suche/, /en/search/) and the way from a result to its article."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
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


# OpenSearch: browsers offer the site's search in their address bar from the
# description linked in every page's head (core/templates/base.html), one per
# language, and ask the suggestions address as the reader types.

OPENSEARCH_SHORT_NAMES = {"de": "medlex (Deutsch)", "en": "medlex (English)"}  # at most 16 characters


@require_GET
def opensearch_description(request):
    lang = get_language()
    context = {
        "lang": lang,
        "short_name": OPENSEARCH_SHORT_NAMES[lang],
        "icon": request.build_absolute_uri(static("favicon.svg")),
        "results": request.build_absolute_uri(reverse("search:results")),
        "suggestions": request.build_absolute_uri(reverse("search:opensearch-suggestions")),
        "self": request.build_absolute_uri(reverse("search:opensearch")),
    }
    return render(request, "search/opensearch.xml", context, content_type="application/opensearchdescription+xml")


@require_GET
def opensearch_suggestions(request):
    """The type-ahead in the OpenSearch suggestions format: ``[query, [completions], [descriptions], [addresses]]``.

    The same suggestions as the page's type-ahead (``services.suggest``: names and
    codes of articles the reader may view); a query that cannot be searched has none.
    """
    lang = get_language()
    query = request.GET.get("q", "")[: services.MAX_QUERY_LENGTH]
    try:
        suggestions = (
            services.suggest(query, lang=lang, limit=8, hidden=hidden_page_ids(request)) if query.strip() else []
        )
    except services.QueryError:
        suggestions = []
    return JsonResponse(
        [
            query,
            [s["label"] for s in suggestions],
            [s["title"] for s in suggestions],
            [request.build_absolute_uri(s["url"]) for s in suggestions],
        ],
        safe=False,
        content_type="application/x-suggestions+json",
    )
