"""OpenSearch: a browser finds the site's search in every page's head and offers it in its address bar.

One description per language, at the reader's host, whose search template leads to
that language's results page and whose suggestions come from the type-ahead.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from articles.tests.helpers import cno

pytestmark = pytest.mark.django_db

NS = {"os": "http://a9.com/-/spec/opensearch/1.1/"}


def description(client, lang):
    response = client.get(f"/{lang}/opensearch.xml", HTTP_HOST="medlex.example.org")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    return root


def template(root, kind):
    return root.find(f"os:Url[@type='{kind}']", NS).get("template")


@pytest.mark.parametrize("lang, results", [("en", "/en/search/"), ("de", "/de/suche/")])
def test_each_language_has_a_description_whose_template_leads_to_its_results_page(client, settings, lang, results):
    settings.ALLOWED_HOSTS = ["medlex.example.org", "testserver"]
    root = description(client, lang)
    assert root.find("os:Language", NS).text == lang
    assert len(root.find("os:ShortName", NS).text) <= 16
    search = template(root, "text/html")
    assert search == f"http://medlex.example.org{results}?q={{searchTerms}}"
    page = client.get(urlsplit(search.replace("{searchTerms}", "CNO")).path + "?q=CNO")
    assert page.status_code == 200 and cno(lang).title in page.content.decode()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_links_the_description_of_its_language_in_its_head(client, lang):
    for url in (f"/{lang}/", cno(lang).url):
        head = client.get(url).content.decode().split("</head>")[0]
        link = re.search(r'<link rel="search" type="application/opensearchdescription\+xml"[^>]*>', head)
        assert link and f'href="/{lang}/opensearch.xml"' in link.group(0)


def test_suggestions_come_in_the_opensearch_format_and_lead_to_the_articles(client, settings):
    settings.ALLOWED_HOSTS = ["medlex.example.org", "testserver"]
    suggestions_url = template(description(client, "en"), "application/x-suggestions+json")
    path = urlsplit(suggestions_url).path
    response = client.get(path, {"q": "chronic non"}, HTTP_HOST="medlex.example.org")
    assert response["Content-Type"].startswith("application/x-suggestions+json")
    query, completions, descriptions, addresses = response.json()
    assert query == "chronic non" and completions and len(completions) == len(descriptions) == len(addresses)
    assert f"http://medlex.example.org{cno('en').url}" in addresses


@pytest.mark.parametrize("q", ["", "   ", "!!!", "x" * 500])
def test_a_query_that_cannot_be_suggested_for_answers_an_empty_list_not_an_error(client, q):
    response = client.get("/en/opensearch/suggestions/", {"q": q})
    assert response.status_code == 200
    assert response.json()[1:] == [[], [], []]
