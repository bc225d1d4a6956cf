"""A synthetic benchmark corpus: one article per WHO ICD-10 code, clearly marked as synthetic.

Used by the relevance tests and bench/search.py; never loaded by ``make run``.
Every article's slug starts with ``synthetic-``, its first (public) section
says it is synthetic, and its gated sections hold generated text, so the
corpus also exercises the rule that gated text is never indexed.
"""

import json
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from articles.models import ArticleAuthor, ArticleIcd10Code, ArticlePage
from icd10 import catalogue
from icd10.codes import parse_article_code
from people.models import Person
from search import indexing

SLUG_PREFIX = "synthetic-"
_NAMESPACE = uuid.UUID("0b7e3d55-7f43-4a39-9a8e-5a51c3d1e6a2")
_PHRASES = [
    "presents with pain and swelling",
    "is diagnosed from the history, examination and imaging",
    "is treated according to current guidelines",
    "may be confused with",
    "is more common in adults than in children",
    "often resolves within weeks",
    "needs follow-up by a specialist",
]


def codes():
    """All WHO categories and subcategories in catalogue order."""
    found = []

    def walk(entry):
        if entry.kind in ("category", "subcategory"):
            found.append(entry)
        for child in catalogue.children(entry.code) if entry.has_children else ():
            walk(child)

    for chapter in catalogue.chapters():
        walk(chapter)
    return found


def _section(kind, access, text):
    return {
        "type": "section",
        "value": {"kind": kind, "access": access, "text": f"<p>{text}</p>", "figures": []},
        "id": str(uuid.uuid4()),
    }


def _article(entry, round_number, rng, all_entries):
    """Title, slug, translation key, synonyms and body of one synthetic article."""
    other = rng.choice(all_entries)
    suffix = f" ({round_number + 1})" if round_number else ""
    public = (
        f"Synthetic benchmark article, not medical content. {entry.description} ({entry.code}) "
        f"{rng.choice(_PHRASES)}. It {rng.choice(_PHRASES)} {other.description.lower()}."
    )
    gated = " ".join(f"{entry.description} {rng.choice(_PHRASES)}." for _ in range(6))
    return {
        "title": f"{entry.description}{suffix}"[:250],
        "slug": f"{SLUG_PREFIX}{entry.code.lower().replace('.', '-')}{'-copy' + str(round_number + 1) if round_number else ''}",
        "translation_key": uuid.uuid5(_NAMESPACE, f"{entry.code}/{round_number}"),
        "synonyms": entry.code.replace(".", ""),
        "body": [
            _section("definition", "public", public),
            _section("clinical_features", "professional", gated),
            _section("therapy", "professional", gated),
        ],
        "code": entry.code,
    }


def _insert(home, specs, next_position):
    """Bulk-insert live article pages below ``home``.

    Wagtail's add_child creates about 20 pages a second (revisions, reference
    and search indexes); a 20,000-article benchmark corpus needs a faster
    path. Pages are written directly with the tree fields treebeard expects.
    """
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    pages = []
    for offset, spec in enumerate(specs):
        pages.append(
            Page(
                path=home.path + _step(next_position + offset),
                depth=home.depth + 1,
                numchild=0,
                translation_key=spec["translation_key"],
                locale_id=home.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
                title=spec["title"],
                draft_title=spec["title"],
                slug=spec["slug"],
                content_type=content_type,
                url_path=f"{home.url_path}{spec['slug']}/",
                search_description="Synthetic benchmark article",
            )
        )
    Page.objects.bulk_create(pages)
    ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "id"))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ArticlePage._meta.db_table} (page_ptr_id, synonyms, body) VALUES (%s, %s, %s)",
            [(ids[page.path], spec["synonyms"], json.dumps(spec["body"])) for page, spec in zip(pages, specs)],
        )
    ArticleIcd10Code.objects.bulk_create(
        [
            ArticleIcd10Code(page_id=ids[page.path], sort_order=0, **_code_fields(spec["code"]))
            for page, spec in zip(pages, specs)
        ]
    )
    generator = Person.objects.get_or_create(
        slug="medlex-corpus-generator",
        defaults={"name": "medlex corpus generator", "disclosure_de": "Synthetisch", "disclosure_en": "Synthetic"},
    )[0]
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(page_id=ids[page.path], sort_order=0, person=generator) for page in pages]
    )
    return list(
        ArticlePage.objects.filter(pk__in=ids.values()).select_related("locale").prefetch_related("icd10_codes")
    )


def _code_fields(code):
    parsed = parse_article_code(code)
    return {"code": parsed.code, "who_code": parsed.who_code, "icd_key": parsed.key}


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number):
    """The treebeard path step (four base-36 digits) of the ``number``-th child, counting from 1."""
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits = _ALPHABET[rest] + digits
    return digits


def home_page(lang):
    """The home page of ``lang``: the default site's root page in that language (``manage.py load_demo`` makes both)."""
    return Site.objects.get(is_default_site=True).root_page.get_translation(Locale.objects.get(language_code=lang))


def generate(count, progress=None, batch_size=500, lang="en"):
    """Create ``count`` synthetic articles (those that exist already are kept) and index them."""
    home = home_page(lang)
    entries = codes()
    rng = random.Random(20261125)
    existing = set(ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    created = 0
    for start in range(0, count, batch_size):
        specs = [
            _article(entries[n % len(entries)], n // len(entries), rng, entries)
            for n in range(start, min(start + batch_size, count))
        ]
        specs = [spec for spec in specs if spec["slug"] not in existing]
        if specs:
            with transaction.atomic():
                home.refresh_from_db()
                last = home.get_last_child()
                position = (int(last.path[-4:], 36) + 1) if last else 1
                pages = _insert(home, specs, position)
                Page.objects.filter(pk=home.pk).update(numchild=home.numchild + len(pages))
                indexing.index_pages(pages)
            created += len(specs)
        if progress:
            progress(min(start + batch_size, count), count)
    return created


def delete():
    """Remove the synthetic corpus again."""
    pages = ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX)
    removed = pages.count()
    for page in pages.iterator():
        page.delete()
    return removed
