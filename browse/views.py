"""Pages for finding one's way around the encyclopedia without a search term."""

from urllib.parse import urlencode

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext

from access.policy import hidden_page_ids
from browse import a_to_z
from browse import specialties as specialties_browse
from browse.sitemaps import SITEMAPS
from specialties.models import LANGUAGES, by_slug


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
    context["page_query"] = urlencode({"letter": letter}) + "&"
    return render(request, "browse/a_to_z.html", context)


def specialty_list(request):
    """/de/fachgebiete/ and /en/specialties/: every specialty with the number of its articles in this language."""
    specialties = specialties_browse.with_counts(get_language(), hidden_page_ids(request))
    return render(request, "browse/specialty_list.html", {"specialties": specialties})


def specialty_detail(request, slug):
    """One specialty's articles, a page of 100 at a time, with the same specialty in the other language.

    An address of the other language (/en/specialties/dermatologie/) leads to this
    language's address of the same specialty.
    """
    lang = get_language()
    specialty = by_slug(slug, lang)
    if specialty is None:
        for other in LANGUAGES:
            found = by_slug(slug, other) if other != lang else None
            if found is not None:
                return redirect(found.get_absolute_url(lang), permanent=True)
        raise Http404("no such specialty")
    number = a_to_z.page_number(request.GET.get("page"))
    context = {
        "specialty": specialty,
        "name": specialty.name(lang),
        "page": specialties_browse.page_of(specialty, lang, number, hidden_page_ids(request)),
        "translations": [
            {"lang": other, "url": specialty.get_absolute_url(other)} for other in LANGUAGES if other != lang
        ],
    }
    return render(request, "browse/specialty_detail.html", context)


def sitemap(request):
    """/sitemap.xml: every public page and list with its other languages (browse.sitemaps)."""
    return sitemap_views.sitemap(request, {name: kind(request) for name, kind in SITEMAPS.items()})
