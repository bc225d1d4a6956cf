"""Work-up checklist based on the 2025 EULAR/ACR classification criteria for paediatric CNO.

Ann Rheum Dis abstract: the criteria "require typical radiographic or magnetic
resonance imaging findings and bone pain as an obligatory entry criterion and
exclusion criteria of malignancy, infection, vitamin C deficiency, and
hypophosphatasia, followed by additive weighted criteria". Entry details
(onset before 18 years, pain or limitation for at least 6 weeks) and the
exclusion "complete and sustained response to antimicrobials alone" come from
The Rheumatologist, October 2025.
"""

import pytest

from functions.definitions import workup
from functions.inputs import InputValidationError

CHECKLIST = workup.DEFINITION
MIMIC_KEYS = [mimic.key for mimic in workup.MIMICS]
ALL_RULED_OUT = {
    "onset_age": "9",
    "symptom_duration": "8",
    "typical_imaging": "yes",
    **dict.fromkeys(MIMIC_KEYS, "ruled-out"),
    "antimicrobial_response": "not-treated",
}


def evaluate(**changes):
    return CHECKLIST.evaluate(ALL_RULED_OUT | changes)


def item(result, key):
    return next(item for item in result.items if item.key == key)


def test_entry_met_and_everything_ruled_out_allows_the_weighted_criteria_but_confirms_nothing():
    result = evaluate()
    assert result.outcome == workup.READY_FOR_CLASSIFICATION
    assert result.reasons == ()
    assert "does not confirm CNO" in result.outcome.explanation.en
    assert "keine Bestätigung" in result.outcome.explanation.de


@pytest.mark.parametrize("outcome", CHECKLIST.outcomes, ids=lambda outcome: outcome.code)
def test_no_outcome_claims_that_cno_is_confirmed(outcome):
    assert "confirm" not in outcome.code
    assert "confirm" not in outcome.label.en.lower()
    assert "bestätigt" not in outcome.label.de.lower()


def test_every_result_says_the_checklist_never_confirms_cno_and_the_weights_are_missing():
    for changes in ({}, {"malignancy": "open"}):
        notes = evaluate(**changes).notes
        assert workup.NEVER_CONFIRMS in notes
        assert workup.WEIGHTS_NOT_IMPLEMENTED in notes


def test_the_published_exclusion_criteria_and_further_mimics_are_all_checked():
    formal = {mimic.key for mimic in workup.MIMICS if mimic.formal}
    other = {mimic.key for mimic in workup.MIMICS if not mimic.formal}
    assert formal == {"malignancy", "infection", "vitamin_c_deficiency", "hypophosphatasia"}
    assert other == {"langerhans_cell_histiocytosis", "benign_bone_tumour"}
    assert "Ewing" in workup.MIMICS[0].name.en and "leukaemia" in workup.MIMICS[0].name.en


@pytest.mark.parametrize(
    "key, test",
    [
        ("malignancy", "Blood count and blood smear"),
        ("malignancy", "LDH and uric acid"),
        ("malignancy", "Bone biopsy with histology"),
        ("infection", "Blood culture, especially with fever"),
        ("infection", "Bone biopsy with bacterial, fungal and mycobacterial culture, PCR where available"),
        ("hypophosphatasia", "Serum alkaline phosphatase (low in hypophosphatasia)"),
        ("vitamin_c_deficiency", "Blood vitamin C (ascorbic acid) level"),
        ("vitamin_c_deficiency", "Dietary history"),
        ("langerhans_cell_histiocytosis", "Bone biopsy with histology"),
        ("benign_bone_tumour", "Radiograph and MRI"),
    ],
)
def test_each_mimic_lists_the_tests_usually_used_to_rule_it_out(key, test):
    assert test in [text.en for text in item(evaluate(), key).tests]


def test_open_exclusions_are_listed_with_their_tests():
    result = evaluate(malignancy="open", hypophosphatasia="open")
    assert result.outcome == workup.EXCLUSIONS_OPEN
    assert [reason.en for reason in result.reasons] == [
        "Not yet ruled out: Malignancy (including leukaemia and Ewing sarcoma)",
        "Not yet ruled out: Hypophosphatasia",
    ]
    assert item(result, "malignancy").met is None
    assert item(result, "hypophosphatasia").tests


@pytest.mark.parametrize("key", ["malignancy", "infection", "vitamin_c_deficiency", "hypophosphatasia"])
def test_a_diagnosed_exclusion_criterion_stops_the_classification(key):
    result = evaluate(**{key: "present"})
    assert result.outcome == workup.EXCLUSION_PRESENT
    assert item(result, key).met is False
    assert result.reasons[0].en.startswith("Exclusion criterion present:")


def test_a_diagnosed_further_mimic_is_reported_as_an_alternative_diagnosis():
    result = evaluate(langerhans_cell_histiocytosis="present")
    assert result.outcome == workup.EXCLUSION_PRESENT
    assert result.reasons[0].en == "Alternative diagnosis found: Langerhans cell histiocytosis"


def test_complete_and_sustained_response_to_antimicrobials_alone_is_an_exclusion():
    result = evaluate(antimicrobial_response="complete-response")
    assert result.outcome == workup.EXCLUSION_PRESENT
    assert item(result, "antimicrobial_response").met is False


@pytest.mark.parametrize("response", ["no-complete-response", "not-treated"])
def test_no_antibiotic_trial_or_no_complete_response_does_not_exclude(response):
    assert evaluate(antimicrobial_response=response).outcome == workup.READY_FOR_CLASSIFICATION


@pytest.mark.parametrize(
    "changes, key, met",
    [
        ({"onset_age": "17.9"}, "onset_before_18", True),
        ({"onset_age": "18"}, "onset_before_18", False),  # "before 18 years": 18 itself does not count
        ({"symptom_duration": "6"}, "symptoms_6_weeks", True),  # "at least 6 weeks"
        ({"symptom_duration": "5.9"}, "symptoms_6_weeks", False),
        ({"typical_imaging": "no"}, "typical_imaging", False),
    ],
)
def test_entry_criteria_boundaries(changes, key, met):
    result = evaluate(**changes)
    assert item(result, key).met is met
    assert result.outcome == (workup.READY_FOR_CLASSIFICATION if met else workup.ENTRY_NOT_MET)


def test_entry_criteria_not_met_are_named_as_reasons_and_open_items_still_listed():
    result = evaluate(onset_age="20", malignancy="open")
    assert result.outcome == workup.ENTRY_NOT_MET
    assert [reason.en for reason in result.reasons] == [
        "Entry criterion not met: Onset before 18 years of age",
        "Not yet ruled out: Malignancy (including leukaemia and Ewing sarcoma)",
    ]


def test_a_present_exclusion_outranks_unmet_entry_criteria_and_open_items():
    result = evaluate(onset_age="20", infection="present", malignancy="open")
    assert result.outcome == workup.EXCLUSION_PRESENT


@pytest.mark.parametrize("onset, warned", [("2.9", True), ("0", True), ("3", False), ("12", False)])
def test_onset_before_3_years_is_warned_about(onset, warned):
    assert (workup.YOUNG_ONSET_WARNING in evaluate(onset_age=onset).warnings) is warned


def test_items_are_grouped_into_entry_exclusion_and_other():
    groups = [item.group.en for item in evaluate().items]
    assert (
        groups
        == ["Entry criteria"] * 3 + ["Exclusion criteria (EULAR/ACR 2025)"] * 5 + ["Other differential diagnoses"] * 2
    )


def test_the_weighted_points_are_declared_as_not_implemented():
    description = CHECKLIST.describe("en")
    assert workup.WEIGHTS_NOT_IMPLEMENTED.en in description["limits"]
    assert "not diagnostic criteria" in description["limits"][0]


def test_missing_inputs_give_one_message_per_field():
    with pytest.raises(InputValidationError) as caught:
        CHECKLIST.evaluate({})
    assert set(caught.value.errors) == {
        "onset_age",
        "symptom_duration",
        "typical_imaging",
        "antimicrobial_response",
        *MIMIC_KEYS,
    }


def test_an_unknown_status_is_rejected():
    with pytest.raises(InputValidationError) as caught:
        evaluate(malignancy="unlikely")
    assert list(caught.value.errors) == ["malignancy"]
