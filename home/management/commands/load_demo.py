from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Load or update the home pages and the demo articles (idempotent)."

    def handle(self, *args, **options):
        demo.load(stdout=self.stdout)
