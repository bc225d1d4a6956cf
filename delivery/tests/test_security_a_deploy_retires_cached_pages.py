"""A new release serves its own pages at once, and installations sharing a cache never serve each other's.

Rendered articles and page shells are kept for a day. Without the release in their
keys, a template fix (say, one that stops showing something it must not) would wait
behind old pages for up to 24 hours; without the installation, a staging site that
shares production's Redis would serve production's pages, or the other way round.
The keys carry both (delivery.release).
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from articles.tests.helpers import cno
from delivery.release import fingerprint

pytestmark = pytest.mark.django_db

ARTICLE_TEMPLATE = Path(django_settings.BASE_DIR) / "articles" / "templates" / "articles" / "article_page.html"


def deploy_template_with(settings, tmp_path, marker):
    """Serve the article template with ``marker`` at the top of its content, from a folder of its own."""
    folder = tmp_path / marker
    (folder / "articles").mkdir(parents=True)
    text = ARTICLE_TEMPLATE.read_text().replace("{% block content %}", "{% block content %}" + f"<p>{marker}</p>", 1)
    assert marker in text
    (folder / "articles" / "article_page.html").write_text(text)
    settings.TEMPLATES = [{**django_settings.TEMPLATES[0], "DIRS": [folder, *django_settings.TEMPLATES[0]["DIRS"]]}]


def readers(verified_user):
    verified = Client()
    verified.force_login(verified_user)
    return {"anonymous": Client(), "verified": verified}


def test_a_template_changed_by_a_new_release_is_served_at_once(settings, tmp_path, verified_user):
    url = cno().url
    settings.MEDLEX_RELEASE = "2026.05.1"
    clients = readers(verified_user)
    for client in clients.values():
        for _ in range(2):
            assert client.get(url).status_code == 200  # warm: rendered article and shell cached
    settings.MEDLEX_RELEASE = "2026.05.2"
    deploy_template_with(settings, tmp_path, "Fixed in 2026.05.2")
    for reader, client in clients.items():
        assert "Fixed in 2026.05.2" in client.get(url).content.decode(), reader


def test_two_installations_sharing_one_cache_never_serve_each_others_pages(settings, tmp_path):
    url = cno().url
    settings.MEDLEX_RELEASE = "2026.05.1"
    settings.SECRET_KEY = "production-" + "p" * 50
    settings.WAGTAILADMIN_BASE_URL = "https://medlex.example.org"
    production = Client().get(url).content.decode()
    assert Client().get(url).content.decode() == production  # warm
    settings.SECRET_KEY = "staging-" + "s" * 50
    settings.WAGTAILADMIN_BASE_URL = "https://staging.medlex.example.org"
    deploy_template_with(settings, tmp_path, "Staging installation")
    for _ in range(2):
        assert "Staging installation" in Client().get(url).content.decode()
    settings.SECRET_KEY = "production-" + "p" * 50
    settings.WAGTAILADMIN_BASE_URL = "https://medlex.example.org"
    assert "Staging installation" not in Client().get(url).content.decode()


def test_the_release_fingerprint_follows_code_templates_and_translations_and_nothing_else(tmp_path):
    release = tmp_path / "release"
    for name, text in {
        "articles/views.py": "x = 1\n",
        "articles/templates/articles/page.html": "<p>page</p>",
        "locale/de/LC_MESSAGES/django.mo": "compiled",
        "static/site.css": "body {}",
        "requirements.lock": "wagtail==8.0.1\n",
    }.items():
        (release / name).parent.mkdir(parents=True, exist_ok=True)
        (release / name).write_text(text)
    before = fingerprint(release)
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    assert fingerprint(copy) == before  # the same on every app server of a release
    for run_time in (
        "var/db.sqlite3",
        "var/static/x.css",
        ".git/HEAD",
        "articles/__pycache__/views.cpython-311.pyc",
        "README.md",
    ):
        (release / run_time).parent.mkdir(parents=True, exist_ok=True)
        (release / run_time).write_text("changes while it runs")
    assert fingerprint(release) == before
    for changed in (
        "articles/views.py",
        "articles/templates/articles/page.html",
        "locale/de/LC_MESSAGES/django.mo",
        "static/site.css",
        "requirements.lock",
    ):
        original = (release / changed).read_text()
        (release / changed).write_text(original + " ")
        assert fingerprint(release) != before, changed
        (release / changed).write_text(original)
    assert fingerprint(release) == before
