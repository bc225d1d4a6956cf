"""Kostik MM et al. NBO diagnostic score. Front Pediatr 2023;11:1067206.

Abstract: "The following four criteria are included in the NBO DS: CRP ≤ 55 mg/l
(56 points), multifocal involvement (27 points), femur involvement (17 points),
and neutrophil bands ≤ 220 cell/μl (15 points). The sum > 17 points allowed to
differentiate NBO from BO with a sensitivity of 89.0% and a specificity of 96.9%."
"""

from itertools import product

import pytest

from functions.definitions import kostik
from functions.inputs import InputValidationError

SCORE = kostik.DEFINITION
NOTHING_MET = {
    "crp": "120",
    "crp_unit": "mg/L",
    "multifocal": "no",
    "femur": "no",
    "band_neutrophils": "500",
    "band_neutrophils_unit": "cells/uL",
}
ONLY = {
    "crp": {"crp": "12"},
    "multifocal": {"multifocal": "yes"},
    "femur": {"femur": "yes"},
    "band_neutrophils": {"band_neutrophils": "100"},
}


def evaluate(**changes):
    return SCORE.evaluate(NOTHING_MET | changes)


def points(result):
    return {item.key: item.points for item in result.items}


def test_the_published_items_and_points():
    assert [(item.key, item.points) for item in SCORE.items] == [
        ("crp", 56),
        ("multifocal", 27),
        ("femur", 17),
        ("band_neutrophils", 15),
    ]
    assert SCORE.total_range == (0, 115)


def test_no_item_met_gives_zero_points():
    assert evaluate().total == 0


@pytest.mark.parametrize("key, expected", [("crp", 56), ("multifocal", 27), ("femur", 17), ("band_neutrophils", 15)])
def test_each_item_alone_gives_its_points(key, expected):
    result = evaluate(**ONLY[key])
    assert result.total == expected
    assert points(result) == {name: (expected if name == key else 0) for name in ONLY}


def test_all_items_give_115_points():
    changes = {name: value for change in ONLY.values() for name, value in change.items()}
    result = evaluate(**changes)
    assert result.total == 115
    assert result.outcome == kostik.NBO_FAVOURED


@pytest.mark.parametrize("selection", list(product((False, True), repeat=4)))
def test_every_reachable_total_is_interpreted_by_the_sum_above_17_rule(selection):
    """All 16 combinations: 0, 15, 17, 27, 32, 42, 44, 56, ... 115."""
    changes = {}
    for chosen, change in zip(selection, ONLY.values()):
        if chosen:
            changes |= change
    result = evaluate(**changes)
    assert result.total == sum(weight for chosen, weight in zip(selection, (56, 27, 17, 15)) if chosen)
    expected = kostik.NBO_FAVOURED if result.total > 17 else kostik.NBO_NOT_FAVOURED
    assert result.outcome == expected


def test_femur_alone_17_points_does_not_favour_nbo():
    result = evaluate(femur="yes")
    assert result.total == 17
    assert result.outcome == kostik.NBO_NOT_FAVOURED


def test_femur_with_few_bands_32_points_favours_nbo():
    result = evaluate(femur="yes", band_neutrophils="150")
    assert result.total == 32
    assert result.outcome == kostik.NBO_FAVOURED


def test_multifocal_alone_27_points_favours_nbo():
    assert evaluate(multifocal="yes").outcome == kostik.NBO_FAVOURED


def test_bands_alone_15_points_do_not_favour_nbo():
    assert evaluate(band_neutrophils="150").outcome == kostik.NBO_NOT_FAVOURED


@pytest.mark.parametrize(
    "crp, unit, expected",
    [
        ("55", "mg/L", 56),  # exactly on the cut-off: "≤ 55" counts
        ("55.0", "mg/L", 56),
        ("55.1", "mg/L", 0),
        ("5.5", "mg/dL", 56),  # = 55 mg/L
        ("5,5", "mg/dL", 56),
        ("5.6", "mg/dL", 0),  # = 56 mg/L
        ("5.51", "mg/dL", 0),  # = 55.1 mg/L
        ("0", "mg/L", 56),
    ],
)
def test_crp_cut_off_of_55_mg_per_l_in_either_unit(crp, unit, expected):
    assert points(evaluate(crp=crp, crp_unit=unit))["crp"] == expected


def test_crp_as_a_json_float_in_mg_per_dl():
    assert points(evaluate(crp=5.5, crp_unit="mg/dL"))["crp"] == 56
    assert points(evaluate(crp=5.6, crp_unit="mg/dL"))["crp"] == 0


@pytest.mark.parametrize(
    "bands, unit, expected",
    [
        ("220", "cells/uL", 15),  # exactly on the cut-off: "≤ 220" counts
        ("221", "cells/uL", 0),
        ("0.22", "10^9/L", 15),  # = 220 cells/µL
        ("0,22", "10^9/L", 15),
        ("0.221", "10^9/L", 0),  # = 221 cells/µL
        ("0.23", "10^9/L", 0),
    ],
)
def test_band_cut_off_of_220_per_microlitre_in_either_unit(bands, unit, expected):
    assert points(evaluate(band_neutrophils=bands, band_neutrophils_unit=unit))["band_neutrophils"] == expected


def test_converted_values_are_shown_with_the_item():
    result = evaluate(crp="5.5", crp_unit="mg/dL", band_neutrophils="0.22", band_neutrophils_unit="10^9/L")
    details = {item.key: item.detail.get("en") for item in result.items if item.detail}
    assert details == {"crp": "5.5 mg/dL = 55 mg/L", "band_neutrophils": "0.22 ×10⁹/L = 220 cells/µL"}


@pytest.mark.parametrize(
    "case, changes, total, outcome",
    [
        ("1: CRP 12, unifocal tibia, bands 100", {"crp": "12", "band_neutrophils": "100"}, 71, kostik.NBO_FAVOURED),
        ("2: CRP 120, unifocal femur, bands 500", {"femur": "yes"}, 17, kostik.NBO_NOT_FAVOURED),
        ("3: CRP 120, unifocal femur, bands 150", {"femur": "yes", "band_neutrophils": "150"}, 32, kostik.NBO_FAVOURED),
        ("4: CRP exactly 55", {"crp": "55"}, 56, kostik.NBO_FAVOURED),
    ],
)
def test_synthetic_cases_1_to_4_of_the_research_notes(case, changes, total, outcome):
    result = evaluate(**changes)
    assert (result.total, result.outcome) == (total, outcome), case


@pytest.mark.parametrize("changes", [{}, ONLY["crp"], ONLY["multifocal"]])
def test_every_result_says_the_score_does_not_separate_nbo_from_malignancy(changes):
    result = evaluate(**changes)
    assert kostik.NOT_MALIGNANCY in result.notes
    assert "malignancy" in kostik.NOT_MALIGNANCY.en
    assert "Malignom" in kostik.NOT_MALIGNANCY.de


def test_the_interpretation_quotes_sensitivity_and_specificity():
    explanation = kostik.NBO_FAVOURED.explanation
    assert "89.0 %" in explanation.en and "96.9 %" in explanation.en
    assert "89,0 %" in explanation.de and "96,9 %" in explanation.de


def test_missing_inputs_give_one_message_per_field_in_both_languages():
    with pytest.raises(InputValidationError) as caught:
        SCORE.evaluate({})
    error = caught.value
    assert set(error.errors) == {"crp", "crp_unit", "multifocal", "femur", "band_neutrophils", "band_neutrophils_unit"}
    assert error.messages("en")["multifocal"] == "Please choose yes or no."
    assert error.messages("de")["multifocal"] == "Bitte Ja oder Nein wählen."


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"crp": "-1"}, "crp"),
        ({"crp": "5000"}, "crp"),
        ({"band_neutrophils": "-10"}, "band_neutrophils"),
        ({"band_neutrophils": "1000", "band_neutrophils_unit": "10^9/L"}, "band_neutrophils"),
        ({"crp_unit": "mmol/L"}, "crp_unit"),
    ],
)
def test_negative_absurd_or_badly_united_values_are_rejected_with_a_field_message(changes, field):
    with pytest.raises(InputValidationError) as caught:
        evaluate(**changes)
    assert list(caught.value.errors) == [field]
