"""Pages for finding one's way around the encyclopedia without a search term."""

from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.utils.translation import get_language, gettext

from access.policy import hidden_page_ids
from browse import a_to_z
from browse.sitemaps import SITEMAPS


def index(request):
    """/de/a-z/ and /en/a-z/: one letter at a time, a page of 100 names at a time.

    A page past the end of a letter shows no names and a link back to the first page.
    """
    lang, hidden = get_language(), hidden_page_ids(request)
    letters = a_to_z.letters_with_entries(lang, hidden)
    letter = request.GET.get("letter", "").upper() or (letters[0] if letters else a_to_z.LETTERS[0])
    context = {"letters": (*a_to_z.LETTERS, a_to_z.OTHER), "with_entries": letters, "letter": letter}
    if letter not in context["letters"]:
        context["error"] = gettext("There is no letter “%(letter)s” in the index. Choose one of the letters above.") % {
            "letter": request.GET["letter"][:20]
        }
        return render(request, "browse/a_to_z.html", context, status=400)
    context["page"] = a_to_z.page_of(lang, letter, a_to_z.page_number(request.GET.get("page")), hidden)
    return render(request, "browse/a_to_z.html", context)


def sitemap(request):
    """/sitemap.xml: every public page and list with its other languages (browse.sitemaps)."""
    return sitemap_views.sitemap(request, {name: kind(request) for name, kind in SITEMAPS.items()})
