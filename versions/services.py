"""Recording each publish of an article as a version, and what changed between two versions."""

import difflib
import html
import re

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from access.policy import AccessLevel, may_see, may_view_page, tier_for
from articles import rendering
from articles.models import ArticlePage, ChangeKind
from versions.models import ArticleVersion


def record_version(sender, instance, revision=None, **kwargs):
    """``page_published``: the revision becomes the article's next version, with the kind and summary it carries.

    The page row is locked first, so two publishes of one article at the same
    moment get consecutive numbers rather than one failing on the unique number.
    """
    if revision is None:
        return
    # Its own transaction where the publish has none (a publish from code, a command).
    with transaction.atomic():
        ArticlePage.objects.select_for_update().filter(pk=instance.pk).first()
        last = ArticleVersion.objects.filter(page=instance).order_by("-number").first()
        if last is not None and last.revision_id == revision.pk:
            return  # the same revision published again: no new text, no new version
        ArticleVersion.objects.create(
            page=instance,
            revision=revision,
            content=revision.content,
            number=last.number + 1 if last else 1,
            kind=instance.change_kind,
            summary=instance.change_summary.strip(),
            published_at=instance.last_published_at or timezone.now(),
        )


def live_article(request, path):
    """The live article at ``path`` (below the language's home page) that this request may view, or None.

    Found the way Wagtail routes a page; an article behind a view restriction the
    request does not pass is None, as on the API: its history is its content's.
    """
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    page, args, kwargs = route
    if not isinstance(page, ArticlePage) or args or kwargs or not may_view_page(request, page):
        return None
    return page


def may_see_changes(user):
    """The text of a change is the article's text, so the diffs are for readers of the full text."""
    return may_see(user, AccessLevel.PROFESSIONAL)


def as_published(version):
    """The article as it was published in ``version``."""
    return version.page.with_content_json(version.content)


def last_content_change(page, number):
    """When the content last changed as of version ``number``: the latest version up to it that is not editorial."""
    if number == page.versions.order_by("-number").values_list("number", flat=True).first():
        return page.last_updated()
    latest = page.versions.filter(number__lte=number).exclude(kind=ChangeKind.EDITORIAL).order_by("-number").first()
    return latest.published_at if latest else None


BLOCK_END = re.compile(r"</(p|li|h\d|ul|ol)>", re.IGNORECASE)


def plain_text(section_html):
    """A section's text as a reader reads it: paragraphs and list items on lines of their own."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", str(section_html))))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def readable_sections(page, tier):
    """(kind, heading, plain text) of each section ``tier`` may read; gated ones are left out, not emptied."""
    with translation.override(page.locale.language_code):
        return [(s.kind, s.heading, plain_text(s.html)) for s in rendering.sections(page, tier) if not s.locked]


WORDS = re.compile(r"\s+|[^\s]+")


def word_diff_html(before, after):
    """``before`` → ``after`` word by word, as HTML: ``<del>`` and ``<ins>``, each with a label screen readers say."""
    old, new = WORDS.findall(before), WORDS.findall(after)
    removed, added = escape(gettext("removed:")), escape(gettext("added:"))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                f'<del><span class="visually-hidden">[{removed} </span>{escape("".join(old[i1:i2]))}<span class="visually-hidden">]</span></del>'
            )
        if op == "replace":
            out.append(" ")  # removed and added words apart, as a reader compares them
        if op in ("insert", "replace"):
            out.append(
                f'<ins><span class="visually-hidden">[{added} </span>{escape("".join(new[j1:j2]))}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(out))


def changes(before, after, tier):
    """The sections ``tier`` may read that differ between two versions of an article, each with its word diff."""
    old, new = readable_sections(before, tier), readable_sections(after, tier)
    old_text = {kind: text for kind, _heading, text in old}
    new_kinds = {kind for kind, _heading, _text in new}
    result = [
        {"heading": heading, "diff": word_diff_html(old_text.get(kind, ""), text)}
        for kind, heading, text in new
        if old_text.get(kind, "") != text
    ]
    result += [
        {"heading": heading, "diff": word_diff_html(text, "")} for kind, heading, text in old if kind not in new_kinds
    ]
    return result


def history(page, user):
    """The versions of ``page``, newest first, each with its changes when ``user`` may see them (else None)."""
    versions = list(page.versions.order_by("number"))
    tier = tier_for(user)
    show_changes = may_see_changes(user)
    entries, previous = [], None
    for version in versions:
        published = as_published(version) if show_changes else None
        entry = {"version": version, "changes": None}
        if show_changes and previous is not None:
            with translation.override(page.locale.language_code):
                entry["changes"] = changes(previous, published, tier)
        entries.append(entry)
        previous = published
    return list(reversed(entries))
