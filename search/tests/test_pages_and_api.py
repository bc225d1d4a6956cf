"""The search box, the results page and the search API as a reader and a client see them."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/de/", "/en/", "/de/cno-syndrom/", "/en/icd10/"])
def test_every_page_has_a_search_box_that_works_without_javascript(client, url):
    html = client.get(url).content.decode()
    assert 'role="search"' in html and 'method="get"' in html and 'name="q"' in html
    assert 'role="combobox"' in html and 'role="listbox"' in html


def test_results_page_per_language_shows_title_codes_language_and_snippet(client):
    html = client.get("/de/suche/", {"q": "CRMO"}).content.decode()
    assert "CNO-Syndrom" in html and "M86.9-" in html and ">DE<" in html
    assert "Read in English" in html
    assert client.get("/en/search/", {"q": "CRMO"}).status_code == 200


def test_a_code_query_lists_the_coded_articles_and_links_the_catalogue(client):
    html = client.get("/en/search/", {"q": "m869"}).content.decode()
    assert "Articles coded with ICD-10 M86.9" in html
    assert 'href="/en/icd10/M86.9/"' in html
    assert "CNO syndrome" in html


def test_a_too_long_query_gets_a_clear_message(client):
    response = client.get("/en/search/", {"q": "x" * 300})
    assert response.status_code == 400
    assert "too long" in response.content.decode()


def test_search_api_answers_best_first_with_the_documented_fields(client):
    data = client.get("/api/v1/search", {"q": "CRMO", "lang": "en"}).json()
    first = data["results"][0]
    assert set(first) >= {"id", "title", "url", "icd10", "lang", "snippet", "score"}
    assert first["title"] == "CNO syndrome" and first["icd10"] == ["M86.9-"] and first["lang"] == "en"
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "x" * 1000}, {"q": "CNO", "lang": "fr"}, {"q": "CNO", "limit": "0"}, {"q": "?!"}]
)
def test_search_api_refuses_bad_queries_with_a_json_400(client, params):
    for endpoint in ("/api/v1/search", "/api/v1/suggest"):
        response = client.get(endpoint, params)
        assert response.status_code == 400
        assert response.json()["error"]


def test_suggest_api_returns_type_ahead_entries(client):
    data = client.get("/api/v1/suggest", {"q": "LC", "lang": "de"}).json()
    assert data["results"][0] == {
        "label": "LCH",
        "title": "Langerhans-Zell-Histiozytose",
        "kind": "synonym",
        "url": "/de/langerhans-zell-histiozytose/",
        "lang": "de",
    }
