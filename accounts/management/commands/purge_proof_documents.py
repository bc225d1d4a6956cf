"""Delete proof documents once the retention period after the decision has passed.

Run daily (cron or a systemd timer). The period is MEDLEX_PROOF_RETENTION_DAYS
(default 30).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import delete_documents, documents_due_for_deletion


class Command(BaseCommand):
    help = "Delete proof-of-profession documents decided more than MEDLEX_PROOF_RETENTION_DAYS days ago."

    def handle(self, *args, **options):
        due = list(documents_due_for_deletion())
        self.stdout.write(f"{len(due)} document(s) decided more than {settings.MEDLEX_PROOF_RETENTION_DAYS} days ago.")
        deleted = delete_documents(due)
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} document(s)."))
