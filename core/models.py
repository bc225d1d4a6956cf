from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class HomePage(Page):
    """The start page of one language; articles are its children."""

    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["wagtailcore.Page"]
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("Home page")

    def get_context(self, request, *args, **kwargs):
        from articles.models import ArticlePage
        from translation.services import untranslated_articles

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self).live().order_by("title").prefetch_related("icd10_codes")
        )
        context["untranslated"] = untranslated_articles(self.locale)
        return context
