"""One demo server for all audits, with a verified professional's session.

The audits look at pages, which do not depend on the database: they run in the SQLite
run of the suite only (scripts/with_postgres.py sets DATABASE_URL for the other), except
the German crawl, which runs in the PostgreSQL run (``ON_POSTGRESQL``).
"""

import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from audit.pages import ALL_PAGES, VERIFIED
from medlex.testing import CHROMIUM, ROOT, running_server

NODE_MODULES = ROOT / "node_modules"


# The crawl for English words on German pages runs in the PostgreSQL run instead, so that
# the two runs of `make test` take about as long (docs/decisions.md, 2026-12-02).
ON_POSTGRESQL = {"test_german.py"}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    on_postgresql = bool(os.environ.get("DATABASE_URL"))
    for item in items:
        if Path(item.fspath).parent != here:
            continue
        if Path(item.fspath).name in ON_POSTGRESQL:
            if not on_postgresql:
                item.add_marker(pytest.mark.skip(reason="this audit runs in the PostgreSQL run"))
            continue
        item.add_marker(pytest.mark.audit)
        if on_postgresql:
            item.add_marker(pytest.mark.skip(reason="the audits run in the SQLite run only"))


LIGHTHOUSE_FORM_FACTORS = ["desktop", "mobile"]
# The languages the desktop and the phone get (in that order), page by page in turns.
LIGHTHOUSE_LANGUAGE_TURNS = [("de", "en"), ("en", "de")]


@pytest.fixture(scope="session")
def audit_site(request):
    """A running demo server; ``.cookie`` is the ``name=value`` session of a verified professional.

    That reader follows and bookmarks the CNO article and has a note on it, so that the
    lists of the reader's tools are not empty; ``.path(page, language)`` is a page's
    address on this server (audit.pages).

    Lighthouse starts on it at once, in a Node process of its own, and works while the
    other audits run; ``.lighthouse()`` waits for its results (test_lighthouse.py). Where
    that test does not run (the PostgreSQL run, which uses this server for the German
    crawl), Lighthouse does not start: its minutes of CPU would only slow the other tests.
    """
    if not (NODE_MODULES / "axe-core").is_dir():
        pytest.fail("node_modules is missing: run `make install` (npm ci)")
    with running_server() as server, tempfile.TemporaryDirectory(prefix="medlex-lighthouse-") as workdir:
        email = server.create_verified_user("audit@example.org", "an-audit-password-42", "Ada", "Audit")
        server.cookie = server.session_cookie(email)
        values = reader_tool_values(server, email)
        server.path = lambda page, language: page.paths[language].format(**values)
        runs, results = Path(workdir) / "runs.json", Path(workdir) / "results.json"
        runs.write_text(json.dumps(lighthouse_runs(server)))
        process = None
        if any(
            item.path.name == "test_lighthouse.py" and not item.get_closest_marker("skip")
            for item in request.session.items
        ):
            process = subprocess.Popen(
                [node(), str(ROOT / "audit" / "lighthouse.mjs"), str(runs), str(results)],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                cwd=ROOT,
            )

        def lighthouse():
            assert process.wait(timeout=600) == 0, "audit/lighthouse.mjs failed"
            return json.loads(runs.read_text()), json.loads(results.read_text())

        server.lighthouse = lighthouse
        try:
            yield server
        finally:
            if process is not None and process.poll() is None:
                # chrome-launcher ends its Chrome on SIGINT; on SIGTERM, Chrome would outlive Node.
                process.send_signal(signal.SIGINT)
                process.wait(timeout=30)


def lighthouse_runs(server):
    """Two Lighthouse runs per page: one on a desktop and one on a phone, each in another language.

    So every page is rated on both screens and in both languages in two runs
    instead of four (the languages share each page's template; axe-core checks
    every page in both languages on both screens), and the pages take turns at
    which language the phone gets.
    """
    rated = [page for page in ALL_PAGES if page.lighthouse]
    return [
        {
            "name": f"{page.name} [{lang}]",
            "url": server.url + server.path(page, lang),
            "formFactor": form_factor,
            "cookie": server.cookie if page.reader == VERIFIED else None,
        }
        for page, languages in zip(rated, itertools.cycle(LIGHTHOUSE_LANGUAGE_TURNS))
        for form_factor, lang in zip(LIGHTHOUSE_FORM_FACTORS, languages, strict=True)
    ]


def reader_tool_values(server, email):
    """The reader's follow, bookmark and note on the CNO article; the ids and the unsubscribe token the paths name."""
    output = server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from articles.models import ArticlePage\n"
        "from bookmarks import services as bookmarks\n"
        "from following import services as following\n"
        "from notes.models import Note\n"
        f"reader = get_user_model().objects.get(email={email!r})\n"
        "en = ArticlePage.objects.get(slug='cno-syndrome'); de = ArticlePage.objects.get(slug='cno-syndrom')\n"
        "following.follow(reader, en, 'en'); bookmarks.add(reader, en)\n"
        "note = Note.objects.create(user=reader, page=en, text='Ask about the MRI of the whole body.')\n"
        "print(en.pk, de.pk, note.pk, following.unsubscribe_token(reader))"
    )
    article_en, article_de, note, unsubscribe = output.strip().splitlines()[-1].split()
    return {"article_en": article_en, "article_de": article_de, "note": note, "unsubscribe": unsubscribe}


def node():
    path = shutil.which("node")
    if path is None:
        pytest.fail("Node.js is needed for the audits (Debian: nodejs)")
    return path
