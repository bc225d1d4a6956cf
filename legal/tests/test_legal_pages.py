"""Imprint, privacy notice, terms of use and contact: editable pages in both languages, linked everywhere they are needed."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal.models import LegalKind, LegalPage
from medlex.testing import query_plan

pytestmark = pytest.mark.django_db

PATHS = {
    "de": ["/de/impressum/", "/de/datenschutz/", "/de/nutzungsbedingungen/", "/de/kontakt/"],
    "en": ["/en/imprint/", "/en/privacy/", "/en/terms/", "/en/contact/"],
}


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", ["/", "/icd10/", "/cno-syndrom/", "/accounts/login/"])
def test_the_footer_links_all_four_legal_pages_in_the_readers_language(client, lang, page):
    if page == "/cno-syndrom/" and lang == "en":
        page = "/cno-syndrome/"
    html = footer(client.get(f"/{lang}{page}").content.decode())
    assert re.findall(r'<a href="([^"]+)">', html) == PATHS[lang]


def test_the_footer_finds_the_legal_pages_without_going_through_every_page_of_the_language(client):
    """Every page of the site has the footer; a language has thousands of articles and four legal pages."""
    with CaptureQueriesContext(connection) as queries:
        html = footer(client.get("/en/icd10/").content.decode())
    assert re.findall(r'<a href="([^"]+)">', html) == PATHS["en"]
    reads = [query["sql"] for query in queries.captured_queries if "legal_legalpage" in query["sql"]]
    assert len(reads) == 1
    # not by the index of pages by language: SQLite goes through every page of the language that way
    assert "wagtailcore_page_locale_id" not in query_plan(reads[0]), "the footer goes through the language's pages"


def test_the_footer_is_worked_out_once_and_shows_a_renamed_or_unpublished_legal_page_on_the_next_view(client):
    client.get("/en/icd10/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/icd10/")
    assert not [query for query in queries.captured_queries if "legal_legalpage" in query["sql"]]

    terms = LegalPage.objects.get(locale__language_code="en", kind=LegalKind.TERMS)
    terms.title = "Terms of use, revised"
    terms.save_revision().publish()
    assert "Terms of use, revised</a>" in footer(client.get("/en/icd10/").content.decode())

    LegalPage.objects.get(pk=terms.pk).unpublish()
    html = footer(client.get("/en/icd10/").content.decode())
    assert re.findall(r'<a href="([^"]+)">', html) == [path for path in PATHS["en"] if path != "/en/terms/"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_legal_page_answers_everyone_and_its_language_switch_leads_to_its_translation(client, lang):
    other = "en" if lang == "de" else "de"
    for path, translation in zip(PATHS[lang], PATHS[other], strict=True):
        response = client.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert f'href="{translation}"' in html.split("</header>", 1)[0]


def test_the_demo_pages_mark_the_operators_details_as_placeholders(client):
    for path in PATHS["de"]:
        assert "<b>Platzhalter:</b>" in client.get(path).content.decode()
    for path in PATHS["en"]:
        assert "<b>Placeholder:</b>" in client.get(path).content.decode()


def test_the_privacy_notice_says_what_medlex_stores(client, settings):
    html = client.get("/de/datenschutz/").content.decode()
    assert "nach 90 Tagen gelöscht" in html  # search.log.RETENTION_DAYS
    assert f"{settings.MEDLEX_PROOF_RETENTION_DAYS} Tage nach der Entscheidung" in html
    for stored in (
        "Passwort nur als Hash",
        "Sitzungs-Cookie",
        "Wiederherstellungscodes",
        "Ihr Konto jederzeit löschen",
    ):
        assert stored in html
    html = client.get("/en/privacy/").content.decode()
    assert "deleted after 90 days" in html and "recovery codes" in html


@pytest.mark.parametrize(
    ("lang", "terms", "privacy"),
    [("de", "/de/nutzungsbedingungen/", "/de/datenschutz/"), ("en", "/en/terms/", "/en/privacy/")],
)
def test_the_sign_up_consent_links_the_terms_and_the_privacy_notice_in_the_readers_language(
    client, lang, terms, privacy
):
    html = client.get(f"/{lang}/accounts/signup/").content.decode()
    label = re.search(r'<label for="id_accept_terms">(.*?)</label>', html, re.S)[1]
    assert f'<a href="{terms}">' in label and f'<a href="{privacy}">' in label


def test_without_a_terms_page_the_consent_is_plain_text_and_links_nowhere(client):
    LegalPage.objects.filter(kind=LegalKind.TERMS).delete()
    html = client.get("/de/accounts/signup/").content.decode()
    label = re.search(r'<label for="id_accept_terms">(.*?)</label>', html, re.S)[1]
    assert "Nutzungsbedingungen" in label and "<a " not in label
    assert "/de/impressum/" in footer(html) and "/de/nutzungsbedingungen/" not in footer(html)


def test_a_language_has_one_page_of_each_kind():
    imprint = LegalPage.objects.get(kind=LegalKind.IMPRINT, locale__language_code="de")
    second = LegalPage(title="Noch ein Impressum", slug="impressum-2", kind=LegalKind.IMPRINT, body="<p>x</p>")
    second.locale = imprint.locale
    with pytest.raises(ValidationError) as error:
        second.clean()
    assert "kind" in error.value.message_dict
