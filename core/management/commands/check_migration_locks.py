from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.migration_locks import findings


class Command(BaseCommand):
    help = (
        "Before a deploy: name the statements of the pending migrations that would lock a big table "
        "for long, or break the release still running (PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--big-table-rows",
            type=int,
            default=100_000,
            help="tables with at least this many rows (PostgreSQL's estimate) count as big (default 100000)",
        )

    def handle(self, *args, big_table_rows, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The lock check reads PostgreSQL's SQL and table sizes; point DATABASE_URL at PostgreSQL."
            )
        found = findings(connection, big_table_rows)
        for finding in found:
            self.stdout.write(str(finding))
        if found:
            raise CommandError(
                f"{len(found)} statements would hold up or break the running site; "
                "see docs/operations.md (Deploying without downtime)."
            )
        self.stdout.write(self.style.SUCCESS("No pending migration locks a big table for long."))
