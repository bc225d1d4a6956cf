"""Search filtered by specialty: a plain form control, either language's address, a clear message for a wrong one."""

import re

import pytest

from search import services
from specialties.models import Specialty

pytestmark = pytest.mark.django_db


def result_titles(html):
    return re.findall(r'<h2><a href="[^"]+" rel="nofollow">([^<]+)</a>', html)


def test_the_filter_keeps_only_articles_filed_under_the_specialty():
    dermatology = Specialty.objects.get(slug_en="dermatology")
    found = [r.document.title for r in services.search("osteomyelitis", lang="en", specialty=dermatology).results]
    assert set(found) <= {"SAPHO syndrome", "Palmoplantar pustulosis"} and "SAPHO syndrome" in found
    everything = [r.document.title for r in services.search("osteomyelitis", lang="en").results]
    assert "CNO syndrome" in everything and "CNO syndrome" not in found


def test_the_results_page_offers_every_specialty_and_keeps_the_chosen_one(client):
    html = client.get("/en/search/?q=osteomyelitis&specialty=dermatology").content.decode()
    assert '<select id="results-specialty" name="specialty">' in html
    assert '<option value="dermatology" selected>Dermatology</option>' in html
    assert '<option value="rheumatology">Rheumatology</option>' in html
    assert "CNO syndrome" not in result_titles(html) and "SAPHO syndrome" in result_titles(html)


def test_the_german_page_takes_the_german_address_and_after_the_language_switch_the_english_one(client):
    german = client.get("/de/suche/?q=osteomyelitis&specialty=dermatologie").content.decode()
    assert '<option value="dermatologie" selected>Dermatologie</option>' in german
    switched = client.get("/de/suche/?q=osteomyelitis&specialty=dermatology")
    assert switched.status_code == 200
    assert '<option value="dermatologie" selected>' in switched.content.decode()


def test_an_unknown_specialty_is_refused_with_a_message_and_no_results(client):
    response = client.get("/en/search/?q=osteomyelitis&specialty=astrology%3Cb%3E")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no specialty “astrology&lt;b&gt;”. Choose one from the list, or all specialties." in html
    assert result_titles(html) == []
    german = client.get("/de/suche/?q=osteomyelitis&specialty=astrologie").content.decode()
    assert "Es gibt kein Fachgebiet „astrologie“." in german
