"""Reading reference files: what each format gives, and a clear message for a file that cannot be read.

The files under files/ are written by hand in each format's documented syntax and
describe papers cited in the demo content (its articles and clinical functions).
"""

import json

import pytest

from references import importing
from references.tests.conftest import FILES

pytestmark = pytest.mark.django_db


def read(name, content=None):
    data = (FILES / name).read_bytes() if content is None else content.encode()
    return importing.read(name, data)


def checked(name, content=None):
    return importing.check(read(name, content))


def by_title(items, start):
    return next(item for item in items if item.values["title"].startswith(start))


def test_a_pubmed_medline_file_gives_every_field_of_each_record():
    roderick, kostik, borzutzky, golla = [item.values for item in checked("cno-pubmed.nbib")]
    assert roderick == {
        "kind": "article",
        "authors": "Roderick MR\nShah R\nRogers V\nFinn A\nRamanan AV",
        "et_al": False,
        "title": "Chronic recurrent multifocal osteomyelitis (CRMO) - advancing the diagnosis",
        "container": "Pediatr Rheumatol Online J",
        "year": 2016,
        "volume": "14",
        "issue": "1",
        "pages": "47",
        "doi": "10.1186/s12969-016-0109-1",
        "pmid": "27576444",
        "pmcid": "PMC5006369",
        "url": "",
    }
    # A title continued on an indented line is one title.
    assert kostik["title"] == "Nonbacterial and bacterial osteomyelitis in children: a case-control retrospective study"
    assert (borzutzky["pages"], borzutzky["doi"]) == ("e1190-7", "10.1542/peds.2011-3788")
    assert (golla["doi"], golla["pmid"], golla["issue"]) == ("", "11973628", "")


def test_a_ris_file_gives_names_in_vancouver_form_and_the_abbreviated_journal():
    zhao, navarini, freitas = [item.values for item in checked("cno-criteria.ris")]
    assert zhao["authors"].splitlines() == ["Zhao Y", "Oliver MS", "Schnabel A", "Wu EY", "Wang Z", "Marino A"]
    assert (zhao["container"], zhao["year"], zhao["volume"], zhao["issue"], zhao["pages"]) == (
        "Ann Rheum Dis",
        2025,
        "84",
        "9",
        "1458-68",
    )
    assert (zhao["doi"], zhao["pmid"]) == ("10.1016/j.ard.2024.11.006", "")
    assert navarini["authors"].splitlines()[-1] == "Köks S"
    assert (navarini["pmid"], freitas["pmid"]) == ("28585342", "32884319")


def test_a_bibtex_file_gives_decoded_accents_and_et_al_for_and_others():
    jansson, haupt, allen = [item.values for item in checked("osteitis.bib")]
    assert jansson["authors"].splitlines()[:2] == ["Jansson AF", "Müller TH"]
    assert (jansson["doi"], jansson["pmid"], jansson["pages"]) == ("10.1002/art.24402", "19333943", "")
    assert "Schäfer E" in haupt["authors"].splitlines() and haupt["et_al"] is True
    assert haupt["title"].startswith("Langerhans cell histiocytosis (LCH): guidelines")
    assert (haupt["pages"], allen["pages"]) == ("175-184", "856-868")


def test_a_csl_json_file_gives_the_fields_named_as_in_the_csl_schema():
    zhao, rukavina, furer = [item.values for item in checked("sapho-csl.json")]
    assert (zhao["container"], zhao["year"], zhao["doi"], zhao["pmid"]) == (
        "Arthritis Rheumatol",
        2025,
        "10.1002/art.43137",
        "40342207",
    )
    assert rukavina["authors"] == "Rukavina I"
    assert (furer["pages"], furer["authors"].splitlines()[-1]) == ("rkae114", "Helliwell PS")


def test_kinds_other_than_journal_articles_are_recognised_in_each_format():
    medline = "PMID- 1\nTI  - A guideline\nAU  - Doe J\nPT  - Practice Guideline\nDP  - 2020\nTA  - J Test\n"
    ris = "TY  - BOOK\nAU  - Doe, J.\nTI  - A book\nPY  - 2020\nPB  - Publisher\nER  - \n"
    bibtex = "@incollection{x, author={Doe, J.}, title={A chapter}, booktitle={A book}, year={2020}}"
    csl = json.dumps(
        [
            {
                "type": "chapter",
                "title": "A chapter",
                "container-title": "A book",
                "issued": {"date-parts": [[2020]]},
                "author": [{"family": "Doe", "given": "J"}],
            }
        ]
    )
    assert checked("g.nbib", medline)[0].values["kind"] == "guideline"
    assert checked("b.ris", ris)[0].values["kind"] == "book"
    assert checked("c.bib", bibtex)[0].values["kind"] == "chapter"
    assert checked("c.json", csl)[0].values["kind"] == "chapter"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("refs.docx", "x", "medlex cannot tell the format of refs.docx"),
        ("refs.ris", "", "The file is empty."),
        ("refs.ris", "Just some notes, no references.", "The file contains no references in the RIS format."),
        (
            "refs.ris",
            "TY  - JOUR\nTI  - Complete\nER  - \n\nTY  - JOUR\nTI  - Cut off",
            "The RIS file has 2 entries starting with TY but 1 complete ones",
        ),
        ("refs.bib", "@article{a, title={Never closed", "The BibTeX file cannot be read from line 1 on"),
        ("refs.nbib", "PMID- 1\nThis line has no tag\n", "Line 2 is not in the PubMed MEDLINE format"),
        ("refs.json", '[{"title": "a",}]', "This is not valid JSON (line 1, column 16)"),
        ("refs.json", '["a title"]', "A CSL-JSON file is a list of references"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_message_that_says_why(name, content, message):
    with pytest.raises(importing.ImportFileError) as error:
        read(name, content)
    assert message in str(error.value)


def test_a_file_that_is_not_utf8_is_refused_with_a_message():
    with pytest.raises(importing.ImportFileError, match="not UTF-8 text"):
        importing.read("refs.ris", "TY  - JOUR\nTI  - Über\nER  - \n".encode("latin-1"))


def test_files_beyond_the_size_and_entry_caps_are_refused():
    with pytest.raises(importing.ImportFileError, match="larger than 1000 kB"):
        importing.read("refs.ris", b"x" * (importing.MAX_FILE_BYTES + 1))
    many = "".join(f"TY  - JOUR\nTI  - Title {n}\nER  - \n" for n in range(importing.MAX_ENTRIES + 1))
    with pytest.raises(importing.ImportFileError, match="contains 501 references; at most 500"):
        importing.read("refs.ris", many.encode())


ENTRY = {
    "id": "x",
    "type": "article-journal",
    "title": "A study",
    "container-title-short": "J Test",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2020]]},
    "DOI": "10.1000/unique-test-doi",
}


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"type": "dataset"}, "The kind of publication “dataset” cannot be imported."),
        ({"issued": None}, "The year of publication is missing."),
        ({"issued": {"date-parts": [["1066"]]}}, "“1066” is not a year of publication."),
        ({"author": []}, "The authors are missing."),
        ({"container-title-short": ""}, "The journal or book it appeared in is missing."),
        ({"DOI": "doi 10/abc"}, "DOI: doi 10/abc is not a DOI."),
        ({"PMID": "PMID23071213"}, "PMID: PMID23071213 is not a PubMed ID."),
        ({"PMCID": "PMCX1"}, "PMCID: PMCX1 is not a PubMed Central ID."),
        ({"URL": "pubmed 23071213"}, "URL: Enter a valid URL."),
        ({"title": "T" * 501}, "Title: Ensure this value has at most 500 characters (it has 501)."),
        ({"title": ""}, "Title: This field cannot be blank."),
    ],
)
def test_every_field_of_an_entry_is_checked_and_each_problem_named(change, problem):
    item = dict(ENTRY, **change)
    if item["issued"] is None:
        del item["issued"]
    (result,) = checked("refs.json", json.dumps([item]))
    assert problem in " ".join(result.problems)
    assert not result.will_be_created


def test_identifiers_written_as_links_or_with_labels_are_kept_bare():
    item = dict(ENTRY, DOI="https://doi.org/10.1000/unique-test-doi", PMCID="5006369")
    (result,) = checked("refs.json", json.dumps([item]))
    assert (result.values["doi"], result.values["pmcid"], result.problems) == (
        "10.1000/unique-test-doi",
        "PMC5006369",
        [],
    )


def test_a_guideline_without_personal_authors_and_an_entry_without_identifiers_are_accepted():
    item = dict(ENTRY, author=[], DOI="")
    medline = "PMID- 99999999\nTI  - A guideline\nPT  - Guideline\nDP  - 2020\nTA  - J Test\n"
    (guideline,) = checked("g.nbib", medline)
    (plain,) = checked("refs.json", json.dumps([dict(item, author=ENTRY["author"])]))
    assert guideline.problems == [] and plain.problems == [] and not plain.reference.has_identifier()
