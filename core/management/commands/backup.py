from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup
from core.progress import Progress


class Command(BaseCommand):
    help = (
        "Write one archive with the database, the media files, the private documents and a manifest "
        "of their checksums, while the site keeps running (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="where to write the archive (a .tar file)")

    def handle(self, *args, archive, **options):
        progress = Progress(self.stdout.write, "Archived MB") if options["verbosity"] else None
        try:
            manifest = backup.create(archive, connection, progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            size = sum(entry["size"] for entry in manifest["files"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {archive}: the {manifest['database']['vendor']} database and "
                    f"{len(manifest['files']) - 1} files, {size / 1e6:.1f} MB."
                )
            )
