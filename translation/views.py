"""Admin views: a page's sections with their translation state, translating, reviewing, job progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.sections import ORIGINAL, SectionKind, SectionState
from translation.engines import EngineError, available_engines
from translation.models import TranslationJob
from translation.services import (
    create_for_manual_translation,
    mark_reviewed,
    section_states,
    start_job,
)

REVIEW_PERMISSION = "translation.review_machine_translation"


def _editable_page(request, page_id):
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def page_translation(request, page_id):
    page = _editable_page(request, page_id)
    states = section_states(page)
    sections = [
        {
            "id": block.id,
            "heading": SectionKind(block.value["kind"]).label,
            "state": states.get(block.id, SectionState(ORIGINAL)),
        }
        for block in page.body
    ]
    other_locales = Locale.objects.exclude(pk=page.locale_id)
    translations = {p.locale_id: p for p in page.get_translations().select_related("locale")}
    context = {
        "page": page,
        "sections": sections,
        "engines": available_engines(),
        "other_locales": other_locales,
        "translations": translations,
        "manual": [{"locale": locale, "page": translations.get(locale.pk)} for locale in other_locales],
        "jobs": TranslationJob.objects.filter(source_page=page).select_related("target_locale")[:10],
        "may_review": request.user.has_perm(REVIEW_PERMISSION),
    }
    return TemplateResponse(request, "translation/page_translation.html", context)


@require_POST
def translate(request, page_id):
    page = _editable_page(request, page_id)
    locale = get_object_or_404(Locale, pk=request.POST.get("locale"))
    try:
        start_job(
            page,
            locale,
            request.POST.get("engine") or None,
            only_outdated=bool(request.POST.get("only_outdated")),
            user=request.user,
        )
    except EngineError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Translation started. Progress is shown below; the translation is published only when every section has been translated."
            ),
        )
    return redirect("translation_page", page_id=page.pk)


@require_POST
def translate_manually(request, page_id):
    """Create the translation as a draft holding the source text, for an editor to translate by hand."""
    page = _editable_page(request, page_id)
    locale = get_object_or_404(Locale, pk=request.POST.get("locale"))
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        messages.info(request, _("This article already exists in that language; edit it there."))
        return redirect("wagtailadmin_pages:edit", existing.pk)
    parent = page.get_parent().specific.get_translation_or_none(locale)
    if parent is None:
        messages.error(request, _("There is no home page in that language to create the article under."))
        return redirect("translation_page", page_id=page.pk)
    if not parent.permissions_for_user(request.user).can_add_subpage():
        messages.error(request, _("You may not create pages in that language."))
        return redirect("translation_page", page_id=page.pk)
    target = create_for_manual_translation(page, locale, request.user)
    messages.success(
        request,
        _(
            "The %(language)s version was created as a draft. Every section still holds the original text and is marked as not translated; replace it with your translation. When you publish, each section you changed is recorded as translated by a person."
        )
        % {"language": locale.get_display_name()},
    )
    return redirect("wagtailadmin_pages:edit", target.pk)


@require_POST
def review(request, page_id, block_id):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    page = _editable_page(request, page_id)
    try:
        mark_reviewed(page, block_id, request.user)
    except (ValueError, page.section_translations.model.DoesNotExist) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The section is marked as reviewed; readers no longer see the machine translation label.")
        )
    return redirect("translation_page", page_id=page.pk)


def jobs(request):
    return TemplateResponse(
        request,
        "translation/jobs.html",
        {
            "jobs": TranslationJob.objects.select_related("source_page", "target_locale")[:50],
            "engines": available_engines(),
        },
    )
