"""German readers see the ICD-10 catalogue in German; a code without a German title says it is English."""

import re

import pytest

from icd10 import titles
from icd10.titles import german_titles, without_german_title

pytestmark = pytest.mark.django_db


def test_german_titles_cover_almost_every_code_of_the_catalogue():
    assert len(german_titles()) > 12_000
    assert 0 < without_german_title() < 100


def test_the_german_code_page_shows_the_german_title_in_title_heading_and_hierarchy(client):
    html = client.get("/de/icd10/M86.9/").content.decode()
    assert "<title>M86.9 Osteomyelitis, nicht näher bezeichnet" in html
    assert "Osteomyelitis, nicht näher bezeichnet</h1>" in html
    assert "Krankheiten des Muskel-Skelett-Systems und des Bindegewebes" in html
    assert "unspecified" not in html and "Diseases of the musculoskeletal system" not in html


def test_the_english_code_page_keeps_the_who_title(client):
    html = client.get("/en/icd10/M86.9/").content.decode()
    assert "Osteomyelitis, unspecified</h1>" in html
    assert '<span lang="en">' not in html  # the page is English already


def test_a_code_without_a_german_title_is_shown_in_english_marked_and_counted(client):
    html = client.get("/de/icd10/U08/").content.decode()
    assert '<span lang="en">Emergency use of U08</span></h1>' in html
    count = without_german_title()
    assert f"{count} Codes ohne deutsche Bezeichnung werden englisch angezeigt." in html


def test_the_german_catalogue_shows_german_chapters_and_counts_the_english_ones(client):
    html = client.get("/de/icd10/").content.decode()
    assert "Bestimmte infektiöse und parasitäre Krankheiten" in html
    assert "Certain infectious" not in html
    assert f"{without_german_title()} Codes ohne deutsche Bezeichnung" in html
    assert "Codes ohne deutsche Bezeichnung" not in client.get("/en/icd10/").content.decode()
    assert "without a German title" not in client.get("/en/icd10/").content.decode()


def test_every_english_title_on_a_german_chapter_page_is_marked_english(client):
    html = client.get("/de/icd10/U00-U49/").content.decode()  # the WHO's provisional codes, untranslated
    main = html.split("<main", 1)[1]
    assert '<span lang="en">' in main
    for english in ("Emergency use of U07", "Emergency use of U08", "Emergency use of U09"):
        if english in main:
            assert f'<span lang="en">{english}</span>' in main


def test_the_german_catalogue_search_finds_codes_by_german_and_english_words(client):
    html = client.get("/de/icd10/", {"q": "osteomyelitis nicht näher"}).content.decode()
    assert "Osteomyelitis, nicht näher bezeichnet" in html
    html = client.get("/de/icd10/", {"q": "osteomyelitis unspecified"}).content.decode()
    assert re.search(r"M86\.9</span></a> Osteomyelitis, nicht näher bezeichnet", html)


def test_the_search_filter_names_the_chapters_in_german(client):
    html = client.get("/de/suche/", {"q": "osteomyelitis"}).content.decode()
    assert "XIII – Krankheiten des Muskel-Skelett-Systems" in html
    assert "Diseases of the musculoskeletal" not in html


def test_the_code_api_gives_german_titles_for_german_and_says_which_are_english(client):
    data = client.get("/api/v1/icd10/M86.9", {"lang": "de"}).json()
    assert data["description"] == "Osteomyelitis, nicht näher bezeichnet" and data["description_lang"] == "de"
    assert data["ancestors"][0] == {
        "code": "XIII",
        "kind": "chapter",
        "description": "Krankheiten des Muskel-Skelett-Systems und des Bindegewebes",
        "description_lang": "de",
    }
    data = client.get("/api/v1/icd10/U08", {"lang": "de"}).json()
    assert data["description"] == "Emergency use of U08" and data["description_lang"] == "en"
    data = client.get("/api/v1/icd10/M86.9", {"lang": "en"}).json()
    assert data["description"] == "Osteomyelitis, unspecified" and data["description_lang"] == "en"


def test_the_system_check_warns_when_the_german_titles_are_not_installed(monkeypatch):
    assert titles.check_german_titles() == []
    monkeypatch.setattr(titles, "SOURCE_DISTRIBUTION", "no-such-distribution")
    [warning] = titles.check_german_titles()
    assert warning.id == "icd10.W001" and "English" in warning.msg


def test_a_code_search_on_the_german_site_marks_an_english_code_title(client):
    html = client.get("/de/suche/?q=U09").content.decode()
    assert re.search(r'Artikel mit dem ICD-10-Code U09 \(<span lang="en">[^<]+</span>\)', html), html[:3000]
