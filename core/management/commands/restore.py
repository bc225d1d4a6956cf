from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import backup
from core.progress import Progress


class Command(BaseCommand):
    help = (
        "Restore an archive written by manage.py backup into an empty installation. The whole archive "
        "is checked against its manifest first; a damaged or incomplete one changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--check", action="store_true", help="only check the archive; change nothing")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database and the files of an installation that is not empty",
        )

    def handle(self, *args, archive, check, force, **options):
        verbose = options["verbosity"] > 0
        try:
            if check:
                manifest = backup.check(
                    archive, connection, Progress(self.stdout.write, "Checked MB") if verbose else None
                )
                done = "is complete and intact"
            else:
                manifest = backup.restore(
                    archive,
                    connection,
                    replace=force,
                    progress=Progress(self.stdout.write, "Restored MB") if verbose else None,
                )
                done = "restored"
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{archive} {done}: the {manifest['database']['vendor']} database of {manifest['created']} "
                    f"and {len(manifest['files']) - 1} files."
                )
            )
