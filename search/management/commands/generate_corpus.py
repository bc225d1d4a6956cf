from django.core.management.base import BaseCommand

from core.progress import Progress
from search import corpus


class Command(BaseCommand):
    help = "Create N synthetic articles (one per WHO ICD-10 code, marked synthetic) for benchmarks and relevance tests."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--delete", action="store_true", help="Remove the synthetic corpus instead.")

    def handle(self, *args, count, delete, **options):
        if delete:
            self.stdout.write(f"Removed {corpus.delete()} synthetic articles.")
            return
        progress = Progress(lambda line: self.stdout.write(line), "Generated") if options["verbosity"] else None
        created = corpus.generate(count, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{created} synthetic articles created."))
