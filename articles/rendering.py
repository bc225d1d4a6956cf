"""Rendering of an article's content for one access tier.

Everything here depends only on (page revision, language, access tier), never on
the individual reader, so the result can be cached per tier. The few per-reader
bits (which message a locked section shows) are filled in afterwards by
``access.gates.fill``.
"""

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.images import get_image_model

from access.gates import GATE_PLACEHOLDER
from access.policy import Tier, tier_may_see
from articles import citations
from articles.sections import ORIGINAL, SECTION_STATES_HOOK, SectionKind, SectionState, section_anchor
from functions.services import tools_for_codes
from icd10 import catalogue
from icd10.codes import Icd10Error
from specialties.models import ordered

FIGURE_RENDITION = "max-960x720"

# Apps above articles add links to an article's header (the version history) by
# registering ``fn(page, url) -> [{"label": str, "url": str}]`` for this hook; it
# is called in the article's language, and the answer is cached with the article.
ARTICLE_LINKS_HOOK = "article_header_links"
# Apps above articles add something of their own right under the heading of each
# section a tier may read (the reader's notes on it) by registering
# ``fn(page, section, tier) -> html`` (``section`` a SectionView) for this hook. It is
# called in the article's language, and the answer is cached with the article and
# shared by every reader of the tier: anything of one reader's own must be a reader
# part's placeholder (delivery.parts), filled for each reader.
SECTION_ADDITIONS_HOOK = "article_section_additions"


@dataclass
class FigureView:
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    licence: str


@dataclass
class SectionView:
    kind: str
    heading: str
    anchor: str
    access: str
    locked: bool
    html: str | None = None
    figures: list = field(default_factory=list)
    figures_locked: int = 0
    shows_gate: bool = False  # the one place the reader's way to the locked text is explained
    additions: str = ""  # HTML under the heading from SECTION_ADDITIONS_HOOK (render_body only)
    translation: SectionState = field(default_factory=lambda: SectionState(ORIGINAL))


def section_states(page, url_cache=None):
    """Where each section's text comes from, by block id, as the apps registered for SECTION_STATES_HOOK say.

    A section none of them names is ``original``.
    """
    states = {}
    for states_of in hooks.get_hooks(SECTION_STATES_HOOK):
        states.update(states_of(page, url_cache))
    return states


def sections(page, tier, url_cache=None, citation_places=None):
    """The sections of ``page`` as ``tier`` may see them; gated ones carry no text.

    ``citation_places`` (a citations.CitationPlaces) collects where the visible text
    cites each reference; a locked section cites nothing, so no link leads into it.
    """
    views = []
    visible_figures = []
    states = section_states(page, url_cache)
    for block in page.body:
        if block.block_type != "section":
            continue
        value = block.value
        heading = str(SectionKind(value["kind"]).label)
        view = SectionView(
            kind=value["kind"],
            heading=heading,
            anchor=section_anchor(value["kind"]),
            access=value["access"],
            locked=not tier_may_see(tier, value["access"]),
        )
        if block.id in states:
            view.translation = states[block.id]
        if not view.locked:
            view.html = mark_safe(citations.link_citations(value["text"].__html__(), citation_places, heading))
            if tier == Tier.PROFESSIONAL:
                visible_figures.extend((view, figure) for figure in value["figures"])
            else:
                view.figures_locked = len(value["figures"])
        views.append(view)
    _attach_figures(visible_figures)
    # One gate, not one per section: the reader's message stands at the first locked text;
    # every later locked section is its heading and a lock.
    first_gate = next((view for view in views if view.locked or view.figures_locked), None)
    if first_gate is not None:
        first_gate.shows_gate = True
    return views


def _attach_figures(pairs):
    """Look up all figure renditions in one query, whatever the number of figures.

    The images themselves were loaded with the sections (in one query).
    """
    images = [figure["image"] for _, figure in pairs if figure["image"]]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=FIGURE_RENDITION)
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
    for view, figure in pairs:
        image = figure["image"]
        if image is None:
            continue
        rendition = image.get_rendition(FIGURE_RENDITION)
        view.figures.append(
            FigureView(
                url=rendition.url,
                width=rendition.width,
                height=rendition.height,
                alt=figure["alt_text"],
                caption=figure["caption"],
                credit=figure["credit"],
                licence=figure["licence"],
            )
        )


# Where a block element ends, so does a run of text: "[4, 6].</p><p>Chronic" is two sentences, not "[4, 6].Chronic".
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|ul|ol|table|tr|td|th|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html):
    return strip_tags(BLOCK_END.sub(lambda end: end.group(0) + "\n", html))


def public_plain_text(page):
    """The plain text of the public teaser sections (for search indexing and snippets)."""
    parts = []
    for block in page.body:
        if block.block_type == "section" and tier_may_see(Tier.PUBLIC, block.value["access"]):
            parts.append(plain_text(block.value["text"].__html__()))
    return "\n".join(parts)


def new_url_cache():
    """A stand-in request for Wagtail's URL methods, shared by all URLs of one rendering.

    It keeps the sites' root paths (read once) and names no current site: a rendered
    article is shared by requests to any host, so its URLs must not depend on one.
    """
    return SimpleNamespace(_wagtail_site=None)


def translation_links(page, url_cache=None):
    """Links to the published translations, each worded in its own language."""
    links = []
    for other in page.get_translations().live().select_related("locale"):
        code = other.locale.language_code
        with translation.override(code):
            label = gettext("This article in %(language)s") % {
                "language": translation.get_language_info(code)["name_local"]
            }
        links.append({"lang": code, "url": other.get_url(request=url_cache), "label": label})
    return links


def header_links(page, url_cache=None):
    """The links the apps registered for ARTICLE_LINKS_HOOK add to the article's header."""
    url = page.get_url(request=url_cache)
    return [
        {"label": str(link["label"]), "url": link["url"]}
        for links_of in hooks.get_hooks(ARTICLE_LINKS_HOOK)
        for link in links_of(page, url)
    ]


def people_links(links, language):
    """Name, degree and profile address of the people an article names, in their order."""
    return [
        {"name": link.person.name, "degree": link.person.degree, "url": link.person.get_absolute_url(language)}
        for link in links.select_related("person")
    ]


def specialty_links(page, language):
    """The specialties the article is filed under, each linking to its page, in alphabetical order."""
    return [
        {"name": specialty.name(language), "url": specialty.get_absolute_url(language)}
        for specialty in ordered(page.specialties.all(), language)
    ]


def render_article(page, tier):
    """Everything of an article page that depends only on (revision, language, tier).

    Plain data and HTML strings, so it can be cached and shared by readers of a tier.
    """
    url_cache = new_url_cache()
    codes = [code.code for code in page.icd10_codes.all()]
    return {
        "title": page.title,
        "full_url": page.get_full_url(request=url_cache),
        "lang": page.locale.language_code,
        "icd10": codes,
        "icd10_links": catalogue_links(codes),
        "synonyms": page.synonym_list(),
        "authors": people_links(page.authors, page.locale.language_code),
        "reviewers": people_links(page.reviewers, page.locale.language_code),
        "specialties": specialty_links(page, page.locale.language_code),
        "last_updated": page.last_updated(),
        "medically_reviewed_on": page.medically_reviewed_on,
        "literature_reviewed_through": page.literature_reviewed_through,
        "next_review_due": page.next_review_due,
        "links": header_links(page, url_cache),
        "translations": translation_links(page, url_cache),
        "body_html": str(render_body(page, tier, url_cache, codes)),
    }


def literature(page):
    """The records of ``page``'s literature list, in the order of their numbers."""
    return [entry.reference for entry in page.references.select_related("reference")]


def catalogue_links(codes):
    """Each ICD-10 code of the article with the address of its entry in the catalogue (none for a code it lacks)."""
    links = []
    for code in codes:
        try:
            url = reverse("icd10:code", args=[catalogue.entry(code).code])
        except Icd10Error:
            url = ""
        links.append({"code": code, "url": url})
    return links


def cited_literature(page, places):
    """The literature list, each record with the places of the rendered text that cite it."""
    return [
        {"record": record, "number": number, "back_links": places.back_links(number)}
        for number, record in enumerate(literature(page), start=1)
    ]


def add_section_additions(page, section_views, tier):
    """What the apps registered for SECTION_ADDITIONS_HOOK put under each section's heading."""
    additions_of = hooks.get_hooks(SECTION_ADDITIONS_HOOK)
    for view in section_views:
        view.additions = mark_safe("".join(str(add(page, view, tier)) for add in additions_of))


def render_body(page, tier, url_cache=None, codes=None):
    """The HTML of the article's content for ``tier``, with gate placeholders.

    The table of contents names the clinical tools when the article's ICD-10 codes
    have any (functions.services.tools_for_codes, shown at the top of the page).
    """
    url_cache = url_cache or new_url_cache()
    if codes is None:
        codes = [code.code for code in page.icd10_codes.all()]
    places = citations.CitationPlaces()
    section_views = sections(page, tier, url_cache, places)
    add_section_additions(page, section_views, tier)
    related = [
        {"title": link.target.title, "url": link.target.get_url_parts(request=url_cache)[2]}
        for link in page.related_articles.select_related("target")
        if link.target.live
    ]
    context = {
        "page": page,
        "sections": section_views,
        # Where some sections are translated, the others say quietly that they are the original.
        "original_lang": page.locale.language_code
        if any(view.translation.state != ORIGINAL for view in section_views)
        else "",
        "references": cited_literature(page, places),
        "has_tools": bool(tools_for_codes(codes)),
        "related": related,
        "gate_placeholder": GATE_PLACEHOLDER,
    }
    return render_to_string("articles/article_body.html", context)
