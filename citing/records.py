"""An article as a reference: what a citation of its current version names.

A citation points to the version's permalink (versions.addresses.version_url), so
whoever follows it reads the text that was cited, whatever is published later.
Everything here is public (title, authors, dates, address); only the access date
differs between readers, so nothing of it is kept.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from versions.addresses import version_url

PUBLISHER = "medlex"


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""


@dataclass(frozen=True)
class ArticleCitation:
    title: str
    authors: tuple
    language: str
    version: int | None
    issued: date
    url: str
    accessed: date
    slug: str

    @property
    def file_stem(self):
        return f"medlex-{self.slug}-v{self.version}" if self.version else f"medlex-{self.slug}"


def split_name(name):
    """ "Anna Maria Müller" -> Müller, Anna Maria: a person's name is stored as printed, family name last.

    A name of one word (a group, an organisation) stays whole.
    """
    words = name.split()
    if len(words) < 2:
        return Name(family=" ".join(words))
    return Name(family=words[-1], given=" ".join(words[:-1]))


def current_version(page):
    return page.versions.order_by("-number").first()


def citation_for(request, page, accessed=None):
    """The citation of ``page``'s current version, with its permalink at the request's host."""
    version = current_version(page)
    if version is not None:
        url, number, issued = version_url(page, version.number), version.number, version.published_at
    else:  # published before versions were recorded: the article's own address
        url, number, issued = page.url, None, page.last_published_at or timezone.now()
    return ArticleCitation(
        title=page.title,
        authors=tuple(split_name(link.person.name) for link in page.authors.select_related("person")),
        language=page.locale.language_code,
        version=number,
        issued=timezone.localdate(issued),
        url=request.build_absolute_uri(url),
        accessed=accessed or timezone.localdate(),
        slug=page.slug,
    )
