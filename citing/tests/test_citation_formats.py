"""A citation names the current version's permalink; each file format reads back into medlex's own importer."""

import json
from datetime import date

import bibtexparser
import pytest
import rispy
from django.test import RequestFactory
from django.utils import translation

from articles.tests.helpers import cno
from citing import formats, records
from references import importing
from versions.addresses import version_url

pytestmark = pytest.mark.django_db

ACCESSED = date(2026, 12, 1)


@pytest.fixture
def citation():
    page = cno("en")
    request = RequestFactory().get(page.url)
    return records.citation_for(request, page, accessed=ACCESSED)


def latest_permalink(page):
    return "http://testserver" + version_url(page, page.versions.order_by("-number").first().number)


def test_the_citation_points_to_the_current_versions_permalink_at_the_readers_host(citation):
    page = cno("en")
    assert citation.url == latest_permalink(page)
    assert citation.version == page.versions.count() == 3
    assert citation.title == page.title


@pytest.mark.parametrize("name", ["ris", "bibtex", "csl-json"])
def test_each_download_reads_back_with_title_authors_year_and_the_versions_address(citation, name):
    text = formats.file_text(citation, name)
    [entry] = importing.read(f"citation.{formats.FILES[name].extension}", text.encode())
    assert entry["title"] == citation.title
    assert entry["authors"] == [importing.vancouver_name(a.family, a.given) for a in citation.authors]
    assert entry["authors"]  # the demo article names its authors
    assert str(entry["year"]) == str(citation.issued.year)
    assert entry["url"] == citation.url and citation.url.endswith("/versions/3/")


def test_the_version_is_a_field_of_its_own_in_every_file(citation):
    assert rispy.loads(formats.ris(citation))[0]["edition"] == "3"
    assert bibtexparser.parse_string(formats.bibtex(citation)).entries[0]["version"] == "3"
    assert json.loads(formats.csl_json(citation))[0]["version"] == "3"


def test_ris_starts_with_the_type_as_reference_managers_expect(citation):
    assert formats.ris(citation).startswith("TY  - ENCYC")


def test_a_title_with_latex_characters_and_braces_survives_bibtex(citation):
    odd = records.ArticleCitation(**{**vars(citation), "title": "Pain {score} & 50% of C#_x"})
    [entry] = importing.read("c.bib", formats.bibtex(odd).encode())
    assert entry["title"] == "Pain score & 50% of C#_x"


def test_vancouver_names_the_permalink_and_the_access_date_in_the_readers_language(citation):
    with translation.override("en"):
        english = formats.styled(citation, "vancouver", "en")
    with translation.override("de"):
        german = formats.styled(citation, "vancouver", "de")
    assert english.endswith(f"Available from: {citation.url}")
    assert "[cited 1 December 2026]" in english
    assert "[zitiert 1. Dezember 2026]" in german and f"Verfügbar unter: {citation.url}" in german
    assert citation.title in english and not english.startswith("1.")


def test_apa_names_year_title_version_and_permalink(citation):
    with translation.override("en"):
        apa = formats.styled(citation, "apa", "en")
    assert f"({citation.issued.year}). {citation.title}." in apa
    assert "(Version 3)" in apa and apa.endswith(citation.url)


def test_a_name_of_one_word_stays_whole_and_a_name_is_split_at_its_last_word():
    assert records.split_name("Anna Maria Müller") == records.Name("Müller", "Anna Maria")
    assert records.split_name("Cochrane") == records.Name("Cochrane")
