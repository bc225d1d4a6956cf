from django.core.management.base import BaseCommand

from core.progress import Progress
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from all published articles (public text only)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size, **options):
        progress = Progress(lambda line: self.stdout.write(line), "Indexed") if options["verbosity"] else None
        total = rebuild(batch_size=batch_size, progress=progress)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} articles."))
