from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from articles.models import ArticlePage
from translation.readers import url_for_readers
from translation.services import untranslated_articles


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
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self).live().order_by("title").prefetch_related("icd10_codes")
        )
        untranslated = list(untranslated_articles(self.locale))
        for article in untranslated:  # opened under this language's prefix, with a note
            article.reader_url = url_for_readers(
                article.get_url(request), article.locale.language_code, self.locale.language_code
            )
        context["untranslated"] = untranslated
        return context
