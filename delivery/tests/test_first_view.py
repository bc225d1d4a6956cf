"""The first view of an article after a change: found in one query, rendered ahead by the publish.

An article's URL is looked up by its stored path below the language's home page
(SQL built once per process), which must name exactly the page Wagtail's tree
walk names, loaded as the ORM loads it; the site serving a
host is remembered per worker until a site changes. Publishing renders the
article for every tier, so the first reader does not wait for it.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from access.policy import Tier
from articles.models import ArticlePage
from articles.tests.helpers import cno, make_article
from delivery import generations, routing, shells

pytestmark = pytest.mark.django_db


def sql_of(queries):
    return " ".join(query["sql"] for query in queries)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_article_is_found_where_wagtails_tree_walk_finds_it(lang):
    factory = RequestFactory()
    with translation.override(lang):
        for page in ArticlePage.objects.live().filter(locale__language_code=lang):
            path = page.url.removeprefix(f"/{lang}/")
            request = factory.get(page.url)
            root = routing._root_path(request, lang)  # the site for this host, remembered by the worker
            with CaptureQueriesContext(connection) as queries:
                found = routing._article_at(root, routing._url_path(root, path))
                assert found.locale.language_code == lang  # loaded with the page
            assert sum("wagtailcore_page" in query["sql"] for query in queries) == 1, sql_of(
                queries
            )  # besides a cache read
            assert found == Page.route_for_request(factory.get(page.url), path)[0] == page
            assert field_values(found) == field_values(page)
            assert not found.get_deferred_fields() and found._state.adding is False


def field_values(page):
    return {field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields}


def test_a_draft_or_a_missing_slug_is_not_found(client):
    draft = make_article("Unpublished draft", lang="en")
    draft.unpublish()
    assert client.get("/en/unpublished-draft/").status_code == 404
    assert client.get("/en/no-such-article/").status_code == 404
    assert client.get(cno().url + "extra/").status_code == 404


def test_an_article_under_an_unpublished_home_page_is_not_found_by_its_path():
    """Wagtail starts from a language's home page only while it is live; so do we."""
    page = cno()
    home = page.get_parent()
    Page.objects.filter(pk=home.pk).update(live=False)
    with translation.override("en"):
        root = routing._root_path(RequestFactory().get(page.url), "en")
        assert routing._article_at(root, routing._url_path(root, page.slug + "/")) is None


def test_a_site_removed_applies_at_once(client):
    url = cno().url
    assert client.get(url).status_code == 200  # the site for this host is remembered now
    Site.objects.all().delete()
    assert client.get(url).status_code == 404


def test_a_site_changed_by_another_server_applies_at_once(client):
    url = cno().url
    assert client.get(url + "?from=list").status_code == 200  # not from a page shell
    # Another server's change: no signal reaches this process, only the shared generations move on.
    Site.objects.update(hostname="elsewhere.example", is_default_site=False)
    cache.set(generations.SITES, "changed-elsewhere", None)
    cache.set(generations.PAGES, "changed-elsewhere", None)
    assert client.get(url + "?from=list").status_code == 404


def test_a_publish_renders_the_article_for_every_tier_before_the_first_reader_comes(
    django_capture_on_commit_callbacks, verified_client
):
    page = cno()
    page.title = "CNO syndrome (revised)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    with translation.override("en"):
        public = cache.get(shells.article_key(page, Tier.PUBLIC))
        professional = cache.get(shells.article_key(page, Tier.PROFESSIONAL))
    assert public["title"] == professional["title"] == "CNO syndrome (revised)"
    assert "section-therapy" in professional["body_html"] and "Therapy" in professional["body_html"]
    assert public["body_html"].count("locked") > professional["body_html"].count("locked")

    with CaptureQueriesContext(connection) as queries:
        html = verified_client.get(page.url).content.decode()
    assert "CNO syndrome (revised)" in html
    # The article came from the cache: none of its parts (literature, authors, figures) was read.
    assert "articles_articlereference" not in sql_of(queries) and "articles_articleauthor" not in sql_of(queries)
    # Wagtail's access check and the shell's check share one look at the view restrictions.
    assert sql_of(queries).count('FROM "wagtailcore_pageviewrestriction"') == 1


def test_a_worker_that_found_an_article_unrestricted_does_not_look_again_after_a_publish(
    client, django_capture_on_commit_callbacks
):
    page = cno()
    assert client.get(page.url + "?from=list").status_code == 200  # rendered, not from a page shell
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert "wagtailcore_pageviewrestriction" not in sql_of(queries)


@pytest.mark.parametrize("restricted", ["article", "home page"])
def test_a_restriction_added_after_a_publish_applies_at_once(client, restricted):
    page = cno()
    assert client.get(page.url + "?from=list").status_code == 200
    page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=page if restricted == "article" else page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    for url in (page.url, page.url + "?from=list"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_restriction_added_through_another_server_applies_at_once(client):
    page = cno()
    assert client.get(page.url + "?from=list").status_code == 200
    # No signal reaches this process; the other server's receivers moved the shared generations on.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)]
    )
    cache.set(generations.RESTRICTIONS, "changed-elsewhere", None)
    cache.set(generations.PAGES, "changed-elsewhere", None)
    response = client.get(page.url + "?from=list")
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unpublished_article_is_not_rendered_ahead():
    page = cno()
    page.unpublish()
    shells.prerender(page.pk)
    with translation.override("en"):
        assert cache.get(shells.article_key(page, Tier.PUBLIC)) is None


def test_every_response_says_how_long_the_application_took():
    response = Client().get("/healthz")
    name, duration = response["Server-Timing"].split(";dur=")
    assert name == "app" and float(duration) >= 0
