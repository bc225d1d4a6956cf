"""normalize(): how people type codes, and what we make of it (not yet validated)."""

import pytest

from icd10.codes import Icd10Error, normalize


@pytest.mark.parametrize(
    "typed, normalised",
    [
        # case, whitespace and a missing dot do not matter
        ("M86.9", "M86.9"),
        ("m86.9", "M86.9"),
        ("m869", "M86.9"),
        ("M869", "M86.9"),
        (" M86.96 ", "M86.96"),
        ("M8696", "M86.96"),
        ("M 86 . 9", "M86.9"),
        ("M86.9\u00a0", "M86.9"),  # no-break space
        ("M86", "M86"),
        # a trailing dash means "with all subdivisions" and is kept
        ("M86.9-", "M86.9-"),
        ("M869-", "M86.9-"),
        ("m86.9 -", "M86.9-"),
        ("M86.9–", "M86.9-"),  # en dash
        # a category with all subdivisions is written M86.- (WHO / ICD-10-GM style)
        ("M86.-", "M86.-"),
        ("M86-", "M86.-"),
        ("m86 -", "M86.-"),
        # dagger, asterisk, exclamation mark, trailing punctuation and brackets are dropped
        ("M86.9†", "M86.9"),
        ("M86.9*", "M86.9"),
        ("M86.9+", "M86.9"),
        ("U07.1!", "U07.1"),
        ("M86.9.", "M86.9"),
        ("M86.9,", "M86.9"),
        ("(M86.9)", "M86.9"),
        ("(M86.-)", "M86.-"),
        ("„M86.9“", "M86.9"),
        # full-width characters are folded
        ("Ｍ８６．９", "M86.9"),
        # chapters and blocks keep their own shape
        ("xiii", "XIII"),
        ("XXII", "XXII"),
        ("m86-m90", "M86-M90"),
        ("M86 – M90", "M86-M90"),
        # shaped like a code, but not necessarily one (validation comes later)
        ("M86.X", "M86.X"),
        ("M86.99X", "M86.99X"),
    ],
)
def test_normalize(typed, normalised):
    assert normalize(typed) == normalised


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("", "icd10_empty"),
        ("   ", "icd10_empty"),
        (None, "icd10_empty"),
        ("x" * 200, "icd10_too_long"),
        ("M86.9" * 5, "icd10_too_long"),
        ("hello", "icd10_invalid"),
        ("M8", "icd10_invalid"),  # a category has three characters
        ("86.9", "icd10_invalid"),
        ("MM86", "icd10_invalid"),
        ("M8X.9", "icd10_invalid"),
        ("M86.99999", "icd10_invalid"),
        ("M86.9-X", "icd10_invalid"),
        ("M86-M9", "icd10_invalid"),
        ("†", "icd10_invalid"),
        ("...", "icd10_invalid"),
        ("XXX", "icd10_invalid"),  # not a chapter numeral
    ],
)
def test_impossible_input_is_rejected(typed, reason):
    with pytest.raises(Icd10Error) as error:
        normalize(typed)
    assert error.value.code == reason


def test_messages_for_impossible_input():
    with pytest.raises(Icd10Error, match=r"^Please enter an ICD-10 code\.$"):
        normalize(" ")
    with pytest.raises(
        Icd10Error, match=r"^This is too long for an ICD-10 code \(200 characters, at most 20 are allowed\)\.$"
    ):
        normalize("x" * 200)
    with pytest.raises(
        Icd10Error, match=r"^“hello” is not an ICD-10 code\. Enter a code such as M86\.9, M86\.9- or M86\.96\.$"
    ):
        normalize(" hello ")
