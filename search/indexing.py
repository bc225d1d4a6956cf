"""Writing articles into the search index (search.models).

Only what every reader may see goes in: title, synonyms, ICD-10 codes and the
public teaser (ArticlePage.public_text). Gated sections never reach the index,
so no query, snippet or suggestion can reveal them.
"""

from django.db import connection, transaction

from articles.models import ArticlePage
from core.text import fold, trigrams
from icd10 import catalogue
from icd10.codes import Icd10Error
from search.models import SearchCode, SearchDocument, SearchPosting, SearchTerm, SearchTrigram, SearchWord

MIN_VOCABULARY_WORD = 4  # shorter words are abbreviations: matched exactly, not corrected


def _chapters(codes):
    found = []
    for code in codes:
        try:
            chapter = catalogue.chapter_of(code.who_code)
        except Icd10Error:
            continue
        if chapter not in found:
            found.append(chapter)
    return f" {' '.join(found)} " if found else ""


def _name_terms(document, kind, name):
    words = fold(name).split()
    return [
        SearchTerm(
            document=document, kind=kind, text=name[:255], folded=" ".join(words[start:])[:255], whole=start == 0
        )
        for start in range(len(words))
    ]


def _add_vocabulary(names):
    wanted = {
        w for name in names for w in fold(name).split() if MIN_VOCABULARY_WORD <= len(w) <= 64 and not w.isdigit()
    }
    if not wanted:
        return
    known = set(SearchWord.objects.filter(word__in=wanted).values_list("word", flat=True))
    new = [SearchWord(word=w, gram_count=len(trigrams(w))) for w in sorted(wanted - known)]
    if not new:
        return
    SearchWord.objects.bulk_create(new, ignore_conflicts=True)
    if connection.vendor != "postgresql":  # PostgreSQL matches with pg_trgm instead
        ids = dict(SearchWord.objects.filter(word__in=[w.word for w in new]).values_list("word", "id"))
        SearchTrigram.objects.bulk_create(
            [SearchTrigram(gram=g, word_id=ids[w.word]) for w in new for g in trigrams(w.word)]
        )


def document_for(page):
    """The index rows of ``page`` (unsaved): document, terms, code keys and word postings."""
    codes = list(page.icd10_codes.all())
    synonyms = page.synonym_list()
    teaser = page.public_text()
    document = SearchDocument(
        page_id=page.pk,
        lang=page.locale.language_code,
        translation_key=page.translation_key,
        title=page.title,
        url=page.get_url() or page.url_path,
        codes=" ".join(c.code for c in codes),
        chapters=_chapters(codes),
        teaser=teaser,
    )
    terms = _name_terms(document, SearchTerm.TITLE, page.title)
    for synonym in synonyms:
        terms += _name_terms(document, SearchTerm.SYNONYM, synonym)
    for code in codes:
        terms.append(
            SearchTerm(
                document=document,
                kind=SearchTerm.CODE,
                text=code.code,
                folded=code.icd_key.lower().rstrip("-"),
                whole=True,
            )
        )
    keys = [SearchCode(document=document, icd_key=code.icd_key) for code in codes]
    words = set(fold(" ".join([page.title, *synonyms, teaser])).split())
    keys += [SearchPosting(document=document, word=word) for word in sorted(words) if len(word) <= 64]
    return document, terms, keys, [page.title, *synonyms]


def _write(rows):
    documents, terms, keys, names = [], [], [], []
    for document, page_terms, page_keys, page_names in rows:
        documents.append(document)
        terms += page_terms
        keys += page_keys
        names += page_names
    SearchDocument.objects.bulk_create(documents)
    SearchTerm.objects.bulk_create(terms, batch_size=2000)
    SearchCode.objects.bulk_create([row for row in keys if isinstance(row, SearchCode)], batch_size=2000)
    SearchPosting.objects.bulk_create([row for row in keys if isinstance(row, SearchPosting)], batch_size=2000)
    _add_vocabulary(names)


@transaction.atomic
def index_page(page):
    """Put the live version of ``page`` into the index, replacing what was there."""
    SearchDocument.objects.filter(page_id=page.pk).delete()
    if page.live:
        _write([document_for(page)])


def index_pages(pages):
    """Add freshly created live pages in one go (no earlier index rows)."""
    _write([document_for(page) for page in pages if page.live])


def remove_page(page_id):
    SearchDocument.objects.filter(page_id=page_id).delete()


def _live_articles():
    return ArticlePage.objects.live().select_related("locale").prefetch_related("icd10_codes").order_by("pk")


def rebuild(batch_size=200, progress=None):
    """Rebuild the whole index from the live articles; ``progress(done, total)`` after each batch."""
    articles = _live_articles()
    total = articles.count()
    with transaction.atomic():
        SearchWord.objects.all().delete()  # cascades to trigrams; stale words go with them
        SearchDocument.objects.all().delete()
        done = 0
        last_pk = 0
        while done < total:
            batch = list(articles.filter(pk__gt=last_pk)[:batch_size])
            if not batch:
                break
            _write([document_for(page) for page in batch])
            done += len(batch)
            last_pk = batch[-1].pk
            if progress:
                progress(done, total)
    return total
