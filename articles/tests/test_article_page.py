"""The article page as a clinician sees it: the CNO article of the demo content."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.conftest import make_reader
from articles.models import ArticlePage
from articles.tests.helpers import cno, make_article

pytestmark = pytest.mark.django_db


def gated_snippet(page):
    """A sentence from the first professionals-only section, to look for in responses."""
    for block in page.body:
        if block.value["access"] == "professional":
            text = re.sub(r"<[^>]+>", "", block.value["text"].source)
            return text.strip()[:60]
    raise AssertionError("demo article has no gated section")


def test_title_is_followed_by_the_icd10_code(client):
    response = client.get(cno("en").url)
    assert response.status_code == 200
    assert re.search(r"<h1>CNO[^<]*<span class=\"icd10\"[^>]*>M86\.9-</span></h1>", response.content.decode())


def test_english_article_links_to_german_in_german_words_and_back(client):
    english = client.get(cno("en").url).content.decode()
    assert "Dieser Artikel auf Deutsch" in english
    assert f'href="{cno("de").url}"' in english
    german = client.get(cno("de").url).content.decode()
    assert "This article in English" in german


def test_language_link_hidden_while_translation_unpublished(client):
    english = cno("en")
    english.unpublish()
    german = client.get(cno("de").url).content.decode()
    assert "This article in English" not in german


def test_page_shows_last_updated_synonyms_authors_and_toc(client):
    html = client.get(cno("en").url).content.decode()
    assert "Last updated on" in html
    assert "CRMO" in html
    assert "Authors" in html
    assert 'href="#definition"' in html and 'href="#therapy"' in html and 'href="#literature"' in html


def test_anonymous_reader_sees_public_sections_and_a_prompt_in_place_of_gated_ones(client):
    page = cno("en")
    html = client.get(page.url).content.decode()
    assert 'id="definition-heading"' in html
    assert 'id="therapy-heading"' in html  # the heading stays
    assert gated_snippet(page) not in html
    assert "Registration is free" in html
    assert "<img" not in html


def test_german_prompt_is_in_german(client):
    html = client.get(cno("de").url).content.decode()
    assert "Die Registrierung ist kostenlos" in html


def test_logged_in_but_unverified_reader_is_told_what_is_missing(client, plain_user):
    client.force_login(plain_user)  # registered, e-mail address not yet confirmed
    page = cno("en")
    html = client.get(page.url).content.decode()
    assert gated_snippet(page) not in html
    assert "Please confirm your e-mail address" in html


def test_verified_professional_sees_gated_text_and_figures(verified_client):
    page = cno("en")
    html = verified_client.get(page.url).content.decode()
    assert gated_snippet(page) in html
    assert "Registration is free" not in html
    images = re.findall(r'<img src="([^"]+)"[^>]*alt="([^"]+)"', html)
    assert images, "the demo CNO article has a figure"
    assert verified_client.get(images[0][0]).status_code == 200


def test_figure_files_are_not_served_to_anonymous_or_unverified_readers(verified_client, plain_user):
    html = verified_client.get(cno("en").url).content.decode()
    url = re.search(r'<img src="([^"]+)"', html).group(1)
    assert Client().get(url).status_code == 404
    unverified = Client()
    unverified.force_login(plain_user)
    assert unverified.get(url).status_code == 404


def test_citations_link_to_the_numbered_literature_list(client):
    html = client.get(cno("en").url).content.decode()
    assert 'href="#ref-1"' in html
    entries = re.findall(r'<li id="ref-(\d+)">', html)
    assert entries == [str(number) for number in range(1, 12)]  # the source page's six, then five newer sources
    assert "https://doi.org/10.1542/peds.2011-3788" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/23071213/" in html


def test_related_articles_are_listed_in_the_same_language(client):
    html = client.get(cno("en").url).content.decode()
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert "/en/" in related and "/de/" not in related
    assert related.count("<li>") >= 5


def test_republishing_unchanged_content_keeps_the_last_updated_date():
    page = cno("de")
    before = page.last_updated()
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).last_updated() == before


def test_changing_content_moves_the_last_updated_date():
    page = cno("de")
    before = page.last_updated()
    page.synonyms += "\nNeues Synonym"
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).last_updated() > before


def _queries_for(client, page, cached):
    client.get(page.url)  # warm-up: renditions are created on first view
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "from cache"])
def test_article_view_runs_a_constant_number_of_queries(verified_client, cached):
    small = make_article("Small article", n=3)
    large = make_article("Large article", n=30)
    assert _queries_for(verified_client, small, cached) == _queries_for(verified_client, large, cached)


def test_cached_article_costs_fewer_queries_and_shows_the_same(verified_client):
    page = make_article("Cached article", n=10)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        first = verified_client.get(page.url).content
    with CaptureQueriesContext(connection) as warm:
        second = verified_client.get(page.url).content
    article = re.compile(rb"<article.*</article>", re.S)
    # The reader's forms in it (Follow, notes) carry a CSRF token masked afresh for each answer.
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", article.search(first).group(0)) == token.sub(b"", article.search(second).group(0))
    assert len(warm) < len(cold) - 5


def test_published_change_is_visible_at_once(client):
    page = cno("en")
    client.get(page.url)
    page.synonyms += "\nFreshly added synonym"
    page.save_revision().publish()
    assert "Freshly added synonym" in client.get(page.url).content.decode()


def test_revoked_professional_loses_access_on_the_next_request(client, verified_user):
    from accounts.states import VERIFIED_PROFESSIONALS_GROUP

    client.force_login(verified_user)
    page = cno("en")
    assert gated_snippet(page) in client.get(page.url).content.decode()
    verified_user.groups.remove(verified_user.groups.get(name=VERIFIED_PROFESSIONALS_GROUP))
    assert gated_snippet(page) not in client.get(page.url).content.decode()


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").headers["Location"] == "/de/"


def test_home_page_lists_articles_with_codes(client):
    html = client.get("/en/").content.decode()
    assert "M86.9-" in html
    assert "/en/" in html


def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        **dict.fromkeys(["database", "cache", "media", "private", "tasks", "disk"], {"status": "ok"}),
    }


def test_public_teaser_can_be_cached_by_a_cdn_and_revalidated(client):
    response = client.get(cno("en").url)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    again = client.get(cno("en").url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_etag_changes_when_the_article_is_published_again(client):
    page = cno("en")
    etag = client.get(page.url)["ETag"]
    page.synonyms += "\nAnother synonym"
    page.save_revision().publish()
    assert client.get(page.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_pages_for_logged_in_readers_are_private(verified_client):
    response = verified_client.get(cno("en").url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_cached_route_follows_a_slug_change(client):
    page = cno("en")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.slug = "chronic-nonbacterial-osteomyelitis"
    page.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/en/chronic-nonbacterial-osteomyelitis/").status_code == 200


def test_an_address_given_up_by_one_article_and_taken_by_another_serves_the_other_at_once(client):
    first = make_article("First article", lang="en", slug="first-article", access="public")
    second = make_article("Second article", lang="en", slug="second-article", access="public")
    address = first.url
    assert "<h1>First article" in client.get(address).content.decode()
    first.slug = "first-article-renamed"
    first.save_revision().publish()
    second.slug = "first-article"
    second.save_revision().publish()
    assert ArticlePage.objects.get(pk=second.pk).url == address
    html = client.get(address).content.decode()
    assert "<h1>Second article" in html and "<h1>First article" not in html


def test_cached_route_is_dropped_when_the_article_is_unpublished(client):
    page = cno("en")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_the_literature_list_names_six_authors_then_et_al():
    from references.vancouver import vancouver_text

    authors = [f"Author{n} A" for n in range(1, 9)]
    text = vancouver_text(authors, False, "A study", "J Test", 2020, "1", "2", "3-4")
    assert (
        text
        == "Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. A study. J Test. 2020;1(2):3-4."
    )
    assert vancouver_text(authors[:2], False, "Why?", "J Test", 2021) == "Author1 A, Author2 A. Why? J Test. 2021."


def test_dates_read_day_first_in_words_on_the_english_site_and_with_dots_on_the_german_one(client):
    def updated(page):
        html = client.get(page.url).content.decode()
        return re.search(r'class="updated"[^<]*<time datetime="(\d{4})-(\d{2})-(\d{2})">([^<]+)</time>', html).groups()

    year, month, day, english = updated(cno("en"))
    assert re.fullmatch(rf"{int(day)} [A-Z][a-z]+ {year}", english), english  # "10 July 2022", not "07/10/2022"
    year, month, day, german = updated(cno("de"))
    assert german == f"{day}.{month}.{year}"


def test_an_anonymous_reader_meets_one_gate_at_the_first_locked_section_and_a_lock_on_each_other(client):
    html = client.get(cno("en").url).content.decode()
    sections = re.findall(
        r'<section class="article-section section-[\w-]+( locked)?" id="([\w-]+)"(.*?)</section>', html, re.S
    )
    locked = [(anchor, body) for is_locked, anchor, body in sections if is_locked]
    assert len(locked) > 1, "the demo article has several professionals-only sections"
    assert html.count('class="gate-message') == 1
    assert 'class="gate-message' in locked[0][1]
    for _anchor, body in locked:
        assert re.search(r'<h2 [^>]*>[^<]+ <svg class="lock" role="img" aria-label="Professionals only"', body)
    for _anchor, body in locked[1:]:
        assert 'class="gate' not in body


def test_a_verified_reader_sees_no_gate_and_no_lock(client, django_user_model):
    client.force_login(make_reader(django_user_model, "verified"))
    html = client.get(cno("en").url).content.decode()
    assert 'class="gate' not in html and 'class="lock"' not in html
