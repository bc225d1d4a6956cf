"""The HL7 Infobutton at /infobutton as an EHR calls it: the guide's requests, MedlinePlus Connect's style, hostile ones."""

import feedparser
import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from articles.tests.helpers import cno
from pointofcare import infobutton

pytestmark = pytest.mark.django_db

WHO = "2.16.840.1.113883.6.3"
CM = "2.16.840.1.113883.6.90"
GM_2014 = "1.2.276.0.76.5.417"
ICD9_CM = "2.16.840.1.113883.6.103"


def ask(client, *, code=None, system=None, lang=None, kind=None, **extra):
    params = dict(extra)
    if code is not None:
        params["mainSearchCriteria.v.c"] = code
    if system is not None:
        params["mainSearchCriteria.v.cs"] = system
    if lang is not None:
        params["informationRecipient.languageCode.c"] = lang
    if kind is not None:
        params["knowledgeResponseType"] = kind
    return client.get("/infobutton", params)


def is_public_teaser(summary, page):
    """The summary is the start of the article's public teaser (cut at a word, marked with "…")."""
    return bool(summary) and " ".join(page.public_text().split()).startswith(summary.removesuffix("…"))


def atom_feed(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_a_medlineplus_connect_style_request_with_an_icd10_cm_code_answers_an_atom_feed(client):
    # MedlinePlus Connect's documented problem request, with a code medlex has articles for
    response = ask(
        client,
        code="M86.9",
        system=CM,
        lang="en",
        kind="application/atom+xml",
        **{"mainSearchCriteria.v.dn": "Osteomyelitis, unspecified"},
    )
    parsed = atom_feed(response)
    assert parsed.feed.language == "en"
    assert {"term": "M86.9", "scheme": "mainSearchCriteria.v.c", "label": None} in parsed.feed.tags
    titles = [entry.title for entry in parsed.entries]
    assert "CNO syndrome" in titles
    entry = parsed.entries[titles.index("CNO syndrome")]
    assert entry.link == "http://testserver/en/cno-syndrome/"
    assert [tag.term for tag in entry.tags] == ["M86.9-"] and entry.tags[0].scheme == WHO
    assert is_public_teaser(entry.summary, cno("en"))
    assert entry.updated_parsed is not None
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_default_answer_is_the_atom_feed_in_english(client):
    parsed = atom_feed(ask(client, code="M86.9-", system=WHO))
    assert parsed.feed.language == "en" and "CNO syndrome" in [entry.title for entry in parsed.entries]


def test_the_json_form_carries_the_same_entries_as_the_feed(client):
    params = {"code": "M86", "system": WHO, "lang": "en"}
    parsed = atom_feed(ask(client, kind="application/atom+xml", **params))
    data = ask(client, kind="application/json", **params).json()
    entries = data["feed"]["entry"]
    assert [entry["title"]["_value"] for entry in entries] == [entry.title for entry in parsed.entries]
    first = entries[0]
    assert first["link"][0]["rel"] == "alternate" and first["link"][0]["href"].startswith("http://testserver/en/")
    assert first["lang"] == "en" and first["summary"]["_value"]
    assert all(category["scheme"] == WHO for category in first["category"])
    assert data["feed"]["lang"] == "en"


def test_a_national_subdivision_is_matched_and_an_uncoded_one_falls_back_to_its_parents(client):
    # M86.96 (ICD-10-GM) lies below the CNO article's M86.9-
    parsed = atom_feed(ask(client, code="M86.96", system=GM_2014))
    assert [entry.title for entry in parsed.entries] == ["CNO syndrome"]
    # nothing is coded M86.5 or below it: its parent M86 answers with every osteomyelitis article
    parsed = atom_feed(ask(client, code="M86.5", system=WHO))
    assert {"CNO syndrome", "SAPHO syndrome", "Acute haematogenous osteomyelitis"} <= {e.title for e in parsed.entries}
    assert "Palmoplantar pustulosis" not in {e.title for e in parsed.entries}
    # an ICD-10-CM code longer than any WHO code reaches its WHO parent too
    parsed = atom_feed(ask(client, code="M86.661", system=CM))
    assert {"CNO syndrome", "SAPHO syndrome"} <= {entry.title for entry in parsed.entries}


def test_an_article_behind_a_view_restriction_is_not_offered_and_the_code_falls_back_to_its_parent(client):
    for lang in ("de", "en"):
        PageViewRestriction.objects.create(page=cno(lang), restriction_type=PageViewRestriction.LOGIN)
    titles = {entry.title for entry in atom_feed(ask(client, code="M86.96", system=GM_2014)).entries}
    assert "CNO syndrome" not in titles
    assert {"SAPHO syndrome", "Acute haematogenous osteomyelitis"} <= titles, (
        "M86.96 and M86.9 have only CNO: M86 answers"
    )


def test_a_code_that_leads_to_no_article_falls_back_to_a_search_on_the_display_name(client):
    # MedlinePlus Connect's asthma example code; medlex has no article in J45, so the name decides
    parsed = atom_feed(ask(client, code="J45.40", system=CM, **{"mainSearchCriteria.v.dn": "Palmoplantar pustulosis"}))
    assert parsed.entries[0].title == "Palmoplantar pustulosis"
    parsed = atom_feed(ask(client, code="J45.40", system=CM))
    assert parsed.entries == []
    parsed = atom_feed(ask(client, **{"mainSearchCriteria.v.ot": "CRMO"}))
    assert [entry.title for entry in parsed.entries] == ["CNO syndrome"]


def test_several_problems_are_numbered_and_all_answered(client):
    params = {
        "mainSearchCriteria.v.c": "M86.96",
        "mainSearchCriteria.v.cs": GM_2014,
        "mainSearchCriteria.v.c1": "L40.3",
        "mainSearchCriteria.v.cs1": WHO,
        "knowledgeResponseType": "application/json",
    }
    titles = [entry["title"]["_value"] for entry in client.get("/infobutton", params).json()["feed"]["entry"]]
    assert titles == ["CNO syndrome", "Palmoplantar pustulosis"]


def test_the_recipients_language_chooses_the_articles_edition(client):
    parsed = atom_feed(ask(client, code="M86.96", system=GM_2014, lang="de-DE"))
    assert parsed.feed.language == "de"
    assert [(entry.title, entry.link) for entry in parsed.entries] == [
        ("CNO-Syndrom", "http://testserver/de/cno-syndrom/")
    ]
    assert is_public_teaser(parsed.entries[0].summary, cno("de"))
    # a language medlex does not write in gets English
    assert atom_feed(ask(client, code="M86.96", system=GM_2014, lang="es")).feed.language == "en"


def test_html_leads_to_the_one_matching_article_or_lists_several(client):
    response = ask(client, code="M86.96", system=GM_2014, lang="de", kind="text/html")
    assert response.status_code == 302 and response["Location"] == "/de/cno-syndrom/"
    response = ask(client, code="M86", system=WHO, lang="de", kind="text/html")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/de/cno-syndrom/"' in html and "SAPHO-Syndrom" in html and 'lang="de"' in html
    response = ask(client, code="J45.40", system=CM, kind="text/html")
    assert response.status_code == 200 and "No article matches" in response.content.decode()


BAD_REQUESTS = [
    ({}, "Name a problem"),
    ({"informationRecipient.languageCode.c": "en"}, "Name a problem"),
    ({"mainSearchCriteria.v.c": "250.33", "mainSearchCriteria.v.cs": ICD9_CM}, "not supported"),
    ({"mainSearchCriteria.v.c": "M86.9"}, "mainSearchCriteria.v.cs is missing"),
    (
        {"mainSearchCriteria.v.c": "M86.9", "mainSearchCriteria.v.cs": WHO, "knowledgeResponseType": "text/xml"},
        "not offered",
    ),
    ({"mainSearchCriteria.v.c": "M" * 21, "mainSearchCriteria.v.cs": WHO}, "too long"),
    ({"mainSearchCriteria.v.dn": "x" * 201}, "too long"),
    (
        {"mainSearchCriteria.v.ot": "x", "mainSearchCriteria.v.c11": "M86", "mainSearchCriteria.v.cs11": WHO},
        "At most 10",
    ),
    ({"mainSearchCriteria.v.ot": "x", "patientPerson.administrativeGenderCode.c": "F" * 9000}, "too long"),
]


@pytest.mark.parametrize(("params", "message"), BAD_REQUESTS)
def test_a_malformed_request_is_refused_with_a_clear_400(client, params, message):
    response = client.get("/infobutton", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_errors_answer_in_the_asked_form(client):
    response = ask(client, system="1.2.3", code="M86", kind="application/json")
    assert response.status_code == 400 and "not supported" in response.json()["error"]
    response = ask(client, kind="text/html", lang="de")
    assert response.status_code == 400 and "<html" in response.content.decode()
    assert "Nennen Sie ein Problem" in response.content.decode()


def test_a_parameter_given_twice_is_refused_rather_than_guessed(client):
    response = client.get(
        "/infobutton?mainSearchCriteria.v.c=M86&mainSearchCriteria.v.c=L40&mainSearchCriteria.v.cs=" + WHO
    )
    assert response.status_code == 400 and "more than once" in response.content.decode()


def test_an_unpublished_edition_is_not_offered_and_the_other_language_stands_in(client):
    ArticlePage.objects.get(slug="palmoplantar-pustulosis").unpublish()
    parsed = atom_feed(ask(client, code="L40.3", system=WHO, lang="en"))
    assert [(entry.title, entry.link) for entry in parsed.entries] == [
        ("Pustulosis palmoplantaris", "http://testserver/en/pustulosis-palmoplantaris/")
    ]
    assert parsed.entries[0].title_detail.language == "de"
    ArticlePage.objects.get(slug="pustulosis-palmoplantaris").unpublish()
    assert atom_feed(ask(client, code="L40.3", system=WHO)).entries == []


def test_the_parser_takes_the_guides_parameter_names_only():
    request = infobutton.parse(
        QueryDict(
            "mainSearchCriteria.v.c=M86.96&mainSearchCriteria.v.cs=1.2.276.0.76.5.417&mainSearchCriteria.v.dn=CNO"
            "&taskContext.c.c=PROBLISTREV&age.v.v=12&age.v.u=a&performer=PROV&mainSearchCriteria.v.c1=L40.3"
            "&mainSearchCriteria.v.cs1=2.16.840.1.113883.6.3"
        )
    )
    assert [(c.code, c.system, c.display) for c in request.criteria] == [
        ("M86.96", GM_2014, "CNO"),
        ("L40.3", WHO, ""),
    ]
    assert request.lang == "en" and request.response_type == infobutton.ATOM
