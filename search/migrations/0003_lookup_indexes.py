"""Indexes for the lookups of search.services, written per database.

* postings by (word, document) for prefix scans that never touch the table, and by
  (document, word) to check a common word only on the documents a rarer word found;
* title/synonym rows by (document, folded) for the same check on names, and by
  (whole, folded) so type-ahead reads whole-name prefixes without the word starts;
* trigrams by (gram, word) so typo correction counts shared trigrams from the index.

PostgreSQL gets varchar_pattern_ops on the text columns so LIKE 'prefix%' can use them,
and its trigram index of the vocabulary stops collecting new words in a pending list:
every typo lookup scans that list until a vacuum merges it (after a bulk import,
30 ms instead of 1 ms per lookup), while the vocabulary only grows by a few words
per published article.
"""

from django.db import migrations

INDEXES = [
    ("search_posting_word_doc", "medlex_search_searchposting", [("word", True), ("document_id", False)]),
    ("search_posting_doc_word", "medlex_search_searchposting", [("document_id", False), ("word", True)]),
    ("search_term_doc_folded", "medlex_search_searchterm", [("document_id", False), ("folded", True)]),
    ("search_term_whole_folded", "medlex_search_searchterm", [("whole", False), ("folded", True)]),
    ("search_trigram_gram_word", "medlex_search_searchtrigram", [("gram", False), ("word_id", False)]),
]


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, table, columns in INDEXES:
        spec = ", ".join(f"{column} varchar_pattern_ops" if text and postgres else column for column, text in columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({spec})")
    if postgres:
        schema_editor.execute("ALTER INDEX search_word_trgm SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list('search_word_trgm')")
        schema_editor.execute("ANALYZE medlex_search_searchposting")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_word_trgm RESET (fastupdate)")
    for name, _table, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("medlex_search", "0002_postgresql_indexes")]

    operations = [migrations.RunPython(create, drop)]
