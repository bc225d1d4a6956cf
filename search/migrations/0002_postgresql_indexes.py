"""PostgreSQL only: pg_trgm for typo correction, pattern-ops indexes for prefix lookups."""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON medlex_search_searchword USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_posting_word_pattern ON medlex_search_searchposting (word varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS search_term_folded_pattern ON medlex_search_searchterm (folded varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS search_code_key_pattern ON medlex_search_searchcode (icd_key varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_word_trgm",
    "DROP INDEX IF EXISTS search_posting_word_pattern",
    "DROP INDEX IF EXISTS search_term_folded_pattern",
    "DROP INDEX IF EXISTS search_code_key_pattern",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("medlex_search", "0001_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
