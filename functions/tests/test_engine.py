"""The generated artefacts (schema, documentation, result data) and the engine's own safeguards."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from functions import registry
from functions.citations import Citation
from functions.engine import Assessment, Band, ItemResult, Outcome, RuleDefinition, ScoreDefinition, ScoreItem
from functions.inputs import BooleanInput
from functions.text import Text

FUNCTIONS = registry.all_functions()
T = Text(de="x", en="x")
OUTCOME = Outcome(code="any", label=T, explanation=T)
CITATION = Citation(authors=("Doe J",), title="A title", journal="J Test", year=2020, doi="10.1000/test")


@pytest.mark.parametrize(
    "slug, vancouver",
    [
        (
            "kostik-nbo-score",
            "Kostik MM, Maletin AS, Petukhova VV, Mushkin AY. Nonbacterial and bacterial osteomyelitis in children: "
            "a case-control retrospective study. Front Pediatr. 2023;11:1067206. doi:10.3389/fped.2023.1067206. "
            "PMID: 37206973; PMCID: PMC10188934.",
        ),
        (
            "jansson-nbo-score",
            "Jansson AF, Müller TH, Gliera L, Ankerst DP, Wintergerst U, Belohradsky BH, et al. Clinical score for "
            "nonbacterial osteitis in children and adults. Arthritis Rheum. 2009;60(4). doi:10.1002/art.24402. "
            "PMID: 19333943.",
        ),
        (
            "bristol-crmo-criteria",
            "Roderick MR, Shah R, Rogers V, Finn A, Ramanan AV. Chronic recurrent multifocal osteomyelitis (CRMO) - "
            "advancing the diagnosis. Pediatr Rheumatol Online J. 2016;14(1):47. doi:10.1186/s12969-016-0109-1. "
            "PMID: 27576444; PMCID: PMC5006369.",
        ),
    ],
)
def test_citations_are_in_vancouver_style_with_doi_and_pmid(slug, vancouver):
    assert registry.get(slug).describe("en")["citations"][0]["vancouver"] == vancouver


def test_the_work_up_cites_both_parallel_publications_of_the_2025_criteria():
    citations = registry.get("cno-exclusion-workup").describe("en")["citations"]
    assert [citation["doi"] for citation in citations] == ["10.1016/j.ard.2024.11.006", "10.1002/art.43137"]
    assert citations[0]["vancouver"].endswith("Ann Rheum Dis. 2025;84(9):1458-68. doi:10.1016/j.ard.2024.11.006.")
    assert citations[1]["pmid"] == "40342207"
    assert citations[1]["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/40342207/"
    assert ", et al. EULAR/American College" in citations[0]["vancouver"]


@pytest.mark.parametrize("definition", FUNCTIONS, ids=lambda definition: definition.slug)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_describe_documents_the_function_in_each_language(definition, lang):
    description = definition.describe(lang)
    json.dumps(description)  # plain JSON data
    assert description["slug"] == definition.slug
    assert description["title"] == definition.title.get(lang)
    assert description["version"]
    assert description["population"]
    assert description["limits"]
    assert description["outcomes"]
    assert all(citation["doi_url"].startswith("https://doi.org/10.") for citation in description["citations"])
    assert [spec["name"] for spec in description["inputs"]] == [spec.name for spec in definition.inputs]
    assert description["schema"] == definition.json_schema(lang)


@pytest.mark.parametrize("definition", FUNCTIONS, ids=lambda definition: definition.slug)
def test_the_schema_requires_every_field_and_allows_no_other(definition):
    schema = definition.json_schema("en")
    fields = [name for spec in definition.inputs for name in spec.field_names()]
    assert schema["type"] == "object"
    assert schema["required"] == fields
    assert list(schema["properties"]) == fields
    assert schema["additionalProperties"] is False


def test_the_schema_gives_types_unit_enums_and_per_unit_ranges():
    schema = registry.get("kostik-nbo-score").json_schema("en")
    assert schema["properties"]["multifocal"]["type"] == "boolean"
    assert schema["properties"]["crp"]["type"] == "number"
    assert schema["properties"]["crp_unit"]["enum"] == ["mg/L", "mg/dL"]
    assert schema["properties"]["band_neutrophils_unit"]["enum"] == ["cells/uL", "10^9/L"]
    ranges = {}
    for condition in schema["allOf"]:
        ((unit_field, unit),) = condition["if"]["properties"].items()
        ((name, limits),) = condition["then"]["properties"].items()
        assert unit_field == f"{name}_unit"
        ranges[name, unit["const"]] = limits
    assert ranges == {
        ("crp", "mg/L"): {"minimum": 0, "maximum": 1000},
        ("crp", "mg/dL"): {"minimum": 0, "maximum": 100},
        ("band_neutrophils", "cells/uL"): {"minimum": 0, "maximum": 100000},
        ("band_neutrophils", "10^9/L"): {"minimum": 0, "maximum": 100},
    }


def test_a_single_unit_quantity_has_its_range_and_unit_in_the_schema():
    schema = registry.get("jansson-nbo-score").json_schema("de")
    assert schema["properties"]["age"] == {
        "type": "number",
        "title": "Alter (Jahre)",
        "description": "Alter in Jahren. Der Score wurde bei Patienten über 3 Jahren entwickelt.",
        "minimum": 0,
        "maximum": 120,
    }


def test_choices_appear_as_enum_with_titles():
    schema = registry.get("bristol-crmo-criteria").json_schema("de")
    involvement = schema["properties"]["involvement"]
    assert involvement["enum"] == ["multifocal", "clavicle-only", "unifocal-other"]
    assert involvement["x-enum-titles"]["clavicle-only"] == "Nur die Klavikula"


@pytest.mark.parametrize("definition", FUNCTIONS, ids=lambda definition: definition.slug)
def test_describe_rejects_an_unsupported_language(definition):
    with pytest.raises(ValueError):
        definition.describe("fr")


def test_result_data_is_plain_json_in_both_languages():
    result = registry.get("kostik-nbo-score").evaluate(
        {
            "crp": "5.5",
            "crp_unit": "mg/dL",
            "multifocal": True,
            "femur": False,
            "band_neutrophils": 300,
            "band_neutrophils_unit": "cells/uL",
        }
    )
    data = result.as_dict("de")
    json.dumps(data)
    assert data["total"] == 83
    assert data["range"] == {"min": 0, "max": 115}
    assert data["outcome"]["code"] == "nbo-favoured"
    assert data["items"][0] == {
        "key": "crp",
        "label": "CRP ≤ 55 mg/l",
        "met": True,
        "points": 56,
        "max_points": 56,
        "detail": "5,5 mg/dl = 55 mg/l",
        "group": None,
        "tests": [],
    }
    assert result.as_dict("en")["items"][0]["detail"] == "5.5 mg/dL = 55 mg/L"


def test_score_items_are_documented_with_points_and_odds_ratios():
    items = registry.get("jansson-nbo-score").describe("en")["items"]
    assert items[0] == {
        "key": "normal_blood_count",
        "label": "Normal blood cell count",
        "points": 13,
        "odds_ratio": "81.5",
    }
    bands = registry.get("jansson-nbo-score").describe("en")["outcomes"]
    assert [(band["min"], band["max"], band["code"]) for band in bands] == [
        (0, 38, "below-cutoff"),
        (39, 63, "at-or-above-cutoff"),
    ]


def score(**overrides):
    fields = {
        "slug": "test",
        "version": "1",
        "title": T,
        "summary": T,
        "citations": (CITATION,),
        "population": T,
        "inputs": (BooleanInput(name="a", label=T, help=T),),
        "items": (ScoreItem(key="a", label=T, points=5, criterion=lambda values: values["a"]),),
        "bands": (Band(0, 2, OUTCOME), Band(3, 5, OUTCOME)),
    }
    return ScoreDefinition(**fields | overrides)


def test_a_well_formed_test_score_is_accepted():
    assert score().evaluate({"a": "yes"}).total == 5


@pytest.mark.parametrize(
    "bands",
    [
        (Band(0, 2, OUTCOME), Band(4, 5, OUTCOME)),  # gap
        (Band(0, 3, OUTCOME), Band(3, 5, OUTCOME)),  # overlap
        (Band(0, 4, OUTCOME),),  # maximum not covered
        (Band(1, 5, OUTCOME),),  # minimum not covered
    ],
)
def test_bands_must_cover_the_whole_range_without_gaps_or_overlaps(bands):
    with pytest.raises(ValueError):
        score(bands=bands)


@pytest.mark.parametrize("points", [0, -3, 2.5])
def test_item_points_must_be_positive_integers(points):
    with pytest.raises(ValueError):
        score(
            items=(ScoreItem(key="a", label=T, points=points, criterion=lambda values: True),),
            bands=(Band(0, 100, OUTCOME),),
        )


def test_input_field_names_must_be_unique():
    with pytest.raises(ValueError):
        score(inputs=(BooleanInput(name="a", label=T, help=T), BooleanInput(name="a", label=T, help=T)))


def test_a_rule_may_only_return_a_declared_outcome():
    undeclared = Outcome(code="other", label=T, explanation=T)
    definition = RuleDefinition(
        slug="rule",
        version="1",
        kind="criteria",
        title=T,
        summary=T,
        citations=(CITATION,),
        population=T,
        inputs=(),
        outcomes=(OUTCOME,),
        rule=lambda values: Assessment(outcome=undeclared, items=(ItemResult(key="x", label=T, met=True),)),
    )
    with pytest.raises(ValueError):
        definition.evaluate({})


def test_the_engine_is_pure_no_logging_printing_or_file_access():
    """No patient data may be kept: the engine modules neither log, print nor open files."""
    package = Path(__file__).resolve().parent.parent
    sources = [path for path in package.rglob("*.py") if "tests" not in path.parts]
    assert sources
    for path in sources:
        code = path.read_text()
        for forbidden in ("import logging", "print(", "open(", "import os", "requests"):
            assert forbidden not in code, f"{forbidden!r} in {path.name}"


def test_decimal_limits_are_exposed_as_json_numbers():
    description = registry.get("kostik-nbo-score").describe("en")
    crp = description["inputs"][0]
    assert (crp["minimum"], crp["maximum"]) == (0, 1000)
    assert isinstance(crp["maximum"], int)
    assert Decimal(str(crp["maximum"])) == Decimal(1000)
