#!/usr/bin/env python
"""The PDF of the CNO article: laying out the body cold, and a reader's copy from the kept body.

Builds a fresh database (SQLite in a temporary folder, or the one DATABASE_URL
points at) with the demo content, then times in-process, each ``--rounds`` times
(median, and CPU time of this process):

- **cold**: the body laid out by WeasyPrint for the professional tier (citing.pdf.render_body);
- **stamp**: a reader's copy from the kept body: the footer laid out and laid over every page (citing.pdf.article_pdf, body in the cache);
- **request**: the whole download through Django's test client as a verified reader (``GET <article>/pdf/``), body in the cache;
- **article page**: the same reader's warm article page, as the baseline of a request.

    .venv/bin/python bench/pdf.py [--rounds 10] [--lang en]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, rounds):
    """Median wall and CPU milliseconds of ``fn()`` over ``rounds`` calls."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--lang", default="en", choices=["de", "en"])
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="medlex-bench-pdf-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("MEDLEX_MEDIA_ROOT", f"{folder}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.utils import translation

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)

    from access.policy import Tier
    from accounts.states import verified_group
    from articles.tests.helpers import cno
    from citing import pdf

    page = cno(args.lang)
    users = get_user_model().objects
    user = users.filter(username="bench@example.org").first() or users.create_user(
        "bench@example.org", "bench@example.org", "x" * 20, first_name="Bench"
    )
    user.groups.add(verified_group())
    client = Client()
    client.force_login(user)
    source = f"http://testserver{page.url}"

    def cold():
        with translation.override(page.locale.language_code):
            return pdf.render_body(page, Tier.PROFESSIONAL)

    body = cold()
    cache.clear()
    pdf.body(page, Tier.PROFESSIONAL)  # kept

    def request():
        response = client.get(f"{page.url}pdf/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    client.get(page.url)  # the article page's shell, warm
    rows = {
        "cold": timed(cold, args.rounds),
        "stamp": timed(lambda: pdf.article_pdf(page, Tier.PROFESSIONAL, user, source), args.rounds),
        "request": timed(request, args.rounds),
        "article page": timed(lambda: client.get(page.url), args.rounds),
    }
    print(
        f"CNO article ({args.lang}), {pdf.page_count(body)} pages, body {len(body) // 1024} KiB, {args.rounds} rounds"
    )
    print(f"{'case':<14}{'wall ms':>10}{'CPU ms':>10}")
    for name, (wall, cpu) in rows.items():
        print(f"{name:<14}{wall:>10.1f}{cpu:>10.1f}")


if __name__ == "__main__":
    main()
