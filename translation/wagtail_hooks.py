from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from articles.languages import OFFER_HOOK
from articles.models import ArticlePage
from articles.sections import SECTION_STATES_HOOK
from translation import readers, views
from translation.models import GlossaryTerm
from translation.services import section_states

register_snippet(GlossaryTerm)
# Each section of an article page says who translated it, when, and from where.
hooks.register(SECTION_STATES_HOOK, section_states)
# The note on an article missing in the reader's language offers a machine translation.
hooks.register(OFFER_HOOK, readers.offer_for)


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
