"""Roderick MR et al. Chronic recurrent multifocal osteomyelitis (CRMO) - advancing the diagnosis.
Pediatr Rheumatol Online J 2016;14(1):47.

Abstract: of 41 children, "thirty-four children could have potentially been
diagnosed by criterion 1, with 6 children requiring a biopsy (criterion 2) for
diagnosis, either for a solitary lesion not clavicle or atypical features".
Criterion 1: >1 bone (or clavicle alone) with CRP < 30 mg/L; criterion 2:
unifocal (other than clavicle) or CRP > 30 mg/L, with a biopsy showing
inflammatory changes and no bacterial growth, taken off antibiotics.
"""

import pytest

from functions.definitions import bristol
from functions.inputs import InputValidationError

CRITERIA = bristol.DEFINITION
TYPICAL = {
    "typical_clinical": "yes",
    "typical_radiological": "yes",
    "involvement": "multifocal",
    "crp": "8",
    "crp_unit": "mg/L",
    "biopsy": "not-available",
}


def evaluate(**changes):
    return CRITERIA.evaluate(TYPICAL | changes)


def met(result):
    return {item.key: item.met for item in result.items}


@pytest.mark.parametrize(
    "case, changes, outcome",
    [
        ("1: tibia + femur, CRP 8 mg/L", {"involvement": "multifocal", "crp": "8"}, bristol.MET_CRITERION_1),
        ("2: isolated clavicle, CRP 5 mg/L", {"involvement": "clavicle-only", "crp": "5"}, bristol.MET_CRITERION_1),
        ("3: isolated femur, CRP 5 mg/L", {"involvement": "unifocal-other", "crp": "5"}, bristol.BIOPSY_REQUIRED),
        ("4: multifocal, CRP 45 mg/L", {"involvement": "multifocal", "crp": "45"}, bristol.BIOPSY_REQUIRED),
    ],
)
def test_synthetic_cases_1_to_4_of_the_research_notes(case, changes, outcome):
    assert evaluate(**changes).outcome == outcome, case


def test_criterion_1_needs_no_biopsy_and_says_criterion_2_is_not_needed():
    result = evaluate()
    assert met(result) == {
        "typical_clinical": True,
        "typical_radiological": True,
        "criterion_1": True,
        "criterion_2": None,
    }
    criterion_2 = result.items[-1]
    assert criterion_2.detail == bristol.NOT_NEEDED


@pytest.mark.parametrize(
    "crp, unit, outcome",
    [
        ("29.9", "mg/L", bristol.MET_CRITERION_1),
        ("30", "mg/L", bristol.BIOPSY_REQUIRED),  # exactly 30: counted as raised -> criterion 2
        ("3", "mg/dL", bristol.BIOPSY_REQUIRED),  # = 30 mg/L
        ("2.99", "mg/dL", bristol.MET_CRITERION_1),  # = 29.9 mg/L
        ("30.1", "mg/L", bristol.BIOPSY_REQUIRED),
    ],
)
def test_crp_exactly_30_mg_per_l_counts_as_raised_so_criterion_2_applies(crp, unit, outcome):
    assert evaluate(crp=crp, crp_unit=unit).outcome == outcome


def test_a_raised_crp_is_given_as_the_reason_for_criterion_2():
    result = evaluate(crp="30")
    assert bristol.CRP_RAISED_REASON in result.reasons
    assert bristol.BIOPSY_MISSING_REASON in result.reasons


def test_unifocal_disease_outside_the_clavicle_is_given_as_the_reason_for_criterion_2():
    result = evaluate(involvement="unifocal-other")
    assert result.reasons == (bristol.UNIFOCAL_REASON, bristol.BIOPSY_MISSING_REASON)


def test_the_crp_boundary_decision_is_documented_in_the_definition_and_every_result():
    assert bristol.CRP_BOUNDARY_NOTE.en in CRITERIA.describe("en")["notes"]
    assert bristol.CRP_BOUNDARY_NOTE in evaluate().notes
    assert "exactly 30 mg/L" in bristol.CRP_BOUNDARY_NOTE.en
    assert "conservative" in bristol.CRP_BOUNDARY_NOTE.en


def test_without_a_biopsy_criterion_2_gives_biopsy_required_not_not_met():
    result = evaluate(involvement="unifocal-other", biopsy="not-available")
    assert result.outcome == bristol.BIOPSY_REQUIRED
    assert met(result)["criterion_2"] is None


def test_a_supporting_biopsy_meets_criterion_2():
    result = evaluate(involvement="unifocal-other", biopsy="supports")
    assert result.outcome == bristol.MET_CRITERION_2
    assert met(result)["criterion_2"] is True


def test_a_biopsy_taken_on_antibiotics_cannot_meet_criterion_2_and_a_new_one_is_required():
    result = evaluate(crp="45", biopsy="on-antibiotics")
    assert result.outcome == bristol.BIOPSY_REQUIRED
    assert bristol.BIOPSY_ON_ANTIBIOTICS_REASON in result.reasons


def test_a_biopsy_that_does_not_fit_means_criterion_2_is_not_met():
    result = evaluate(involvement="unifocal-other", biopsy="does-not-support")
    assert result.outcome == bristol.NOT_MET
    assert met(result)["criterion_2"] is False
    assert bristol.BIOPSY_AGAINST_REASON in result.reasons


@pytest.mark.parametrize(
    "changes, reasons",
    [
        ({"typical_clinical": "no"}, (bristol.NO_TYPICAL_CLINICAL,)),
        ({"typical_radiological": "no"}, (bristol.NO_TYPICAL_RADIOLOGICAL,)),
        (
            {"typical_clinical": "no", "typical_radiological": "no"},
            (bristol.NO_TYPICAL_CLINICAL, bristol.NO_TYPICAL_RADIOLOGICAL),
        ),
        (
            {"typical_clinical": "no", "involvement": "unifocal-other", "biopsy": "supports"},
            (bristol.NO_TYPICAL_CLINICAL,),
        ),
    ],
)
def test_without_typical_clinical_and_radiological_findings_the_criteria_are_not_met_with_the_reason(changes, reasons):
    result = evaluate(**changes)
    assert result.outcome == bristol.NOT_MET
    assert result.reasons == reasons


def test_a_conflicting_biopsy_is_warned_about_even_when_criterion_1_is_met():
    result = evaluate(biopsy="does-not-support")
    assert result.outcome == bristol.MET_CRITERION_1
    assert result.warnings == (bristol.BIOPSY_CONFLICT_WARNING,)


def test_the_crp_and_its_conversion_are_shown_with_criterion_1():
    result = evaluate(crp="0.8", crp_unit="mg/dL")
    assert result.items[2].detail.get("en") == "More than one bone; 0.8 mg/dL = 8 mg/L"


def test_the_four_outcomes_are_declared_for_documentation():
    codes = [outcome["code"] for outcome in CRITERIA.describe("en")["outcomes"]]
    assert codes == ["met-criterion-1", "met-criterion-2", "biopsy-required", "not-met"]


def test_missing_inputs_give_one_message_per_field():
    with pytest.raises(InputValidationError) as caught:
        CRITERIA.evaluate({})
    assert set(caught.value.errors) == {
        "typical_clinical",
        "typical_radiological",
        "involvement",
        "crp",
        "crp_unit",
        "biopsy",
    }


def test_negative_crp_is_rejected():
    with pytest.raises(InputValidationError) as caught:
        evaluate(crp="-5")
    assert caught.value.messages("de") == {"crp": "Der Wert muss zwischen 0 und 1000 mg/l liegen."}
