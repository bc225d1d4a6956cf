"""Loading the demo content (articles/demo_content/*.json) into the page tree.

Idempotent: pages are found again by a translation key derived from the
article's key, and a new revision is published only when the content differs.
The editorial dates ("Last updated", the review dates) are the content's own,
not the day it was loaded.
"""

import datetime
import json
import uuid
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from articles.models import (
    ArticleAuthor,
    ArticleContentStamp,
    ArticleIcd10Code,
    ArticlePage,
    ArticleReference,
    ArticleReviewer,
    RelatedArticle,
)
from articles.signals import content_fingerprint
from people.demo import ensure_people, remove_former_bylines
from references.models import record_for
from specialties.demo import ensure_specialties

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
LANGUAGES = ("de", "en")
_NAMESPACE = uuid.UUID("6f1c1a52-1f0e-4f57-9a51-6a0e5b0c7d11")


def translation_key(key):
    return uuid.uuid5(_NAMESPACE, key)


def read_articles():
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CONTENT_DIR.glob("*.json"))]


def ensure_image(spec, lang):
    """The figure's image in ``lang``: its labels are in the language of the article showing it."""
    Image = get_image_model()
    file_name = spec["files"][lang]
    title = f"medlex demo: {file_name}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(CONTENT_DIR / "images" / file_name, "rb") as handle:
            image = Image(title=title)
            image.file = ImageFile(handle, name=file_name)
            image.save()
    return image


def section_block_id(article_key, index):
    """The same block id in both languages: the English section translates the German one."""
    return str(uuid.uuid5(_NAMESPACE, f"{article_key}:section:{index}"))


def _body(article_key, sections, figures, images):
    body = []
    for index, section in enumerate(sections):
        body.append(
            {
                "type": "section",
                "id": section_block_id(article_key, index),
                "value": {
                    "kind": section["kind"],
                    "access": section["access"],
                    "text": section["html"],
                    "figures": [
                        {
                            "image": images[figure["ref"]].pk,
                            "caption": figure["caption"],
                            "alt_text": figure["alt"],
                            "credit": figures[figure["ref"]]["credit"],
                            "licence": figures[figure["ref"]]["licence"],
                        }
                        for figure in section.get("figures", [])
                    ],
                },
            }
        )
    return body


def editorial_date(value):
    """A date of the content (``2026-06-22``, or ``2026-05`` for a month) as a date."""
    return datetime.date.fromisoformat(value if len(value) > 7 else f"{value}-01")


def editorial_time(value):
    """A day of the content as a moment on that day in the site's time zone (for publish times)."""
    return timezone.make_aware(datetime.datetime.combine(editorial_date(value), datetime.time(10)))


def _fill(page, article, lang, images, people, specialties):
    text = article[lang]
    editorial = article["editorial"]
    page.medically_reviewed_on = editorial_date(editorial["medically_reviewed_on"])
    page.literature_reviewed_through = editorial_date(editorial["literature_reviewed_through"])
    page.next_review_due = editorial_date(editorial["next_review_due"])
    page.title = text["title"]
    page.slug = text["slug"]
    page.synonyms = "\n".join(text["synonyms"])
    page.body = _body(article["key"], text["sections"], article.get("figures", {}), images)
    page.icd10_codes = [ArticleIcd10Code(code=code) for code in article["icd10"]]
    page.specialties = [specialties[key] for key in article["specialties"]]
    page.authors = [ArticleAuthor(person=people[key]) for key in text["authors"]]
    page.reviewers = [ArticleReviewer(person=people[key]) for key in text["reviewers"]]
    page.references = [
        ArticleReference(
            reference=record_for(
                authors="\n".join(r["authors"]),
                et_al=r.get("et_al", False),
                year=r["year"],
                title=r["title"],
                container=r["journal"],
                volume=r.get("volume", ""),
                issue=r.get("issue", ""),
                pages=r.get("pages", ""),
                doi=r.get("doi", ""),
                pmid=r.get("pmid", ""),
            )
        )
        for r in article["references"]
    ]


def _state(page):
    """What a publish of the demo content can change: the content, the review dates and the specialties."""
    return (
        content_fingerprint(page),
        page.medically_reviewed_on,
        page.literature_reviewed_through,
        page.next_review_due,
        sorted(specialty.pk for specialty in page.specialties.all()),
    )


def _publish_if_changed(page, before):
    if before != _state(page) or not page.live:
        page.save_revision().publish()
        return True
    return False


def stamp_last_updated(page, article):
    """ "Last updated" as the content says, whenever the demo content was loaded."""
    changed_at = editorial_time(article["editorial"]["last_updated"])
    ArticleContentStamp.objects.update_or_create(
        page=page, defaults={"fingerprint": content_fingerprint(page), "changed_at": changed_at}
    )


def load(homes):
    """Create or update the demo articles below ``homes`` (by language).

    Returns the number of pages published and the pages by (article key, language).
    """
    articles = read_articles()
    people = ensure_people()
    specialties = ensure_specialties()
    unknown = {key for article in articles for key in article["specialties"]} - set(specialties)
    if unknown:
        raise ValueError(f"Demo articles name specialties that specialties/demo.py does not have: {sorted(unknown)}")
    published = 0
    pages = {}
    for article in articles:
        for lang in LANGUAGES:
            images = {ref: ensure_image(spec, lang) for ref, spec in article.get("figures", {}).items()}
            key = translation_key(article["key"])
            page = ArticlePage.objects.filter(translation_key=key, locale=homes[lang].locale).first()
            before = _state(page) if page else None
            if page is None:
                page = ArticlePage(translation_key=key, locale=homes[lang].locale)
                _fill(page, article, lang, images, people, specialties)
                homes[lang].add_child(instance=page)
            else:
                _fill(page, article, lang, images, people, specialties)
            published += _publish_if_changed(page, before)
            pages[(article["key"], lang)] = page
    for article in articles:
        for lang in LANGUAGES:
            page = pages[(article["key"], lang)]
            wanted = [pages[(other, lang)].pk for other in article["related"]]
            if [link.target_id for link in page.related_articles.all()] != wanted:
                page.related_articles = [RelatedArticle(target_id=pk) for pk in wanted]
                page.save_revision().publish()
            stamp_last_updated(page, article)
    remove_former_bylines()
    return published, pages
