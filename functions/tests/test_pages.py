"""The function pages as a clinician uses them: list, form, result, gate, no storage."""

import logging

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from functions import registry
from functions.tests.helpers import COMPLETE_INPUTS, SLUGS, TELLTALE_BANDS, TELLTALE_CRP

pytestmark = pytest.mark.django_db

KOSTIK = "/en/functions/kostik-nbo-score/"
KOSTIK_DE = "/de/funktionen/kostik-nbo-score/"


def kostik_form(**changes):
    return COMPLETE_INPUTS["kostik-nbo-score"] | changes


@pytest.mark.parametrize("lang, url", [("en", "/en/functions/"), ("de", "/de/funktionen/")])
def test_the_list_shows_every_function_with_its_citation_in_both_languages(client, lang, url):
    html = client.get(url).content.decode()
    for definition in registry.all_functions():
        assert escape(definition.title.get(lang)) in html
        assert escape(definition.citations[0].vancouver()) in html
        assert f'href="{url}{definition.slug}/"' in html


def test_the_german_prefix_is_funktionen_and_the_english_one_functions(client):
    assert client.get("/de/functions/").status_code == 404
    assert client.get("/en/funktionen/").status_code == 404


def test_an_unknown_function_is_not_found(verified_client):
    assert verified_client.get("/en/functions/no-such-score/").status_code == 404


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang, prefix", [("en", "/en/functions/"), ("de", "/de/funktionen/")])
def test_every_function_page_has_its_texts_population_limits_and_full_citation(verified_client, slug, lang, prefix):
    definition = registry.get(slug)
    described = definition.describe(lang)
    html = verified_client.get(f"{prefix}{slug}/").content.decode()
    assert f'<html lang="{lang}">' in html
    for text in [described["title"], described["summary"], described["population"], *described["limits"]]:
        assert escape(text) in html
    for spec in described["inputs"]:
        assert escape(spec["label"]) in html and escape(spec["help"]) in html
    for citation in definition.citations:
        assert escape(citation.vancouver()) in html
        assert f'href="{citation.doi_url}"' in html
        if citation.pubmed_url:
            assert f'href="{citation.pubmed_url}"' in html
    privacy = {"en": "They are not stored and not logged", "de": "weder gespeichert noch protokolliert"}[lang]
    assert privacy in html


def test_every_quantity_has_a_labelled_unit_select_and_every_question_a_fieldset(verified_client):
    html = verified_client.get(KOSTIK).content.decode()
    assert html.count("<fieldset") == 4
    assert "<legend>CRP (C-reactive protein)</legend>" in html
    assert '<label for="id_crp_unit">Unit</label>' in html
    assert '<option value="mg/dL">mg/dL</option>' in html
    assert '<label for="id_crp" class="visually-hidden">Value</label>' in html
    assert 'aria-describedby="help-crp"' in html


@pytest.mark.parametrize(
    "changes, total, outcome",
    [
        ({}, 0, "Does not favour NBO over bacterial osteomyelitis"),
        ({"crp": "55"}, 56, "Favours non-bacterial (NBO) over bacterial osteomyelitis"),  # exactly 55 mg/L counts
        ({"crp": "55.1"}, 0, "Does not favour NBO"),
        ({"crp": "5.5", "crp_unit": "mg/dL"}, 56, "Favours non-bacterial"),
        ({"femur": "yes"}, 17, "Does not favour NBO"),  # exactly the cut-off: not above 17
        ({"femur": "yes", "band_neutrophils": "0.22", "band_neutrophils_unit": "10^9/L"}, 32, "Favours non-bacterial"),
        ({"crp": "12", "multifocal": "yes", "femur": "yes", "band_neutrophils": "100"}, 115, "Favours non-bacterial"),
    ],
)
def test_the_kostik_form_shows_the_published_points_and_interpretation(verified_client, changes, total, outcome):
    response = verified_client.post(KOSTIK, kostik_form(**changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Total: <strong>{total}</strong> of 0–115 points" in html
    assert outcome in html
    assert "It does not rule out malignancy" in html


def test_the_result_lists_the_points_of_each_item_and_the_unit_conversion(verified_client):
    html = verified_client.post(KOSTIK, kostik_form(crp="5.5", crp_unit="mg/dL", multifocal="yes")).content.decode()
    assert "56 / 56" in html and "27 / 27" in html and "0 / 17" in html and "0 / 15" in html
    assert "5.5 mg/dL = 55 mg/L" in html


def test_the_german_form_accepts_a_decimal_comma_and_answers_in_german(verified_client):
    html = verified_client.post(KOSTIK_DE, kostik_form(crp="5,5", crp_unit="mg/dL")).content.decode()
    assert "Summe: <strong>56</strong> von 0–115 Punkten" in html
    assert "5,5 mg/dl = 55 mg/l" in html
    assert "Spricht für eine nicht-bakterielle Osteomyelitis" in html


@pytest.mark.parametrize(
    "slug, changes, expected",
    [
        ("jansson-nbo-score", {"crp": "1", "crp_unit": "mg/dL"}, "Total: <strong>6</strong> of 0–63 points"),
        ("jansson-nbo-score", {"crp": "9.9", "crp_unit": "mg/L"}, "Total: <strong>0</strong> of 0–63 points"),
        ("bristol-crmo-criteria", {"crp": "29.9"}, "criterion 1"),
        ("bristol-crmo-criteria", {"crp": "30"}, "biopsy"),
        ("cno-exclusion-workup", {"malignancy": "open"}, "Not yet ruled out: Malignancy"),
    ],
)
def test_boundaries_of_the_other_functions_through_the_form(verified_client, slug, changes, expected):
    response = verified_client.post(f"/en/functions/{slug}/", COMPLETE_INPUTS[slug] | changes)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_workup_lists_the_tests_of_each_open_exclusion_and_can_be_printed(verified_client):
    html = verified_client.post(
        "/en/functions/cno-exclusion-workup/", COMPLETE_INPUTS["cno-exclusion-workup"] | {"hypophosphatasia": "open"}
    ).content.decode()
    assert "Serum alkaline phosphatase (low in hypophosphatasia)" in html
    assert "Use your browser's print command" in html
    assert "functions/functions.css" in html  # carries the print rules


def test_errors_are_shown_per_field_and_at_the_top_and_the_typed_values_are_kept(verified_client):
    response = verified_client.post(KOSTIK, kostik_form(crp="abc", band_neutrophils="", femur="maybe"))
    html = response.content.decode()
    assert response.status_code == 400
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert '<a href="#id_crp">CRP (C-reactive protein)</a>: Please enter a number, e.g. 5.5.' in summary
    assert "Band neutrophils (absolute count)</a>: Please enter a value." in summary
    assert "Femur involvement</a>: Please answer yes or no." in summary
    assert "Multifocal" not in summary
    assert '<p class="field-error" id="error-crp">Please enter a number, e.g. 5.5. </p>' in html
    assert 'aria-invalid="true"' in html
    assert 'value="abc"' in html  # nothing typed is lost
    assert '<option value="mg/L" selected>' in html
    assert 'value="no" checked' in html  # the multifocal answer stays chosen
    assert 'id="result-heading"' not in html


def test_an_out_of_range_value_names_the_range_in_the_chosen_unit(verified_client):
    html = verified_client.post(KOSTIK, kostik_form(crp="101", crp_unit="mg/dL")).content.decode()
    assert "The value must be between 0 and 100 mg/dL." in html


def test_no_unit_is_preselected(verified_client):
    html = verified_client.get(KOSTIK).content.decode()
    assert '<option value="" selected>Choose a unit</option>' in html
    response = verified_client.post(KOSTIK, kostik_form(crp_unit=""))
    assert "Please choose a unit: mg/L, mg/dL." in response.content.decode()


def test_results_are_never_cached(verified_client):
    for response in (verified_client.get(KOSTIK), verified_client.post(KOSTIK, kostik_form())):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_posted_values_are_neither_logged_nor_stored(verified_client, caplog, django_assert_max_num_queries):
    caplog.set_level(logging.DEBUG)
    form = kostik_form(crp=TELLTALE_CRP, band_neutrophils=TELLTALE_BANDS)
    verified_client.get(KOSTIK)  # the reader's tier is cached now, so any write below would be the values
    with CaptureQueriesContext(connection) as queries:
        assert verified_client.post(KOSTIK, form).status_code == 200
        assert verified_client.post(KOSTIK, form | {"femur": "maybe"}).status_code == 400
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert "Bad Request" in logged  # the 400 is logged, by path only
    assert TELLTALE_CRP not in logged and TELLTALE_BANDS not in logged
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert all(TELLTALE_CRP not in q["sql"] for q in queries.captured_queries)
    assert not [sql for sql in writes if "session" not in sql.lower()], writes
    assert not any(model._meta.app_label == "functions" for model in apps.get_models())


# --- gating -------------------------------------------------------------------


def test_anonymous_readers_see_what_the_tool_is_for_its_source_and_how_to_log_in(client):
    html = client.get(KOSTIK).content.decode()
    definition = registry.get("kostik-nbo-score")
    assert escape(definition.summary.en) in html and escape(definition.citations[0].vancouver()) in html
    assert "Registration is free" in html
    assert '<form method="post" class="function-form"' not in html
    assert "functions.js" not in html


def test_unverified_readers_are_told_what_is_missing_and_get_no_form(client, plain_user):
    client.force_login(plain_user)
    html = client.get(KOSTIK).content.decode()
    assert "proof of profession" in html
    assert 'class="function-form"' not in html


@pytest.mark.parametrize("who", ["anonymous", "unverified"])
def test_posting_without_verification_evaluates_nothing(client, plain_user, who):
    if who == "unverified":
        client.force_login(plain_user)
    response = client.post(KOSTIK, kostik_form(crp="12"))
    assert response.status_code == 403
    assert "Total:" not in response.content.decode()


def test_german_gate_is_in_german(client):
    assert "Die Registrierung ist kostenlos" in client.get(KOSTIK_DE).content.decode()


def test_verified_professionals_and_editors_get_the_form(verified_client, admin_client):
    for client in (verified_client, admin_client):
        html = client.get(KOSTIK).content.decode()
        assert 'class="function-form"' in html and "functions/functions.js" in html
        assert "Registration is free" not in html
