"""The home page belongs to the app ``home``; databases made while it belonged to ``core`` keep their home pages."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Site

from home.models import HomePage
from medlex.testing import ROOT

# Run in a process of its own, on a database file of its own: migrate to the state
# before the move, make a home page the way that state stored it, migrate forward.
OLD_DATABASE_SCRIPT = textwrap.dedent(
    """
    import json, uuid
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before_the_move = [("core", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before_the_move)
    old = executor.loader.project_state(before_the_move).apps
    # The content type Django creates after a migrate, as it was filed before the move.
    content_type = old.get_model("contenttypes", "ContentType").objects.create(app_label="core", model="homepage")
    Page, Locale, Site = (old.get_model("wagtailcore", name) for name in ("Page", "Locale", "Site"))
    root = Page.objects.get(depth=1)
    home = old.get_model("core", "HomePage").objects.create(
        title="Startseite von früher", draft_title="Startseite von früher", slug="frueher",
        path=root.path + "0009", depth=2, numchild=0, url_path="/frueher/", live=True,
        content_type=content_type, locale=Locale.objects.get(language_code="de"), translation_key=uuid.uuid4(),
    )
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    Site.objects.update(root_page=home)

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from wagtail.models import Page

    page = Page.objects.get(pk=home.pk)
    response = Client().get("/de/", HTTP_HOST="localhost")
    print(json.dumps({
        "class": f"{type(page.specific).__module__}.{type(page.specific).__name__}",
        "content_types": sorted(f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.filter(model="homepage")),
        "same_content_type": page.content_type_id == content_type.pk,
        "status": response.status_code,
        "html": response.content.decode(),
    }))
    """
)


def test_a_database_migrated_before_the_move_keeps_its_home_page_and_serves_it(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="medlex.settings", MEDLEX_SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    result = subprocess.run(
        [sys.executable, "-c", OLD_DATABASE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout.strip().splitlines()[-1])
    assert after["class"] == "home.models.HomePage"
    assert after["content_types"] == ["home.homepage"]
    assert after["same_content_type"]  # pages, revisions and permissions stay attached
    assert after["status"] == 200
    assert '<form class="home-search"' in after["html"]  # the home page's own template


@pytest.mark.django_db
def test_a_freshly_migrated_database_files_the_home_pages_under_home(client):
    root = Site.objects.get(is_default_site=True).root_page
    assert type(root.specific) is HomePage
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"de", "en"}
    assert not ContentType.objects.filter(app_label="core").exists()
    assert ContentType.objects.get_for_model(HomePage).app_label == "home"
    html = client.get("/en/").content.decode()
    assert '<form class="home-search"' in html and "CNO syndrome" in html


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
