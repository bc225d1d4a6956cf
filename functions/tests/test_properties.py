"""Properties that must hold for every valid input, checked with generated inputs (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from functions import registry
from functions.definitions import jansson, kostik
from functions.inputs import BooleanInput, ChoiceInput, InputValidationError, QuantityInput

# No example database: a failure must be reproducible from the test itself, not from local state.
PROPERTY = settings(database=None, deadline=None, max_examples=200)
SCORES = [kostik.DEFINITION, jansson.DEFINITION]


def numbers(low, high):
    """Values in [low, high] as a form or a JSON client might send them (at most two decimals)."""
    values = st.decimals(min_value=low, max_value=high, places=2, allow_nan=False, allow_infinity=False)
    return values.flatmap(
        lambda value: st.sampled_from(
            [
                value,
                format(value, "f"),
                format(value, "f").replace(".", ","),
                float(value) if value == int(value) else value,
            ]
        )
    )


def raw_field(spec):
    if isinstance(spec, BooleanInput):
        return st.sampled_from([True, False, "yes", "no", "ja", "nein", "true", "false"]).map(
            lambda value: {spec.name: value}
        )
    if isinstance(spec, ChoiceInput):
        return st.sampled_from([choice.code for choice in spec.choices]).map(lambda code: {spec.name: code})
    assert isinstance(spec, QuantityInput)

    def in_unit(unit):
        low, high = spec.limits_in(unit)
        fields = numbers(low, high).map(lambda value: {spec.name: value})
        return fields.map(lambda field: field | {spec.unit_field: unit.code}) if spec.unit_field else fields

    return st.sampled_from(spec.units).flatmap(in_unit)


def raw_inputs(definition):
    return st.tuples(*(raw_field(spec) for spec in definition.inputs)).map(
        lambda fields: {name: value for field in fields for name, value in field.items()}
    )


@pytest.mark.parametrize("definition", SCORES, ids=lambda definition: definition.slug)
@PROPERTY
@given(data=st.data())
def test_the_total_is_the_sum_of_the_shown_item_points_and_stays_in_range(definition, data):
    result = definition.evaluate(data.draw(raw_inputs(definition)))
    low, high = definition.total_range
    assert result.total == sum(item.points for item in result.items)
    assert low <= result.total <= high
    assert (low, high) == ((0, 115) if definition is kostik.DEFINITION else (0, 63))


@pytest.mark.parametrize("definition", SCORES, ids=lambda definition: definition.slug)
@PROPERTY
@given(data=st.data())
def test_each_item_shows_its_full_points_when_met_and_none_otherwise(definition, data):
    result = definition.evaluate(data.draw(raw_inputs(definition)))
    for item in result.items:
        assert item.points == (item.max_points if item.met else 0)


@pytest.mark.parametrize("definition", SCORES, ids=lambda definition: definition.slug)
@PROPERTY
@given(data=st.data())
def test_the_interpretation_is_the_band_of_the_total(definition, data):
    result = definition.evaluate(data.draw(raw_inputs(definition)))
    (band,) = [band for band in definition.bands if band.low <= result.total <= band.high]
    assert result.outcome == band.outcome


@pytest.mark.parametrize("definition", registry.all_functions(), ids=lambda definition: definition.slug)
@PROPERTY
@given(data=st.data())
def test_every_valid_input_gives_a_declared_outcome_in_both_languages(definition, data):
    result = definition.evaluate(data.draw(raw_inputs(definition)))
    declared = (
        [band.outcome for band in definition.bands] if hasattr(definition, "bands") else list(definition.outcomes)
    )
    assert result.outcome in declared
    for lang in ("de", "en"):
        assert result.as_dict(lang)["outcome"]["label"]


@PROPERTY
@given(
    crp=st.decimals(min_value=0, max_value=1000, places=2),
    bands=st.integers(min_value=0, max_value=100_000),
    data=st.data(),
)
def test_kostik_gives_the_same_result_whichever_unit_is_used(crp, bands, data):
    findings = {"multifocal": data.draw(st.booleans()), "femur": data.draw(st.booleans())}
    in_mg_per_l = kostik.DEFINITION.evaluate(
        findings | {"crp": crp, "crp_unit": "mg/L", "band_neutrophils": bands, "band_neutrophils_unit": "cells/uL"}
    )
    in_mg_per_dl = kostik.DEFINITION.evaluate(
        findings
        | {
            "crp": crp / 10,
            "crp_unit": "mg/dL",
            "band_neutrophils": Decimal(bands) / 1000,
            "band_neutrophils_unit": "10^9/L",
        }
    )
    assert [item.points for item in in_mg_per_l.items] == [item.points for item in in_mg_per_dl.items]


@PROPERTY
@given(crp=st.decimals(min_value=0, max_value=100, places=3))
def test_kostik_crp_item_is_met_exactly_when_crp_in_mg_per_l_is_at_most_55(crp):
    result = kostik.DEFINITION.evaluate(
        {
            "crp": crp,
            "crp_unit": "mg/dL",
            "multifocal": False,
            "femur": False,
            "band_neutrophils": 0,
            "band_neutrophils_unit": "cells/uL",
        }
    )
    assert result.items[0].met is (crp * 10 <= 55)


@PROPERTY
@given(crp=st.decimals(min_value=0, max_value=1000, places=2))
def test_jansson_crp_item_is_met_exactly_when_crp_in_mg_per_l_is_at_least_10(crp):
    raw = dict.fromkeys(
        (
            "normal_blood_count",
            "symmetric_lesions",
            "marginal_sclerosis",
            "normal_temperature",
            "typical_location",
            "multiple_lesions",
        ),
        False,
    )
    result = jansson.DEFINITION.evaluate(raw | {"age": 10, "crp": crp, "crp_unit": "mg/L"})
    assert result.total == (6 if crp >= 10 else 0)


@PROPERTY
@given(value=st.decimals(min_value=0, max_value=999, places=2))
def test_a_decimal_comma_means_the_same_as_a_decimal_point(value):
    text = format(value, "f")
    base = {
        "multifocal": True,
        "femur": False,
        "band_neutrophils": 0,
        "band_neutrophils_unit": "cells/uL",
        "crp_unit": "mg/L",
    }
    with_point = kostik.DEFINITION.evaluate(base | {"crp": text})
    with_comma = kostik.DEFINITION.evaluate(base | {"crp": text.replace(".", ",")})
    assert with_point == with_comma


@PROPERTY
@given(
    value=st.decimals(max_value=Decimal("-0.01"), places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["mg/L", "mg/dL"]),
)
def test_a_negative_crp_is_always_rejected_with_a_message_for_that_field(value, unit):
    raw = {
        "crp": str(value),
        "crp_unit": unit,
        "multifocal": True,
        "femur": True,
        "band_neutrophils": 10,
        "band_neutrophils_unit": "cells/uL",
    }
    with pytest.raises(InputValidationError) as caught:
        kostik.DEFINITION.evaluate(raw)
    assert list(caught.value.errors) == ["crp"]
