"""Which statements of the pending migrations would hold the site up during a deploy (PostgreSQL).

A deploy migrates while the old release still serves (docs/operations.md). Some
statements lock a table for as long as they scan or rewrite it: readers and writers of
that table wait, and with them the requests. That matters only for big tables, so the
table's size (PostgreSQL's estimate, free to read) decides. Other statements are
quick but break the release that is still running (it reads a column that is gone):
those are named whatever the size.

The SQL is the one ``manage.py sqlmigrate`` shows, for every migration not yet applied.
"""

import re
from dataclasses import dataclass

from django.db.migrations.executor import MigrationExecutor

# (pattern, why it holds up requests) for statements that scan or rewrite a whole table.
SLOW_ON_BIG_TABLES = [
    (
        re.compile(r"^CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)", re.I),
        "builds an index without CONCURRENTLY: writes to the table wait until the index is built",
    ),
    (
        re.compile(r"ALTER COLUMN \S+ (SET DATA )?TYPE ", re.I),
        "changes a column's type: the table is rewritten under an ACCESS EXCLUSIVE lock, reads wait too",
    ),
    (
        re.compile(r"ALTER COLUMN \S+ SET NOT NULL", re.I),
        "SET NOT NULL reads every row under an ACCESS EXCLUSIVE lock, reads wait too",
    ),
    (
        re.compile(
            r"ADD COLUMN .* DEFAULT .*\b(now|clock_timestamp|statement_timestamp|random|gen_random_uuid|uuid_generate_v4)\s*\(",
            re.I,
        ),
        "adds a column with a volatile default: the table is rewritten under an ACCESS EXCLUSIVE lock, reads wait too",
    ),
    (
        re.compile(r"ADD CONSTRAINT (?!.*NOT VALID).*\b(FOREIGN KEY|CHECK|UNIQUE)\b", re.I),
        "adds a constraint checked against every row while the table is locked (add it NOT VALID, then VALIDATE)",
    ),
]
# Statements the release still running cannot live with, whatever the table's size.
BREAK_THE_RUNNING_RELEASE = [
    (re.compile(r"\bDROP COLUMN\b", re.I), "drops a column the running release may still read"),
    (re.compile(r"\bRENAME (COLUMN )?\S+ TO\b|\bRENAME TO\b", re.I), "renames what the running release still names"),
]
TABLE = re.compile(r'^ALTER TABLE (?:ONLY )?"?(\w+)"?|\bON (?:ONLY )?"?(\w+)"?', re.I)


@dataclass(frozen=True)
class Finding:
    migration: str
    table: str
    rows: int
    statement: str
    reason: str

    def __str__(self):
        size = f" (about {self.rows} rows)" if self.rows else ""
        return f"{self.migration}: {self.table}{size}: {self.reason}\n    {self.statement}"


def pending_statements(connection):
    """(app_label.migration, statement) for every migration not applied yet, in the order migrate runs them."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    for migration, backwards in plan:
        if backwards:
            continue
        for statement in executor.loader.collect_sql([(migration, False)]):
            statement = statement.strip()
            if statement and not statement.startswith("--"):
                yield f"{migration.app_label}.{migration.name}", statement


def estimated_rows(connection, table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s AND relkind = 'r'", [table])
        row = cursor.fetchone()
    return max(row[0], 0) if row else 0


def findings(connection, big_table_rows):
    """What in the pending migrations would hold up or break the running site."""
    found = []
    for migration, statement in pending_statements(connection):
        match = TABLE.search(statement)
        table = (match.group(1) or match.group(2)) if match else "?"
        rows = estimated_rows(connection, table) if match else 0
        for pattern, reason in BREAK_THE_RUNNING_RELEASE:
            if pattern.search(statement):
                found.append(Finding(migration, table, rows, statement, reason))
        if rows >= big_table_rows:
            for pattern, reason in SLOW_ON_BIG_TABLES:
                if pattern.search(statement):
                    found.append(Finding(migration, table, rows, statement, reason))
    return found
