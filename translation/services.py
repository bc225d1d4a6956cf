"""Translation state of article sections, and translating an article section by section.

The state of a section is computed here and nowhere else:
``original`` (no record), ``machine``, ``reviewed``, ``human``, and ``outdated``
when the source section's text no longer matches the fingerprint recorded at
translation or review time. ``untranslated`` is a section of a page created for
manual translation that still holds the copied source text: it becomes ``human``
when a person publishes a changed text.
"""

import hashlib
import re
from datetime import timedelta
from types import SimpleNamespace

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from access.policy import may_mark_translation_reviewed, may_see
from articles.models import ArticlePage
from articles.sections import (
    OUTDATED,
    REVIEWED,
    UNTRANSLATED,
    SectionState,
)
from translation import protection
from translation.engines import EngineError, available_engines, get_engine
from translation.models import GlossaryTerm, SectionTranslation, TranslationJob

# The admin's rich text editor adds a random key to every paragraph when a page is
# saved there; it is no change of the text, so it is left out of the fingerprint.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _text_source(value):
    """The stored HTML of a section's text, from a section's value or its raw JSON."""
    text = value["text"]
    return text if isinstance(text, str) else text.source


def section_fingerprint(value):
    return hashlib.sha256(_BLOCK_KEY.sub("", _text_source(value)).encode()).hexdigest()


def same_text(value, fingerprint):
    """Whether the section's text is the one fingerprinted (also by the older, unnormalised fingerprint)."""
    return fingerprint in (section_fingerprint(value), hashlib.sha256(_text_source(value).encode()).hexdigest())


def _sections_by_id(page):
    return {block.id: block.value for block in page.body if block.block_type == "section"}


def _raw_sections_by_id(page):
    """The sections' stored JSON: enough for kind and fingerprint, without loading their images."""
    return {block["id"]: block["value"] for block in page.body.raw_data if block["type"] == "section"}


def section_states(page, url_cache=None):
    """The translation state of every section of ``page``, by block id, in three queries.

    ``url_cache`` may be shared with other URL lookups of the same rendering.
    """
    if page.pk is None:  # a new article in an editor's preview: written in its own language
        return {}
    records = list(
        page.section_translations.select_related("reviewed_by__person", "requested_by__person", "translated_by")
    )
    if not records:
        return {}
    # Each source page is loaded (and its sections parsed) once, not once per section.
    source_pages = (
        SectionTranslation._meta.get_field("source_page")
        .related_model.objects.select_related("locale")
        .in_bulk({record.source_page_id for record in records})
    )
    sources = {}
    url_cache = url_cache or SimpleNamespace()
    states = {}
    for record in records:
        source = record.source_page = source_pages[record.source_page_id]
        if source.pk not in sources:
            sources[source.pk] = (
                _raw_sections_by_id(source),
                source.get_url_parts(request=url_cache)[2] if source.live else "",
            )
        source_sections, source_url = sources[source.pk]
        states[record.block_id] = _state(
            record, source_sections.get(record.block_id), source_url, source.locale.language_code
        )
        _add_names(states[record.block_id], record, page.locale.language_code)
    return states


def _person_of(user):
    """The byline person of an account, if it has one (people.Person.user)."""
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def _add_names(info, record, language):
    """Who translated, checked and asked for the section, as the article may name them.

    Translators and reviewers are named like authors, with their profile when they have
    one. Whoever asked for a machine translation is named only as a person of the byline
    list; anyone else is "the editors" (staff) or "a reader", never by name.
    """
    if record.translated_by is not None:
        info.translator = record.translated_by.name
        info.translator_url = record.translated_by.get_absolute_url(language)
    if record.reviewed_by is not None and (person := _person_of(record.reviewed_by)) is not None:
        info.reviewer, info.reviewer_url = person.name, person.get_absolute_url(language)
    if record.requested_by is not None:
        person = _person_of(record.requested_by)
        if person is not None:
            info.requester, info.requester_kind = person.name, "person"
        else:
            info.requester_kind = "editors" if record.requested_by.is_staff else "reader"


def _state(record, source_value, source_url, source_lang):
    kind_anchor = slugify(source_value["kind"]) if source_value else ""
    info = SectionState(
        state=record.method,
        engine=record.engine,
        date=record.translated_at,
        source_url=f"{source_url}#{kind_anchor}" if source_url and kind_anchor else source_url,
        source_lang=source_lang,
    )
    if record.method == SectionTranslation.Method.COPY:
        # Still the source's own text, whatever has happened to the source since.
        info.state = UNTRANSLATED
        return info
    if record.method == SectionTranslation.Method.MACHINE and record.reviewed_at:
        info.state, info.date = REVIEWED, record.reviewed_at
        info.reviewer = (
            record.reviewed_by.get_full_name() or record.reviewed_by.get_username() if record.reviewed_by else ""
        )
    if source_value is None or not same_text(source_value, record.source_fingerprint):
        info.previous_state, info.state = info.state, OUTDATED
    return info


def mark_reviewed(page, block_id, user):
    """A physician approves a machine translation as it stands (no edit needed).

    Not the one who asked for it: a machine translation is checked by a second person
    (access.policy.may_mark_translation_reviewed).
    """
    record = SectionTranslation.objects.select_related("source_page").get(page=page, block_id=block_id)
    if record.method != SectionTranslation.Method.MACHINE:
        raise ValueError("Only machine-translated sections can be marked as reviewed.")
    if not may_mark_translation_reviewed(user, record.requested_by_id):
        if record.requested_by_id == user.pk:
            raise ValueError(
                _("You asked for this machine translation, so another reviewer has to mark it as reviewed.")
            )
        raise ValueError(_("You may not mark machine translations as reviewed."))
    source_value = _sections_by_id(record.source_page).get(block_id)
    if source_value is None:
        raise ValueError("The source section no longer exists.")
    # Reviewing confirms the translation against the source as it is now.
    record.source_fingerprint = section_fingerprint(source_value)
    record.reviewed_by, record.reviewed_at = user, timezone.now()
    record.save(update_fields=["source_fingerprint", "reviewed_by", "reviewed_at"])
    return record


def record_translation(
    page,
    block_id,
    source_page,
    source_value,
    method,
    engine="",
    output_value=None,
    requested_by=None,
    translated_by=None,
):
    defaults = {
        "requested_by": requested_by,
        "translated_by": translated_by,
        "source_page": source_page,
        "method": method,
        "engine": engine,
        "translated_at": timezone.now(),
        "source_fingerprint": section_fingerprint(source_value),
        "output_fingerprint": section_fingerprint(output_value) if output_value is not None else "",
        "reviewed_by": None,
        "reviewed_at": None,
    }
    return SectionTranslation.objects.update_or_create(page=page, block_id=block_id, defaults=defaults)[0]


def record_editor_changes(sender, instance, revision=None, **kwargs):
    """When a person edits a machine-translated or copied section, it becomes a human translation.

    Its translator is the byline person of whoever wrote the published revision, if they have one.
    """
    methods = [SectionTranslation.Method.MACHINE, SectionTranslation.Method.COPY]
    editor = getattr(revision, "user", None)
    translator = _person_of(editor) if editor is not None else None
    records = {r.block_id: r for r in SectionTranslation.objects.filter(page=instance, method__in=methods)}
    for block_id, value in _sections_by_id(instance).items():
        record = records.get(block_id)
        if record and record.output_fingerprint and not same_text(value, record.output_fingerprint):
            record.method, record.engine = SectionTranslation.Method.HUMAN, ""
            record.translated_at, record.translated_by = timezone.now(), translator
            record.save(update_fields=["method", "engine", "translated_at", "translated_by"])


def glossary_for(source_lang, target_lang):
    """(keep terms, term pairs) in the direction of translation."""
    keep, pairs = [], []
    for term in GlossaryTerm.objects.all():
        src, dst = (term.german, term.english) if source_lang == "de" else (term.english, term.german)
        if term.keep:
            keep.append(src)
        else:
            pairs.append((src, dst))
    return keep, pairs


def translate_html(engine, texts, source_lang, target_lang):
    """Translate HTML fragments with protected tokens; reject replies that lost any."""
    keep, pairs = glossary_for(source_lang, target_lang)
    replacements = {} if engine.supports_glossary else dict(pairs)
    prepared = [protection.protect(text, keep, replacements) for text in texts]
    if not texts:
        return []
    replies = engine.translate(
        [p for p, _ in prepared], source_lang, target_lang, glossary=pairs if engine.supports_glossary else ()
    )
    return [protection.restore(reply, text, expected) for reply, text, (_, expected) in zip(replies, texts, prepared)]


def states_needing_translation(target, source):
    """Block ids of source sections that are missing in ``target`` or outdated there."""
    states = section_states(target) if target else {}
    existing = _sections_by_id(target) if target else {}
    return [
        block_id
        for block_id in _sections_by_id(source)
        if block_id not in existing or (states.get(block_id) and states[block_id].state in (OUTDATED, UNTRANSLATED))
    ]


def untranslated_articles(locale):
    """Published articles that have no published version in ``locale`` yet (shown with a note)."""
    translated = ArticlePage.objects.live().filter(locale=locale).values("translation_key")
    return (
        ArticlePage.objects.live()
        .exclude(locale=locale)
        .exclude(translation_key__in=translated)
        .select_related("locale")
        .prefetch_related("icd10_codes")
        .order_by("title")
    )


def start_job(source_page, target_locale, engine_name=None, only_outdated=False, user=None):
    engine = get_engine(engine_name)
    job = TranslationJob.objects.create(
        source_page=source_page,
        target_locale=target_locale,
        engine=engine.name,
        only_outdated=only_outdated,
        created_by=user,
    )
    # The task's module imports this one (the task runs ``run_job``), so it is imported here.
    from translation.tasks import translate_article_task

    transaction.on_commit(lambda: translate_article_task.enqueue(job.pk))
    return job


def run_job(job, progress=None):
    """Translate section by section; save and publish only when every section succeeded.

    On an engine or protection error the job is marked failed with the reason and
    nothing is saved, so the job can simply be started again.
    """
    source = ArticlePage.objects.get(pk=job.source_page_id)
    target = ArticlePage.objects.filter(translation_key=source.translation_key, locale=job.target_locale).first()
    if target is not None and target.has_unpublished_changes:
        # Publishing the machine text would bury a person's unpublished work.
        job.status, job.finished_at = TranslationJob.Status.FAILED, timezone.now()
        job.error = _(
            "The %(language)s version has unpublished changes. Publish or discard that draft first; then start the machine translation again."
        ) % {"language": job.target_locale.get_display_name()}
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    source_sections = _sections_by_id(source)
    wanted = states_needing_translation(target, source) if job.only_outdated else list(source_sections)
    job.status, job.sections_total, job.sections_done, job.error = TranslationJob.Status.RUNNING, len(wanted), 0, ""
    job.save(update_fields=["status", "sections_total", "sections_done", "error"])
    source_lang, target_lang = source.locale.language_code, job.target_locale.language_code
    try:
        engine = get_engine(job.engine)
        translated = {}
        for block_id in wanted:
            translated[block_id] = translate_html(
                engine, [source_sections[block_id]["text"].source], source_lang, target_lang
            )[0]
            job.sections_done += 1
            job.save(update_fields=["sections_done"])
            if progress:
                progress(job)
        title = None if target else translate_html(engine, [source.title], source_lang, target_lang)[0]
        _save_target(source, target, job, translated, title, engine.name)
    except (EngineError, protection.ProtectionError) as exc:
        job.status, job.error, job.finished_at = TranslationJob.Status.FAILED, str(exc), timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.status, job.finished_at = TranslationJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


@transaction.atomic
def _save_target(source, target, job, translated, title, engine_name):
    if target is None:
        target = source.copy_for_translation(job.target_locale)
        target.title = title
        target.slug = slugify(title) or source.slug
    target_blocks = {block["id"]: block for block in target.body.raw_data}
    source_sections = _sections_by_id(source)
    raw = []
    for block in source.body.raw_data:  # the target follows the source's order and block ids
        kept = dict(target_blocks.get(block["id"], block))
        if block["id"] in translated:
            kept = dict(block, value=dict(block["value"], text=translated[block["id"]]))
        raw.append(kept)
    target.body = raw
    target.save_revision().publish()
    target.refresh_from_db()
    published = _sections_by_id(target)
    for block_id in translated:
        record_translation(
            target,
            block_id,
            source,
            source_sections[block_id],
            SectionTranslation.Method.MACHINE,
            engine_name,
            published[block_id],
            requested_by=job.created_by,
        )


def create_for_manual_translation(source, target_locale, user=None):
    """Create the translation of ``source`` as a draft for an editor to translate by hand.

    Every section starts as a copy of the source section (so the editor sees what to
    translate and the layout, figures and block ids are kept) and is recorded as
    ``untranslated``; it becomes ``human`` when a person publishes a changed text.
    Returns the new page, or the existing translation unchanged if there is one.
    """
    existing = ArticlePage.objects.filter(translation_key=source.translation_key, locale=target_locale).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        target = source.copy_for_translation(target_locale)
        target.refresh_from_db()
        sections = _sections_by_id(target)
        source_sections = _sections_by_id(source)
        for block_id, value in sections.items():
            if block_id in source_sections:
                record_translation(
                    target,
                    block_id,
                    source,
                    source_sections[block_id],
                    SectionTranslation.Method.COPY,
                    output_value=value,
                )
        if user is not None and target.latest_revision is not None:
            target.latest_revision.user = user
            target.latest_revision.save(update_fields=["user"])
    return target


def pending_job(source_page, target_locale):
    """The queued or running job translating ``source_page`` into ``target_locale``, if any."""
    return (
        TranslationJob.objects.filter(
            source_page=source_page,
            target_locale=target_locale,
            status__in=[TranslationJob.Status.QUEUED, TranslationJob.Status.RUNNING],
        )
        .order_by("-created_at")
        .first()
    )


def may_request_for(user, page):
    """A reader may have an article machine-translated only if they may read every section of it.

    Otherwise text they are not allowed to see would be sent to an engine on their behalf.
    """
    return user.is_authenticated and all(may_see(user, value["access"]) for value in _sections_by_id(page).values())


class ReaderRequest:
    STARTED, PENDING, LIMITED, NO_ENGINE, FORBIDDEN, EXISTS = (
        "started",
        "pending",
        "limited",
        "no-engine",
        "forbidden",
        "exists",
    )


def request_reader_translation(source_page, target_locale, user, daily_limit):
    """A reader asks for a machine translation of an article missing in their language.

    Returns (outcome, job). At most one job per article and language is queued or
    running at a time, and a reader starts at most ``daily_limit`` jobs in 24 hours.
    """
    if not available_engines():
        return ReaderRequest.NO_ENGINE, None
    if not may_request_for(user, source_page):
        return ReaderRequest.FORBIDDEN, None
    with transaction.atomic():
        # Serialise requests for the same article so that two readers cannot both start a job.
        list(Page.objects.select_for_update().filter(pk=source_page.pk).values_list("pk", flat=True))
        if ArticlePage.objects.filter(translation_key=source_page.translation_key, locale=target_locale).exists():
            return ReaderRequest.EXISTS, None
        job = pending_job(source_page, target_locale)
        if job is not None:
            return ReaderRequest.PENDING, job
        since = timezone.now() - timedelta(days=1)
        if TranslationJob.objects.filter(created_by=user, created_at__gte=since).count() >= daily_limit:
            return ReaderRequest.LIMITED, None
        return ReaderRequest.STARTED, start_job(source_page, target_locale, user=user)
