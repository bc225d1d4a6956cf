"""Queue the daily or weekly digests of changes to followed articles; cron runs it (docs/operations.md)."""

from django.core.management.base import BaseCommand

from following.models import Frequency
from following.tasks import queue_digests


class Command(BaseCommand):
    help = "Queue one digest mail per reader with changes waiting (sent by `manage.py db_worker --backend mail`)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--daily", action="store_const", const=Frequency.DAILY, dest="frequency")
        which.add_argument("--weekly", action="store_const", const=Frequency.WEEKLY, dest="frequency")

    def handle(self, *args, frequency, **options):
        readers = queue_digests(frequency)
        self.stdout.write(f"Queued {frequency} digests for {readers} reader(s).")
