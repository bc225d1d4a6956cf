from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from articles.models import ArticlePage
from translation import views
from translation.models import GlossaryTerm

register_snippet(GlossaryTerm)


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path("translation/jobs/", views.jobs, name="translation_jobs"),
        path("translation/<int:page_id>/", views.page_translation, name="translation_page"),
        path("translation/<int:page_id>/translate/", views.translate, name="translation_translate"),
        path("translation/<int:page_id>/manual/", views.translate_manually, name="translation_manual"),
        path("translation/<int:page_id>/review/<str:block_id>/", views.review, name="translation_review"),
    ]


@hooks.register("register_admin_menu_item")
def translation_jobs_menu_item():
    return MenuItem(_("Translation jobs"), reverse("translation_jobs"), icon_name="site", order=900)


@hooks.register("register_page_header_buttons")
def translation_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ArticlePage):
        yield Button(_("Translation"), reverse("translation_page", args=[page.pk]), icon_name="site", priority=66)
