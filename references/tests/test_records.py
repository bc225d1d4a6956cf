"""Reference records in the admin: identifiers nobody checked are flagged, a record without any says so,
and a check names who made it and when. Both editions of an article cite the same records."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from articles.tests.helpers import cno
from references.models import Reference

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_references_reference:list")


def every_page(client):
    """The literature list, all its pages (it shows the newest first, a page at a time)."""
    pages = []
    for number in range(1, 20):
        response = client.get(LIST_URL, {"p": number})
        if response.status_code != 200 or (pages and response.content.decode() == pages[-1]):
            break
        pages.append(response.content.decode())
        if f"p={number + 1}" not in pages[-1]:
            break
    return "".join(pages)


def identifier_cell(html, title):
    row = html[html.index(title) :]
    row = row[: row.index("</tr>")]
    return row[row.index('class="identifiers"') :]


def test_the_literature_list_flags_unchecked_identifiers_and_records_without_any(editor_client):
    html = every_page(editor_client)
    # Borzutzky 2012 (CNO) has a DOI and a PMID that nobody has checked yet; Stern 2013 has none.
    borzutzky = identifier_cell(html, "Pediatric chronic nonbacterial osteomyelitis")
    assert "DOI 10.1542/peds.2011-3788: ⚠ not checked" in borzutzky
    assert "PMID 23071213: ⚠ not checked" in borzutzky
    assert "No identifier" in identifier_cell(html, "Autoinflammatory bone diseases")


def test_the_filter_lists_only_records_with_an_identifier_nobody_checked(editor_client, editor):
    checked = Reference.objects.get(pmid="23071213")
    for name in ("doi", "pmid"):
        setattr(checked, f"{name}_verified_by", editor)
        setattr(checked, f"{name}_verified_at", timezone.now())
    checked.save()
    html = editor_client.get(LIST_URL, {"identifiers": "unchecked"}).content.decode()
    assert "Chronic Recurrent Multifocal Osteomyelitis (CRMO): Presentation" in html  # Hofmann 2017, unchecked
    assert "Pediatric chronic nonbacterial osteomyelitis" not in html
    assert "Autoinflammatory bone diseases" not in html  # nothing to check
    html = editor_client.get(LIST_URL, {"identifiers": "none"}).content.decode()
    assert "Autoinflammatory bone diseases" in html and "Pediatric chronic nonbacterial osteomyelitis" not in html


def edit(client, reference, **changes):
    values = {
        "kind": reference.kind,
        "authors": reference.authors,
        "title": reference.title,
        "container": reference.container,
        "year": reference.year,
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "pmcid": reference.pmcid,
        "url": reference.url,
    }
    values.update(changes)
    url = reverse("wagtailsnippets_references_reference:edit", args=[reference.pk])
    return client.post(url, nested_form_data({k: v for k, v in values.items() if v not in (False, None)}))


def test_an_editor_who_ticks_an_identifier_is_recorded_as_having_checked_it(editor_client, editor):
    reference = Reference.objects.get(pmid="23071213")
    response = edit(editor_client, reference, doi_verified="on")
    assert response.status_code == 302
    reference.refresh_from_db()
    assert reference.doi_verified_by == editor and reference.doi_verified_at is not None
    assert reference.unverified_identifiers() == ["pmid"]
    html = editor_client.get(reverse("wagtailsnippets_references_reference:edit", args=[reference.pk])).content.decode()
    assert f"Checked by {editor.get_full_name()} on " in html


def test_a_changed_identifier_is_no_longer_checked_unless_ticked_again(editor_client, editor):
    reference = Reference.objects.get(pmid="23071213")
    edit(editor_client, reference, doi_verified="on")
    reference.refresh_from_db()
    edit(editor_client, reference, doi="https://doi.org/10.1542/PEDS.2011-3788", doi_verified="")
    reference.refresh_from_db()
    assert reference.doi == "10.1542/PEDS.2011-3788"  # kept bare
    assert reference.doi_verified_at is None and reference.doi_verified_by is None


def test_an_identifier_with_a_wrong_syntax_is_refused_in_the_edit_form(editor_client):
    reference = Reference.objects.get(pmid="23071213")
    response = edit(editor_client, reference, pmid="PMID2307121", pmcid="3484133x")
    html = response.content.decode()
    assert response.status_code == 200
    assert "PMID2307121 is not a PubMed ID." in html
    assert "3484133X is not a PubMed Central ID." in html
    reference.refresh_from_db()
    assert reference.pmid == "23071213"


def test_both_editions_of_an_article_cite_the_same_records_in_the_same_order():
    german = [entry.reference_id for entry in cno("de").references.all()]
    english = [entry.reference_id for entry in cno("en").references.all()]
    assert len(german) == 11 and german == english


def test_a_record_still_cited_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        Reference.objects.get(pmid="23071213").delete()
