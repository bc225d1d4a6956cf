"""sitemap.xml: the public pages of the site, each with its addresses in the other languages.

Only what an anonymous reader may see: live pages without a view restriction (their
titles and addresses; the sitemap carries no text of a page), and the public lists
one finds one's way with. Every address is absolute at the host the request came
to, like the pages' own ``hreflang`` links (core.templatetags.language_switch).

The sitemap is rendered on each request and never marked ``public``, so nginx keeps
no copy of it (deploy/nginx.conf stores only what the app marks public): a publish
or unpublish shows in it at once, with no purge to send.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from specialties.models import Specialty

# The lists that lead to the articles, by URL name; each exists in every language.
PUBLIC_LISTS = ["browse:a-z", "specialties:list", "icd10:index", "functions:list"]


class SitemapAtRequestHost(Sitemap):
    """A sitemap whose addresses name the host the request came to, not a configured Site."""

    def __init__(self, request):
        self.request = request

    def get_domain(self, site=None):
        return self.request.get_host()

    def alternates_of(self, locations):
        """``{language: path}`` as the sitemap's ``xhtml:link`` entries: each language, and ``x-default``."""
        if len(locations) < 2:
            return []
        absolute = {code: self.request.build_absolute_uri(path) for code, path in locations.items()}
        entries = [{"lang_code": code, "location": url} for code, url in sorted(absolute.items())]
        default = absolute.get(settings.LANGUAGE_CODE)
        if default:
            entries.append({"lang_code": "x-default", "location": default})
        return entries

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["alternates"] = self.alternates_of(self.locations_of(url["item"]))
        return urls


class PublicPages(SitemapAtRequestHost):
    """Every live page without a view restriction, in every language of the request's site."""

    def items(self):
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        pages = Page.objects.none()
        for root in site.root_page.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def location(self, page):
        return page.get_url(request=self.request)

    def lastmod(self, page):
        return page.last_published_at

    def locations_of(self, page):
        group = [page, *page.get_translations().live().public().select_related("locale")]
        return {p.locale.language_code: p.get_url(request=self.request) for p in group}


class PublicLists(SitemapAtRequestHost):
    """The A–Z index, the specialties, the ICD-10 catalogue and the list of clinical functions, in each language."""

    def items(self):
        return [(name, code) for name in PUBLIC_LISTS for code, _label in settings.LANGUAGES]

    def location(self, item):
        name, code = item
        with translation.override(code):
            return reverse(name)

    def locations_of(self, item):
        name, _code = item
        return {code: self.location((name, code)) for code, _label in settings.LANGUAGES}


class SpecialtyPages(SitemapAtRequestHost):
    """Each specialty's page, in each language (the articles under it are listed as pages)."""

    def items(self):
        return [
            (specialty, code) for specialty in Specialty.objects.order_by("slug_en") for code, _ in settings.LANGUAGES
        ]

    def location(self, item):
        specialty, code = item
        return specialty.get_absolute_url(code)

    def locations_of(self, item):
        specialty, _code = item
        return {code: specialty.get_absolute_url(code) for code, _label in settings.LANGUAGES}


SITEMAPS = {"pages": PublicPages, "lists": PublicLists, "specialties": SpecialtyPages}
