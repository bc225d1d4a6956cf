"""The browsable ICD-10 catalogue (/de/icd10/, /en/icd10/) with the articles coded under each node."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from access.policy import hidden_page_ids
from icd10 import catalogue
from icd10.codes import Icd10Error
from icd10.titles import without_german_title
from search.by_code import articles_for


def _untitled() -> int:
    """On German pages: how many codes are shown with their English title (the catalogue's footer says so)."""
    return without_german_title() if get_language() == "de" else 0


def index(request):
    query = request.GET.get("q", "").strip()[:100]
    hits = catalogue.search_catalogue(query, limit=50) if query else []
    return render(
        request,
        "icd10/index.html",
        {"chapters": catalogue.chapters(), "query": query, "hits": hits, "untitled": _untitled()},
    )


def code(request, code):
    try:
        entry = catalogue.entry(code)
    except Icd10Error as error:
        raise Http404(str(error)) from error
    if entry.code != code:
        return redirect("icd10:code", entry.code, permanent=True)
    context = {
        "entry": entry,
        "ancestors": catalogue.ancestors(entry.code),
        "children": catalogue.children(entry.code),
        "articles": articles_for(entry.code, get_language(), hidden_page_ids(request)),
        "untitled": _untitled(),
    }
    return render(request, "icd10/code.html", context)
