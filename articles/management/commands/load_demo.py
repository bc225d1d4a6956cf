from django.core.management.base import BaseCommand

from articles import demo


class Command(BaseCommand):
    help = "Load or update the demo articles (idempotent)."

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
