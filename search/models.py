"""The search index: one row per published article, built only from text every reader may see.

The index is a derived copy (see search.indexing); it is rebuilt from the
articles at any time with ``manage.py rebuild_search_index``.
"""

from django.db import models


class SearchDocument(models.Model):
    """A published article as search sees it: public teaser only, never gated text."""

    page = models.OneToOneField("articles.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+")
    lang = models.CharField(max_length=8, db_index=True)
    translation_key = models.UUIDField(db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    codes = models.CharField(max_length=300, blank=True)  # display codes, space separated
    chapters = models.CharField(max_length=100, blank=True)  # " XIII II ": roman numerals between spaces
    teaser = models.TextField(blank=True)  # public teaser text, the only source of snippets

    def code_list(self):
        return self.codes.split()


class SearchTerm(models.Model):
    """A title, synonym or ICD-10 code of a document, for prefix matching and suggestions.

    Titles and synonyms get one row per word start ("chronic recurrent ...",
    "recurrent ...", ...), so a prefix lookup finds a phrase anywhere in the name.
    """

    TITLE, SYNONYM, CODE = 0, 1, 2

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    kind = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=255)  # as the editor wrote it
    folded = models.CharField(max_length=255)
    whole = models.BooleanField()  # folded is the whole name, not a tail of it

    class Meta:
        indexes = [models.Index(fields=["folded"], name="search_term_folded")]


class SearchCode(models.Model):
    """An article's ICD-10 code under its lookup key (icd10.codes.search_key)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="code_keys")
    icd_key = models.CharField(max_length=16, db_index=True)


class SearchPosting(models.Model):
    """A folded word of a document's title, synonyms or public teaser (never gated text)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="postings")
    word = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["word"], name="search_posting_word")]


class SearchWord(models.Model):
    """The vocabulary of titles and synonyms, for correcting typos ("osteomielitis")."""

    word = models.CharField(max_length=64, unique=True)
    gram_count = models.PositiveSmallIntegerField()


class SearchTrigram(models.Model):
    """Trigrams of the vocabulary; used where PostgreSQL's pg_trgm is not available (SQLite)."""

    gram = models.CharField(max_length=3)
    word = models.ForeignKey(SearchWord, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["gram"], name="search_trigram_gram")]


class SearchQueryDay(models.Model):
    """How often one query was searched on one day: counts only, never who searched.

    No user, session, address or time of day is kept, only the normalised query
    text and three counts per day; rows older than ``search.log.RETENTION_DAYS``
    are deleted. Editors read the last 30 days as search dead ends (editorial app).
    """

    day = models.DateField()
    query = models.CharField(max_length=200)  # search.log.normalised(): whitespace collapsed, lower case
    searches = models.PositiveIntegerField(default=0)
    empty = models.PositiveIntegerField(default=0)  # searches that found no article
    clicks = models.PositiveIntegerField(default=0)  # results opened from the results page

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="one_search_log_row_per_day_and_query")]
        indexes = [models.Index(fields=["day"], name="search_query_day_day")]
