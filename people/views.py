"""Public profile pages of authors and reviewers.

Everything on a profile is public (no gated text), so it is open to every reader.
The list of articles holds only live pages in the profile's language that this
request may see (view restrictions, access.policy).
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation

from access.policy import hidden_page_ids
from people.models import Person


def published_articles(person, language, request):
    """(page, roles) for every live article in ``language`` that names ``person``, by title.

    The articles app points to people (``authorships``, ``reviews``); this app reads
    those links without importing it.
    """
    hidden = hidden_page_ids(request)
    roles = {}
    for kind, links in (("author", person.authorships), ("reviewer", person.reviews)):
        for link in links.filter(page__live=True, page__locale__language_code=language).select_related("page"):
            if link.page_id not in hidden:
                roles.setdefault(link.page_id, (link.page, set()))[1].add(kind)
    return sorted(roles.values(), key=lambda item: item[0].title.lower())


def profile(request, slug):
    person = get_object_or_404(Person, slug=slug)
    language = translation.get_language()
    articles = [
        {
            "title": page.title,
            "url": page.get_url(request=request),
            "author": "author" in kinds,
            "reviewer": "reviewer" in kinds,
        }
        for page, kinds in published_articles(person, language, request)
    ]
    other = "en" if language == "de" else "de"
    context = {
        "person": person,
        "articles": articles,
        "other_language": {"code": other, "url": person.get_absolute_url(other)},
    }
    return TemplateResponse(request, "people/profile.html", context)
