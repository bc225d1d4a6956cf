"""Parsing and validation of raw inputs: nothing is guessed, every wrong field gets a message."""

from decimal import Decimal

import pytest

from functions import inputs
from functions.inputs import (
    BooleanInput,
    Choice,
    ChoiceInput,
    InputValidationError,
    QuantityInput,
    parse_decimal,
    parse_inputs,
)
from functions.text import Text
from functions.units import MG_PER_DL, MG_PER_L, YEARS

CRP = QuantityInput(
    name="crp",
    label=Text(de="CRP", en="CRP"),
    help=Text(de="Hilfe", en="Help"),
    units=(MG_PER_L, MG_PER_DL),
    reference_unit=MG_PER_L,
    minimum=Decimal(0),
    maximum=Decimal(1000),
)
AGE = QuantityInput(
    name="age",
    label=Text(de="Alter", en="Age"),
    help=Text(de="Hilfe", en="Help"),
    units=(YEARS,),
    reference_unit=YEARS,
    minimum=Decimal(0),
    maximum=Decimal(120),
)
FEMUR = BooleanInput(name="femur", label=Text(de="Femur", en="Femur"), help=Text(de="Hilfe", en="Help"))
SITE = ChoiceInput(
    name="site",
    label=Text(de="Ort", en="Site"),
    help=Text(de="Hilfe", en="Help"),
    choices=(
        Choice("clavicle-only", Text(de="Klavikula", en="Clavicle")),
        Choice("multifocal", Text(de="Multifokal", en="Multifocal")),
    ),
)


def errors_of(spec, raw, lang="en"):
    with pytest.raises(InputValidationError) as caught:
        spec.parse(raw)
    return caught.value.messages(lang)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("5.5", Decimal("5.5")),
        ("5,5", Decimal("5.5")),  # German decimal comma from a form
        (" 55 ", Decimal(55)),
        ("0.220", Decimal("0.22")),
        ("0,220", Decimal("0.22")),
        ("-3", Decimal(-3)),  # parsed, so that the range check can explain what is wrong
        (55, Decimal(55)),
        (5.6, Decimal("5.6")),  # a JSON float becomes its shortest decimal, not 5.5999999...
        (Decimal("5.5"), Decimal("5.5")),
        ("-0", Decimal(0)),
    ],
)
def test_numbers_are_read_from_form_strings_json_numbers_and_decimals(raw, expected):
    assert parse_decimal(raw) == expected


def test_a_json_float_is_read_as_the_decimal_it_prints_as():
    assert str(parse_decimal(5.6)) == "5.6"


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "5 mg",
        "1e3",
        "\u0665",
        "nan",
        "inf",
        ".5",
        "5.",
        "1.000.000",
        True,
        False,
        float("nan"),
        float("inf"),
        [5],
        Decimal("NaN"),
    ],
)
def test_things_that_are_not_plain_numbers_are_rejected(raw):
    with pytest.raises(ValueError) as caught:
        parse_decimal(raw)
    assert caught.value.args[0] == inputs.NOT_A_NUMBER


@pytest.mark.parametrize("raw", ["1.000", "1,000", "12.500", "220,000", "-1.000"])
def test_a_possible_thousands_separator_is_refused_as_ambiguous(raw):
    """ "1.000" is 1 to an English reader and 1000 to a German one: a factor of 1000 must not be guessed."""
    with pytest.raises(ValueError) as caught:
        parse_decimal(raw)
    assert caught.value.args[0] == inputs.AMBIGUOUS_NUMBER


def test_more_than_six_decimal_places_are_refused():
    with pytest.raises(ValueError) as caught:
        parse_decimal("0.1234567")
    assert "6" in caught.value.args[0].get("en")
    assert parse_decimal("0.123456") == Decimal("0.123456")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("Ja", True),
        ("true", True),
        ("1", True),
        ("no", False),
        ("nein", False),
        ("FALSE", False),
        ("0", False),
    ],
)
def test_yes_no_answers_from_forms_and_json(raw, expected):
    assert FEMUR.parse({"femur": raw}) is expected


@pytest.mark.parametrize("raw", ["maybe", "on", 1, 0, 2])
def test_unclear_yes_no_answers_are_rejected(raw):
    assert errors_of(FEMUR, {"femur": raw}) == {"femur": "Please answer yes or no."}


@pytest.mark.parametrize("raw", [{}, {"femur": None}, {"femur": ""}, {"femur": "   "}])
def test_a_missing_yes_no_answer_is_reported_never_assumed(raw):
    assert errors_of(FEMUR, raw) == {"femur": "Please choose yes or no."}
    assert errors_of(FEMUR, raw, "de") == {"femur": "Bitte Ja oder Nein wählen."}


def test_a_choice_accepts_only_its_codes():
    assert SITE.parse({"site": "multifocal"}) == "multifocal"
    assert "clavicle-only, multifocal" in errors_of(SITE, {"site": "femur"})["site"]
    assert errors_of(SITE, {}) == {"site": "Please choose an option."}


def test_a_quantity_returns_the_entered_and_the_reference_value():
    measurement = CRP.parse({"crp": "5,5", "crp_unit": "mg/dL"})
    assert measurement.entered == Decimal("5.5")
    assert measurement.unit == MG_PER_DL
    assert measurement.value == Decimal(55)
    assert measurement.as_text() == Text(de="5,5 mg/dl = 55 mg/l", en="5.5 mg/dL = 55 mg/L")


def test_the_unit_is_required_because_mg_per_l_and_mg_per_dl_differ_tenfold():
    assert errors_of(CRP, {"crp": "20"}) == {"crp_unit": "Please choose a unit: mg/L, mg/dL."}
    assert errors_of(CRP, {"crp": "20"}, "de") == {"crp_unit": "Bitte eine Einheit wählen: mg/l, mg/dl."}


def test_unit_codes_are_matched_without_regard_to_case():
    assert CRP.parse({"crp": "2", "crp_unit": "MG/DL"}).value == Decimal(20)


def test_an_unknown_unit_is_rejected():
    assert errors_of(CRP, {"crp": "20", "crp_unit": "g/L"}) == {"crp_unit": "Unknown unit. Allowed units: mg/L, mg/dL."}


def test_a_missing_value_and_a_missing_unit_are_both_reported():
    assert errors_of(CRP, {}) == {"crp": "Please enter a value.", "crp_unit": "Please choose a unit: mg/L, mg/dL."}


@pytest.mark.parametrize("value", ["-1", "-0.001", "1000.1", "100000"])
def test_negative_and_absurd_values_are_out_of_range(value):
    assert errors_of(CRP, {"crp": value, "crp_unit": "mg/L"}) == {"crp": "The value must be between 0 and 1000 mg/L."}


def test_the_allowed_range_is_stated_in_the_unit_the_user_chose():
    assert errors_of(CRP, {"crp": "-5", "crp_unit": "mg/dL"}) == {"crp": "The value must be between 0 and 100 mg/dL."}
    assert errors_of(CRP, {"crp": "-5", "crp_unit": "mg/dL"}, "de") == {
        "crp": "Der Wert muss zwischen 0 und 100 mg/dl liegen."
    }


def test_the_limits_themselves_are_allowed():
    assert CRP.parse({"crp": "0", "crp_unit": "mg/L"}).value == 0
    assert CRP.parse({"crp": "100", "crp_unit": "mg/dL"}).value == Decimal(1000)


def test_an_input_with_a_single_unit_has_no_unit_field():
    assert AGE.unit_field is None
    assert AGE.field_names() == ("age",)
    assert AGE.parse({"age": "3,5"}).value == Decimal("3.5")


def test_error_messages_do_not_repeat_the_entered_value():
    """Messages may be logged or passed on by other layers; they must not carry patient data."""
    for lang in ("de", "en"):
        message = errors_of(CRP, {"crp": "987.654321", "crp_unit": "mg/dL"}, lang)["crp"]
        assert "987" not in message


def test_parse_inputs_reports_every_wrong_field_at_once():
    with pytest.raises(InputValidationError) as caught:
        parse_inputs((CRP, FEMUR, SITE), {"crp": "x", "crp_unit": "mg/L", "site": "nowhere"})
    assert set(caught.value.errors) == {"crp", "femur", "site"}
    assert str(caught.value) == "invalid input: crp, femur, site"


def test_parse_inputs_ignores_fields_that_belong_to_no_input():
    values = parse_inputs((FEMUR,), {"femur": "no", "csrfmiddlewaretoken": "abc"})
    assert values == {"femur": False}


def test_parse_inputs_needs_a_mapping():
    with pytest.raises(InputValidationError) as caught:
        parse_inputs((FEMUR,), ["femur", "no"])
    assert set(caught.value.errors) == {inputs.NON_FIELD}


def test_a_quantity_must_allow_its_reference_unit_and_a_real_range():
    with pytest.raises(ValueError):
        QuantityInput(
            name="x",
            label=CRP.label,
            help=CRP.help,
            units=(MG_PER_L,),
            reference_unit=MG_PER_DL,
            minimum=Decimal(0),
            maximum=Decimal(1),
        )
    with pytest.raises(ValueError):
        QuantityInput(
            name="x",
            label=CRP.label,
            help=CRP.help,
            units=(MG_PER_L,),
            reference_unit=MG_PER_L,
            minimum=Decimal(1),
            maximum=Decimal(1),
        )
