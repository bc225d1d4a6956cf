"""Finding one's way around an article: clinical tools at the top, citations that lead both ways, ICD-10 codes
that lead to the catalogue, figures in the article's language that open at full size."""

import re

import pytest
from bs4 import BeautifulSoup

from articles import citations
from articles.tests.helpers import cno, logged_in, make_article
from articles.tests.test_article_page import gated_snippet

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_clinical_tools_stand_above_the_text_and_head_the_table_of_contents(client):
    page = soup_of(client, cno("en").url)
    article = page.find("article")
    tools = article.find("aside", class_="article-tools")
    assert tools is not None and tools["id"] == "article-tools"
    first_section = article.find("section", class_="article-section")
    order = [element for element in article.find_all(["aside", "section"]) if element in (tools, first_section)]
    assert order == [tools, first_section]
    toc_links = [a["href"] for a in page.find("nav", class_="toc").find_all("a")]
    assert toc_links[0] == "#article-tools"


def test_the_german_table_of_contents_names_the_tools_in_german(client):
    toc = soup_of(client, cno("de").url).find("nav", class_="toc")
    assert toc.find("a", href="#article-tools").get_text() == "Klinische Werkzeuge"


def test_an_article_without_tools_has_no_tools_entry_in_its_contents(client):
    article = make_article("Article without tools", n=2, lang="en")
    article.icd10_codes.all().delete()
    article.save_revision().publish()
    page = soup_of(client, article.url)
    assert page.find(id="article-tools") is None
    assert page.find("nav", class_="toc").find("a", href="#article-tools") is None


def test_every_reference_leads_back_to_each_place_that_cites_it(verified_client):
    page = soup_of(verified_client, cno("en").url)
    markers = {a["id"]: a for a in page.select("a.cite[id]")}
    assert markers, "the CNO article cites its literature"
    led_back_to = set()
    for item in page.select("ol.references > li"):
        back = item.select(".back-links a")
        assert back, f"{item['id']} is cited somewhere and leads back there"
        for link in back:
            marker = markers[link["href"][1:]]
            # The marker names this reference, or opens a range that includes it.
            citation = marker.find_parent("span", class_="citation")
            assert marker["href"] == f"#{item['id']}" or citation.find("a", href=f"#{item['id']}") is not None
            led_back_to.add(marker["id"])
        if len(back) > 1:
            assert [link.get_text() for link in back] == [chr(ord("a") + i) for i in range(len(back))]
    assert led_back_to == set(markers)
    assert any(len(item.select(".back-links a")) > 1 for item in page.select("ol.references > li"))


def test_back_links_have_names_that_say_where_they_lead_in_the_readers_language(verified_client):
    english = soup_of(verified_client, cno("en").url)
    single = next(item for item in english.select(".back-links") if len(item.find_all("a")) == 1).find("a")
    assert single.get_text() == "↑"
    assert re.fullmatch(r"Back to the citation of reference \d+ in [A-Z][a-z ]+", single["aria-label"])
    lettered = next(item for item in english.select(".back-links") if len(item.find_all("a")) > 1).find("a")
    assert re.fullmatch(r"Back to citation a of reference \d+, in [A-Z][a-z ]+", lettered["aria-label"])
    german = soup_of(verified_client, cno("de").url)
    assert german.select_one(".back-links a")["aria-label"].startswith("Zurück zur Zitierstelle")
    assert german.select_one("a.cite")["aria-label"].startswith("Literaturstelle ")


def test_a_citation_marker_stays_a_plain_link_to_the_literature_list(client):
    marker = soup_of(client, cno("en").url).select_one("a.cite")
    target = marker["href"]
    assert re.fullmatch(r"#ref-\d+", target)
    assert marker["id"].startswith("cite-")


def test_no_back_link_leads_into_a_section_the_reader_may_not_read(client, verified_user):
    page = cno("en")
    html = soup_of(client, page.url)
    markers = {a["id"] for a in html.select("a.cite[id]")}
    back_links = [a["href"][1:] for a in html.select(".back-links a")]
    assert back_links and set(back_links) <= markers
    for section in html.select("section.article-section.locked"):
        assert section.select("a.cite") == []
    assert gated_snippet(page) not in str(html)
    # A professional sees the citations of the gated sections too, with their links back.
    professional = soup_of(logged_in(verified_user), page.url)
    assert len(professional.select(".back-links a")) > len(back_links)


def test_a_range_is_cited_at_its_first_number_for_the_references_inside_it():
    places = citations.CitationPlaces()
    html = citations.link_citations("<p>Known [2–4] and [3].</p>", places, "Therapy")
    assert html.count('class="cite"') == 3
    assert [link["id"] for link in places.back_links(2)] == ["cite-1"]
    assert [link["id"] for link in places.back_links(3)] == ["cite-1", "cite-3"]
    assert [link["letter"] for link in places.back_links(3)] == ["a", "b"]
    assert [link["id"] for link in places.back_links(4)] == ["cite-2"]
    assert places.back_links(5) == []


def test_icd10_codes_lead_to_the_catalogue_and_the_catalogue_back_to_the_article(client):
    for lang, prefix in (("en", "/en/icd10/"), ("de", "/de/icd10/")):
        page = cno(lang)
        header = soup_of(client, page.url).find("header", class_="article-header")
        link = header.select_one(".icd10-links a")
        assert link.get_text() == "M86.9-"
        assert link["href"] == f"{prefix}M86.9/"  # the catalogue's own address, without a redirect
        entry = soup_of(client, link["href"])
        assert entry.find("a", href=page.url) is not None


def test_the_german_article_shows_its_figure_with_german_labels_and_the_english_one_with_english(verified_client):
    for lang, name in (("de", "cno-lesion-distribution-de"), ("en", "cno-lesion-distribution")):
        figure = soup_of(verified_client, cno(lang).url).select_one("figure.figure")
        image = figure.find("img")["src"]
        # The stored file keeps the drawing's name (a storage may add a suffix against clashes).
        assert re.search(rf"/{name}(_[A-Za-z0-9]+)?\.max-960x720\.png$", image), image


def test_a_figure_opens_at_its_full_size_with_a_plain_link(verified_client):
    page = soup_of(verified_client, cno("de").url)
    figure = page.select_one("figure.figure")
    opener = figure.find("a", class_="figure-open")
    full = page.find(id=opener["href"][1:])
    assert "figure-full" in full["class"]
    assert full.find("img")["src"] == figure.find("img")["src"]
    assert full.find("a", class_="figure-close")["href"] == f"#{figure['id']}"
    assert opener.find(class_="visually-hidden").get_text(strip=True) == "(in voller Größe öffnen)"


def test_an_anonymous_reader_gets_no_figure_nor_its_full_view(client):
    page = soup_of(client, cno("de").url)
    assert page.find("img") is None and page.select(".figure-full") == []
