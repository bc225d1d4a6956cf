from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from access.policy import hidden_page_ids
from browse import specialties
from functions import registry
from icd10 import catalogue
from search.by_code import articles_per_chapter
from translation.readers import url_for_readers
from translation.services import untranslated_articles

# How many articles "Recently updated" lists; the rest are a click away (A–Z, specialties, search).
RECENTLY_UPDATED = 8


class HomePage(Page):
    """The start page of one language; articles are its children."""

    subpage_types = ["articles.ArticlePage", "legal.LegalPage"]
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("Home page")
        # Created by the app ``core`` before the home page had an app of its own; the
        # table kept its name, so existing home pages stay where they are.
        db_table = "core_homepage"

    def get_context(self, request, *args, **kwargs):
        """The ways into the encyclopedia: search, what changed lately, specialties, functions, ICD-10 chapters.

        A fixed number of queries whatever the size of the corpus: the lists read
        the search index (public names only, minus the pages a view restriction
        withholds from this reader) and count in the database.
        """
        context = super().get_context(request, *args, **kwargs)
        lang, hidden = self.locale.language_code, hidden_page_ids(request)
        context["recently_updated"] = specialties.recently_updated(lang, hidden, RECENTLY_UPDATED)
        context["specialties"] = specialties.with_counts(lang, hidden)
        context["functions"] = [definition.describe(lang) for definition in registry.all_functions()]
        counts = articles_per_chapter(hidden)
        context["chapters"] = [(chapter, counts.get(chapter.code, 0)) for chapter in catalogue.chapters()]
        untranslated = list(untranslated_articles(self.locale))
        for article in untranslated:  # opened under this language's prefix, with a note
            article.reader_url = url_for_readers(
                article.get_url(request), article.locale.language_code, self.locale.language_code
            )
        context["untranslated"] = untranslated
        return context
