"""Delete search log rows older than the retention period (run daily, next to purge_proof_documents)."""

from django.core.management.base import BaseCommand

from search import log


class Command(BaseCommand):
    help = f"Delete search log counts older than {log.RETENTION_DAYS} days."

    def handle(self, *args, **options):
        deleted = log.prune()
        self.stdout.write(f"Deleted {deleted} search log rows older than {log.RETENTION_DAYS} days.")
