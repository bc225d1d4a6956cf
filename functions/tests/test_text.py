"""Bilingual texts: both languages present, numbers written the way each language writes them."""

from decimal import Decimal

import pytest

from functions.text import Text, format_number


def test_text_returns_the_requested_language():
    text = Text(de="Befall des Femurs", en="Femur involvement")
    assert text.get("de") == "Befall des Femurs"
    assert text.get("en") == "Femur involvement"


def test_an_unsupported_language_is_an_error_not_a_silent_fallback():
    with pytest.raises(ValueError):
        Text(de="Ja", en="Yes").get("fr")


@pytest.mark.parametrize("de, en", [("", "Yes"), ("Ja", ""), ("  ", "Yes")])
def test_a_text_needs_both_languages(de, en):
    with pytest.raises(ValueError):
        Text(de=de, en=en)


def test_format_writes_decimals_with_a_comma_in_german_and_a_point_in_english():
    text = Text(de="{value} mg/dl", en="{value} mg/dL").format(value=Decimal("5.50"))
    assert text == Text(de="5,5 mg/dl", en="5.5 mg/dL")


def test_format_fills_in_texts_in_their_own_language():
    unit = Text(de="mg/l", en="mg/L")
    assert Text(de="in {unit}", en="in {unit}").format(unit=unit) == Text(de="in mg/l", en="in mg/L")


@pytest.mark.parametrize(
    "value, de, en",
    [
        (Decimal("1E+2"), "100", "100"),
        (Decimal("55.0"), "55", "55"),
        (Decimal("0.220"), "0,22", "0.22"),
        (17, "17", "17"),
    ],
)
def test_numbers_are_shown_without_exponent_or_trailing_zeros(value, de, en):
    assert format_number(value, "de") == de
    assert format_number(value, "en") == en


def test_join_combines_each_language_separately():
    joined = Text.join([Text(de="mg/l", en="mg/L"), Text(de="mg/dl", en="mg/dL")])
    assert joined == Text(de="mg/l, mg/dl", en="mg/L, mg/dL")
