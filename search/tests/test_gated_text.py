"""Gated text never reaches search: not in results, snippets, suggestions, the results page or the API."""

import pytest

from articles.models import ArticlePage
from search import services
from search.models import SearchDocument, SearchPosting, SearchTerm

pytestmark = pytest.mark.django_db

MARKER = "Zebrafluorid"  # a word no article uses


@pytest.fixture
def gated_marker():
    page = ArticlePage.objects.get(title="CNO syndrome")
    body = page.body.get_prep_value()
    body.append(
        {
            "type": "section",
            "value": {
                "kind": "notes",
                "access": "professional",
                "text": f"<p>{MARKER} secretword therapy details</p>",
                "figures": [],
            },
        }
    )
    page.body = body
    page.save_revision().publish()
    return page


def test_the_marker_is_in_the_article_but_not_in_the_index(gated_marker):
    assert MARKER in str(gated_marker.body.raw_data)
    assert not SearchDocument.objects.filter(teaser__icontains=MARKER).exists()
    assert not SearchPosting.objects.filter(word__icontains=MARKER.lower()).exists()
    assert not SearchTerm.objects.filter(folded__icontains=MARKER.lower()).exists()


@pytest.mark.parametrize("query", [MARKER, MARKER.lower(), "secretword", "Zebrafluorit"])
def test_searching_for_gated_words_finds_nothing(gated_marker, query):
    outcome = services.search(query, lang="en")
    assert outcome.results == []
    assert services.suggest(query, lang="en") == []


def test_no_snippet_shows_gated_text(gated_marker):
    for query in ["CNO", "osteomyelitis", "therapy", "M86.9"]:
        for result in services.search(query, lang="en").results:
            assert MARKER not in result.snippet


@pytest.mark.parametrize("make_client", ["anonymous", "verified"])
def test_pages_and_api_never_show_gated_text(gated_marker, client, verified_user, make_client):
    if make_client == "verified":
        client.force_login(verified_user)
    assert client.get(f"/api/v1/search?q={MARKER}&lang=en").json()["results"] == []
    assert "0 articles found" in client.get(f"/en/search/?q={MARKER}").content.decode()
    for url in [
        "/en/search/?q=CNO",
        "/en/search/?q=therapy",
        "/api/v1/search?q=CNO&lang=en",
        "/api/v1/suggest?q=Zebra&lang=en",
        "/en/icd10/M86.9/",
        "/api/v1/icd10/M86.9?lang=en",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url
