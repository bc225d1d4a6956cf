"""Editors import reference files in the admin: upload, preview, confirm.

Nothing is written before the editor confirms; a file with problems creates nothing;
duplicates of the library or of an earlier entry are shown and left out.
"""

import json

import pytest
from django.core import signing

from accounts.tests.conftest import make_reader
from references import views
from references.models import Reference
from references.tests.conftest import CONFIRM_URL, IMPORT_URL, admin_client, upload

pytestmark = pytest.mark.django_db


def preview(client, name, content=None):
    return client.post(IMPORT_URL, {"file": upload(name, content)})


def entry_row(html, number):
    start = html.index(f'id="entry-{number}"')
    return html[start : html.index("</tr>", start)]


def library():
    return list(Reference.objects.order_by("pk").values_list("pk", "title", "doi", "doi_verified_at"))


def test_the_preview_shows_every_entry_marks_duplicates_of_the_library_and_writes_nothing(editor_client):
    before = library()
    response = preview(editor_client, "cno-pubmed.nbib")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview of cno-pubmed.nbib: 4 references" in html
    assert "1 would be created, 3 duplicates would be left out, 0 with problems." in html
    # Roderick 2016 is cited in the CNO article for the Bristol criteria.
    assert "Already in the library (same DOI): Roderick MR, Shah R, Rogers V, Finn A, Ramanan AV." in entry_row(html, 1)
    assert "Kostik MM, Maletin AS, Petukhova VV, Mushkin AY. Nonbacterial and bacterial osteomyelitis" in html
    assert "Will be created." in entry_row(html, 2)
    assert "Already in the library (same DOI): Borzutzky A" in entry_row(html, 3)
    assert "Already in the library (same PMID): Golla A" in entry_row(html, 4)
    assert "Create 1 reference" in html
    assert library() == before


def test_a_duplicate_without_identifiers_is_found_by_title_year_and_first_author(editor_client):
    # Stern 2013 is cited in the CNO article without any identifier; a reference
    # manager writes its title in another case and with a trailing full stop.
    ris = "TY  - JOUR\nAU  - Stern, Sara M.\nTI  - AUTOINFLAMMATORY BONE DISEASES.\nJO  - Rheum Dis Clin North Am\nPY  - 2013\nER  - \n"
    html = preview(editor_client, "stern.ris", ris).content.decode()
    assert "Already in the library (same title, year and first author): Stern SM, Ferguson PJ." in html
    assert "Every reference in this file is already in the library." in html


def test_an_entry_repeated_in_the_file_is_marked_as_a_duplicate_of_the_first(editor_client):
    entry = {
        "type": "article-journal",
        "title": "Nonbacterial and bacterial osteomyelitis in children: a case-control retrospective study",
        "container-title-short": "Front Pediatr",
        "author": [{"family": "Kostik", "given": "M M"}],
        "issued": {"date-parts": [[2023]]},
        "DOI": "10.3389/fped.2023.1067206",
    }
    html = preview(
        editor_client, "twice.json", json.dumps([entry, dict(entry, DOI="10.3389/FPED.2023.1067206")])
    ).content.decode()
    assert "The same as entry 1 in this file (same DOI)." in entry_row(html, 2)
    assert "Create 1 reference" in html


def test_confirming_creates_the_new_records_unchecked_and_leaves_duplicates_out(editor_client):
    response = preview(editor_client, "cno-pubmed.nbib")
    before = Reference.objects.count()
    response = editor_client.post(CONFIRM_URL, {"payload": response.context["payload"]}, follow=True)
    assert Reference.objects.count() == before + 1
    kostik = Reference.objects.get(pmid="37206973")
    assert (kostik.doi, kostik.pmcid, kostik.container, kostik.year) == (
        "10.3389/fped.2023.1067206",
        "PMC10188934",
        "Front Pediatr",
        2023,
    )
    assert kostik.unverified_identifiers() == ["doi", "pmid", "pmcid"]
    assert Reference.objects.filter(pmid="23071213").count() == 1
    assert Reference.objects.filter(pmid="27576444").count() == 1
    assert "1 reference imported from cno-pubmed.nbib; 3 duplicates left out." in response.content.decode()


def test_a_file_with_problems_shows_them_per_entry_and_creates_nothing(editor_client):
    entries = [
        {
            "type": "article-journal",
            "title": "Fine",
            "container-title": "J Test",
            "author": [{"family": "Doe", "given": "J"}],
            "issued": {"date-parts": [[2020]]},
        },
        {
            "type": "article-journal",
            "title": "Broken",
            "container-title": "J Test",
            "author": [{"family": "Roe", "given": "R"}],
            "DOI": "10.1/x y",
        },
    ]
    content = json.dumps(entries)
    response = preview(editor_client, "broken.json", content)
    html = response.content.decode()
    assert "1 would be created, 0 duplicates would be left out, 1 with problems." in html
    assert "The year of publication is missing." in entry_row(html, 2) and "is not a DOI" in entry_row(html, 2)
    assert "nothing can be imported from it" in html and CONFIRM_URL not in html
    # Even a confirmation sent anyway changes nothing.
    before = library()
    payload = signing.dumps({"name": "broken.json", "text": content}, salt=views.SIGNING_SALT, compress=True)
    html = editor_client.post(CONFIRM_URL, {"payload": payload}).content.decode()
    assert "Nothing was imported: the file has problems." in html
    assert library() == before


def test_a_file_that_cannot_be_read_gets_its_message_on_the_upload_page(editor_client):
    html = preview(editor_client, "refs.bib", "@article{a, title={Never closed").content.decode()
    assert "The BibTeX file cannot be read from line 1 on" in html
    assert 'role="alert"' in html


def test_an_altered_or_forged_confirmation_creates_nothing(editor_client):
    before = library()
    response = preview(editor_client, "cno-pubmed.nbib")
    forged = signing.dumps({"name": "x.ris", "text": "TY  - JOUR\nER  - \n"}, salt="another salt")
    for payload in (response.context["payload"] + "x", forged, ""):
        response = editor_client.post(CONFIRM_URL, {"payload": payload}, follow=True)
        assert "This preview has expired or is incomplete. Upload the file again." in response.content.decode()
    assert library() == before


def test_the_german_admin_speaks_to_the_editor_in_german(client, editor):
    client = admin_client(client, editor, language="de")
    html = client.post(IMPORT_URL, {"file": upload("osteitis.bib")}).content.decode()
    assert "Vorschau von osteitis.bib: 3 Literaturstellen" in html
    assert "Bereits in der Literaturverwaltung (gleiche DOI): Haupt R" in html
    assert "Es wurde noch nichts gespeichert." in html
    html = client.post(IMPORT_URL, {"file": upload("refs.docx", "x")}).content.decode()
    assert "Laden Sie eine Datei mit der Endung .ris (RIS)" in html


def test_readers_cannot_reach_the_import(client, django_user_model):
    client.force_login(make_reader(django_user_model, "verified"))
    before = library()
    for url in (IMPORT_URL, CONFIRM_URL):
        response = client.post(url, {"file": upload("cno-pubmed.nbib")})
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert library() == before
