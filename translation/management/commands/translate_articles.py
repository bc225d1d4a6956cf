"""Bulk machine translation: every published article of the other language into --to."""

import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from articles.models import ArticlePage
from translation.engines import EngineError, get_engine
from translation.models import TranslationJob
from translation.services import run_job, states_needing_translation


class Command(BaseCommand):
    help = "Machine-translate published articles into one language, section by section, with progress."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, choices=["de", "en"], help="Target language.")
        parser.add_argument("--engine", help="deepl or libretranslate (default: the first configured).")
        parser.add_argument(
            "--only-outdated", action="store_true", help="Only sections that are missing or whose source changed."
        )

    def handle(self, *args, to, engine, only_outdated, **options):
        try:
            engine_name = get_engine(engine).name
        except EngineError as exc:
            raise CommandError(str(exc)) from None
        target_locale = Locale.objects.get(language_code=to)
        sources = list(ArticlePage.objects.live().exclude(locale=target_locale).order_by("title"))
        plans = []
        for source in sources:
            target = ArticlePage.objects.filter(translation_key=source.translation_key, locale=target_locale).first()
            if only_outdated and target and not states_needing_translation(target, source):
                continue
            plans.append(source)
        self.stdout.write(f"{len(plans)} of {len(sources)} articles to translate into {to} with {engine_name}.")
        started, failures = time.monotonic(), 0
        for number, source in enumerate(plans, start=1):
            job = TranslationJob.objects.create(
                source_page=source, target_locale=target_locale, engine=engine_name, only_outdated=only_outdated
            )
            job = run_job(
                job,
                progress=lambda job, number=number, source=source: self._bar(
                    number, len(plans), source.title, job, started
                ),
            )
            self._bar(number, len(plans), source.title, job, started, final=True)
            if job.status == TranslationJob.Status.FAILED:
                failures += 1
                self.stderr.write(f"  {source.title}: {job.error}")
        if failures:
            raise CommandError(
                f"{failures} article(s) failed; nothing of them was published. Run the command again to retry."
            )

    def _bar(self, number, total, title, job, started, final=False):
        elapsed = time.monotonic() - started
        rate = (
            (number - 1 + (job.sections_done / job.sections_total if job.sections_total else 1)) / elapsed
            if elapsed
            else 0
        )
        eta = (total - number) / rate if rate else 0
        width = 20
        filled = int(width * job.sections_done / job.sections_total) if job.sections_total else width
        line = f"[{number}/{total}] [{'#' * filled}{'.' * (width - filled)}] {title}: {job.sections_done}/{job.sections_total} sections, {rate * 60:.1f} articles/min, ETA {eta:.0f} s"
        self.stdout.write(
            ("" if final else "\r") + line + (f" – {job.status}" if final else ""), ending="\n" if final else ""
        )
        self.stdout.flush()
