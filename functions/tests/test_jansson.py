"""Jansson AF et al. Clinical score for nonbacterial osteitis in children and adults. Arthritis Rheum 2009;60(4).

Abstract: "NBO was best predicted by a normal blood cell count (odds ratio [OR]
81.5), symmetric bone lesions (OR 30.0), lesions with marginal sclerosis (OR
26.8), normal body temperature (OR 20.3) a vertebral, clavicular, or sternal
location of lesions (OR 13.9), presence of >1 radiologically proven lesion (OR
10.9), and C-reactive protein level ≥1 mg/dl (OR 6.9). The clinical score ...
ranged from 0 to 63. A score for NBO of ≥39 had a positive predictive value of
97% and a sensitivity of 68%."
"""

import math
from decimal import Decimal

import pytest

from functions.definitions import jansson
from functions.inputs import InputValidationError

SCORE = jansson.DEFINITION
FINDINGS = (
    "normal_blood_count",
    "symmetric_lesions",
    "marginal_sclerosis",
    "normal_temperature",
    "typical_location",
    "multiple_lesions",
)
NOTHING_MET = dict.fromkeys(FINDINGS, "no") | {"age": "10", "crp": "0.4", "crp_unit": "mg/dL"}


def evaluate(**changes):
    return SCORE.evaluate(NOTHING_MET | changes)


def points(result):
    return {item.key: item.points for item in result.items}


def test_the_odds_ratios_of_the_abstract_are_stored_with_the_items():
    odds_ratios = {item.key: item.odds_ratio for item in SCORE.items}
    assert odds_ratios == {
        "normal_blood_count": Decimal("81.5"),
        "symmetric_lesions": Decimal("30.0"),
        "marginal_sclerosis": Decimal("26.8"),
        "normal_temperature": Decimal("20.3"),
        "typical_location": Decimal("13.9"),
        "multiple_lesions": Decimal("10.9"),
        "crp": Decimal("6.9"),
    }


@pytest.mark.parametrize("item", SCORE.items, ids=lambda item: item.key)
def test_each_items_points_are_three_times_the_log_odds_ratio_rounded(item):
    """The points are not in the abstract; they must follow from its odds ratios as round(3 × ln OR)."""
    assert item.points == round(3 * math.log(item.odds_ratio))


def test_the_points_add_up_to_the_published_maximum_of_63():
    assert sum(item.points for item in SCORE.items) == 63
    assert SCORE.total_range == (0, 63)


def test_the_points_per_item():
    assert [item.points for item in SCORE.items] == [13, 10, 10, 9, 8, 7, 6]


def test_no_finding_gives_zero_points():
    assert evaluate().total == 0


@pytest.mark.parametrize(
    "finding, expected",
    [
        ("normal_blood_count", 13),
        ("symmetric_lesions", 10),
        ("marginal_sclerosis", 10),
        ("normal_temperature", 9),
        ("typical_location", 8),
        ("multiple_lesions", 7),
    ],
)
def test_each_finding_alone_gives_its_points(finding, expected):
    result = evaluate(**{finding: "yes"})
    assert result.total == expected
    assert points(result)[finding] == expected


def test_crp_of_at_least_1_mg_per_dl_alone_gives_6_points():
    result = evaluate(crp="1", crp_unit="mg/dL")
    assert result.total == 6
    assert points(result)["crp"] == 6


def test_all_findings_give_63_points():
    result = evaluate(crp="2", **dict.fromkeys(FINDINGS, "yes"))
    assert result.total == 63
    assert result.outcome == jansson.AT_OR_ABOVE_CUTOFF


@pytest.mark.parametrize(
    "crp, unit, expected",
    [
        ("1", "mg/dL", 6),  # exactly on the cut-off: "≥ 1 mg/dl" counts
        ("10", "mg/L", 6),  # = 1 mg/dL
        ("10,0", "mg/L", 6),
        ("9.9", "mg/L", 0),
        ("9.999999", "mg/L", 0),
        ("0.99", "mg/dL", 0),
        ("8", "mg/dL", 6),
    ],
)
def test_crp_cut_off_of_1_mg_per_dl_in_either_unit(crp, unit, expected):
    assert points(evaluate(crp=crp, crp_unit=unit))["crp"] == expected


@pytest.mark.parametrize(
    "case, changes, total, outcome",
    [
        (
            "A: findings 1-6, CRP 0.4 mg/dl",
            dict.fromkeys(FINDINGS, "yes"),
            57,
            jansson.AT_OR_ABOVE_CUTOFF,
        ),
        (
            "B: leukocytosis, febrile, single femoral lytic lesion without sclerosis, CRP 8 mg/dl",
            {"crp": "8"},
            6,
            jansson.BELOW_CUTOFF,
        ),
        (
            "C: normal CBC, symmetric, afebrile, >1 lesion",
            {
                "normal_blood_count": "yes",
                "symmetric_lesions": "yes",
                "normal_temperature": "yes",
                "multiple_lesions": "yes",
            },
            39,
            jansson.AT_OR_ABOVE_CUTOFF,
        ),
        (
            "D: normal CBC, symmetric, afebrile, CRP >= 1",
            {"normal_blood_count": "yes", "symmetric_lesions": "yes", "normal_temperature": "yes", "crp": "1"},
            38,
            jansson.BELOW_CUTOFF,
        ),
    ],
)
def test_synthetic_cases_a_to_d_of_the_research_notes(case, changes, total, outcome):
    result = evaluate(**changes)
    assert (result.total, result.outcome) == (total, outcome), case


def test_only_the_published_cut_off_is_used_no_other_bands():
    assert [(band.low, band.high) for band in SCORE.bands] == [(0, 38), (39, 63)]


def test_the_interpretation_quotes_ppv_and_sensitivity():
    assert "97 %" in jansson.AT_OR_ABOVE_CUTOFF.explanation.en
    assert "68 %" in jansson.AT_OR_ABOVE_CUTOFF.explanation.en


def test_every_result_notes_that_a_raised_crp_adds_points_in_this_model():
    for changes in ({}, {"crp": "3"}):
        result = evaluate(**changes)
        assert jansson.CRP_ADDS_POINTS in result.notes
    assert "adds points" in jansson.CRP_ADDS_POINTS.en


@pytest.mark.parametrize(
    "age, warned", [("2", True), ("3", True), ("3.0", True), ("3.1", False), ("4", False), ("65", False)]
)
def test_age_of_3_years_or_less_is_warned_about(age, warned):
    """Derivation population: "224 patients older than age 3 years"."""
    result = evaluate(age=age)
    assert (jansson.YOUNG_AGE_WARNING in result.warnings) is warned


def test_the_derivation_population_is_described():
    population = SCORE.describe("en")["population"]
    for number in ("224", "102", "22", "48", "52", "Munich", "1996–2006", "older than 3 years"):
        assert number in population


def test_unverified_point_values_are_declared():
    assert "not yet been checked" in SCORE.describe("en")["verification"]


def test_missing_inputs_give_one_message_per_field():
    with pytest.raises(InputValidationError) as caught:
        SCORE.evaluate({})
    assert set(caught.value.errors) == {"age", "crp", "crp_unit", *FINDINGS}


@pytest.mark.parametrize(
    "changes, field",
    [({"age": "-1"}, "age"), ({"age": "130"}, "age"), ({"crp": "-0.1"}, "crp"), ({"crp": "101"}, "crp")],
)
def test_out_of_range_values_are_rejected(changes, field):
    with pytest.raises(InputValidationError) as caught:
        evaluate(**changes)
    assert list(caught.value.errors) == [field]
