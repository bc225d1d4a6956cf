"""A publish retires the article, its translations and the pages that link it; every other page stays warm.

Before, any publish started one global generation, and every other article's
next view was a full miss: routing, page fetch, rendering.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from access.policy import Tier
from articles.models import ArticlePage, RelatedArticle
from articles.tests.helpers import make_article
from delivery import purging, shells

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    """An English article ``a``, its German translation, an article linking ``a``, and one that shows nothing of it."""
    link = RelatedArticle.objects.filter(page__locale__language_code="en", page__live=True).first()
    a = ArticlePage.objects.get(pk=link.target_id)
    linking = ArticlePage.objects.get(pk=link.page_id)
    other = make_article("Unrelated article", n=1, lang="en")
    other.related_articles = []
    other.save_revision().publish()
    assert other.pk not in {page.pk for page in purging.pages_showing(a)} and linking.pk != a.pk
    return {"a": a, "translation": a.get_translations().live().get(), "linking": linking, "other": other}


def publish(page, django_capture_on_commit_callbacks, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_after_a_publish_other_articles_stay_warm_and_the_changed_ones_show_the_change(
    client, pages, django_capture_on_commit_callbacks
):
    for page in pages.values():
        client.get(page.url), client.get(page.url)  # warm shells
    a, other = pages["a"], pages["other"]
    publish(a, django_capture_on_commit_callbacks, title="A title changed by its editor")
    publish(pages["translation"], django_capture_on_commit_callbacks, title="Ein neuer Titel der Übersetzung")

    with CaptureQueriesContext(connection) as queries:
        assert client.get(other.url).status_code == 200
    assert len(queries) <= 1, [query["sql"][:100] for query in queries]  # the warm shell, no rendering
    other.refresh_from_db()
    with translation.override("en"):
        assert cache.get(shells.article_key(other, Tier.PUBLIC)) is not None  # its rendered article too

    assert "A title changed by its editor" in client.get(a.url).content.decode()
    assert "Ein neuer Titel der Übersetzung" in client.get(pages["translation"].url).content.decode()
    assert "A title changed by its editor" in client.get(pages["linking"].url).content.decode()


def test_an_unpublished_article_disappears_from_the_pages_linking_it_and_from_its_translation(client, pages):
    a, linking = pages["a"], pages["linking"]
    assert a.title in client.get(linking.url).content.decode()
    translation_page = client.get(pages["translation"].url).content.decode()
    assert f'href="{a.url}"' in translation_page
    a.unpublish()
    assert client.get(a.url).status_code == 404
    assert a.title not in client.get(linking.url).content.decode()
    assert f'href="{a.url}"' not in client.get(pages["translation"].url).content.decode()


def test_a_structural_change_still_retires_every_page(client, pages, django_capture_on_commit_callbacks):
    other = pages["other"]
    client.get(other.url)
    home = other.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(other.url).status_code == 200
    assert any("wagtailcore_page" in query["sql"] for query in queries)


def test_a_corrected_literature_record_shows_at_once_in_every_article_citing_it(client, pages):
    a = pages["a"]
    entry = a.references.select_related("reference").first()
    client.get(a.url), client.get(a.url)  # warm shell
    record = entry.reference
    record.title = "A title corrected in the literature record"
    record.save()
    assert "A title corrected in the literature record" in client.get(a.url).content.decode()
    assert "A title corrected in the literature record" in client.get(pages["translation"].url).content.decode()


def test_a_renamed_author_shows_at_once_in_every_article_naming_them(client, pages):
    a, german = pages["a"], pages["translation"]
    person = a.authors.first().person
    assert german.authors.filter(person=person).exists()
    for page in (a, german):
        client.get(page.url), client.get(page.url)  # warm shells
    person.name, person.degree = "Renamed placeholder", "PhD"
    person.save()
    assert "Renamed placeholder, PhD" in client.get(a.url).content.decode()
    assert "Renamed placeholder, PhD" in client.get(german.url).content.decode()


def test_a_renamed_specialty_shows_at_once_in_every_article_filed_under_it_and_other_articles_stay_warm(client, pages):
    a, german, other = pages["a"], pages["translation"], pages["other"]
    specialty = a.specialties.first()
    assert (
        german.specialties.filter(pk=specialty.pk).exists() and not other.specialties.filter(pk=specialty.pk).exists()
    )
    for page in (a, german, other):
        client.get(page.url), client.get(page.url)  # warm shells
    specialty.name_en, specialty.name_de = "Renamed specialty", "Umbenanntes Fachgebiet"
    specialty.save()
    assert "Renamed specialty" in client.get(a.url).content.decode()
    assert "Umbenanntes Fachgebiet" in client.get(german.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(other.url).status_code == 200
    assert len(queries) <= 1  # still its warm shell
