"""The search results page (one per language: /de/suche/, /en/search/)."""

from django.shortcuts import render
from django.utils.translation import get_language

from access.policy import hidden_page_ids
from icd10 import catalogue
from search import services

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def results(request):
    lang = get_language()
    query = request.GET.get("q", "")
    language = request.GET.get("language", "")
    chapter = request.GET.get("chapter", "")
    language = language if language in LANGUAGE_NAMES else ""
    chapters = catalogue.chapters()
    chapter = chapter if chapter in {c.code for c in chapters} else ""
    context = {
        "query": query,
        "language": language,
        "chapter": chapter,
        "languages": LANGUAGE_NAMES,
        "chapters": chapters,
        "outcome": None,
        "error": "",
    }
    status = 200
    if query.strip():
        try:
            context["outcome"] = services.search(
                query,
                lang=lang,
                limit=50,
                language=language or None,
                chapter=chapter or None,
                hidden=hidden_page_ids(request),
            )
        except services.QueryError as error:
            context["error"] = error.message
            status = 400
    return render(request, "search/results.html", context, status=status)
