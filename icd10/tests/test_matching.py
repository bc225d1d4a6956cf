"""matches(): which articles answer a query for a code.

A query code stands for its whole subtree.  An article code stands for itself,
or - with a trailing "-" - for itself and its whole subtree.  They match when
they overlap.
"""

import pytest
from django.db.models import Q

from icd10.codes import Icd10Error, code_prefix, covering_keys, key_prefixes, lookup_q, matches, search_key

ARTICLE_CODES = [
    "M86",
    "M86.-",
    "M86.9",
    "M86.9-",
    "M86.96",
    "M86.0",
    "M86.0-",
    "M46.2",
    "B18.0-",
    "B18.00",
    "Z99.99",
    "C50.9",
    "D48.9",
]


def found_by(query):
    return [code for code in ARTICLE_CODES if matches(code, query)]


def test_a_subcategory_finds_itself_its_subdivisions_and_categories_with_all_subdivisions():
    assert found_by("M86.9") == ["M86.-", "M86.9", "M86.9-", "M86.96"]


def test_a_category_finds_everything_below_it():
    assert found_by("M86") == ["M86", "M86.-", "M86.9", "M86.9-", "M86.96", "M86.0", "M86.0-"]


def test_a_national_code_finds_itself_and_the_codes_with_all_subdivisions_above_it():
    # not the plain "M86.9" article: that one is about the unspecified subcategory only
    assert found_by("M86.96") == ["M86.-", "M86.9-", "M86.96"]


def test_the_dash_in_a_query_changes_nothing():
    assert found_by("M86.9-") == found_by("M86.9")
    assert found_by("M86.-") == found_by("M86")


def test_blocks_and_chapters_find_everything_in_their_range():
    assert found_by("M86-M90") == ["M86", "M86.-", "M86.9", "M86.9-", "M86.96", "M86.0", "M86.0-"]
    assert found_by("XIII") == ["M86", "M86.-", "M86.9", "M86.9-", "M86.96", "M86.0", "M86.0-", "M46.2"]
    assert found_by("II") == ["C50.9", "D48.9"]  # chapter II is C00-D48


def test_who_five_character_codes():
    assert found_by("B18.0") == ["B18.0-", "B18.00"]
    assert found_by("B18.00") == ["B18.0-", "B18.00"]
    assert found_by("B18.09") == ["B18.0-"]


def test_spelling_does_not_matter():
    assert matches("m8696", " m869- ")


def test_an_unusable_article_code_matches_nothing():
    assert not matches("hello", "M86")
    assert not matches("M86-M90", "M86")  # blocks are not article codes


def test_a_bad_query_raises_with_its_message():
    with pytest.raises(Icd10Error, match="nearest valid code is M86 "):
        matches("M86.9", "M86.X")


# --- the same rule for databases -------------------------------------------------------------


@pytest.mark.parametrize(
    "code, key",
    [
        ("M86.9", "M869"),
        ("M86.9-", "M869-"),
        ("M86.-", "M86-"),
        ("M86", "M86"),
        ("m8696", "M8696"),
        ("B18.00", "B1800"),
    ],
)
def test_search_key(code, key):
    assert search_key(code) == key


def test_prefixes_and_covering_keys():
    assert code_prefix("m86.9-") == "M869"
    assert key_prefixes("M86.96") == ("M8696",)
    assert covering_keys("M86.96") == ("M86-", "M869-")
    assert covering_keys("M86") == ()
    assert key_prefixes("M86-M90") == ("M86", "M87", "M88", "M89", "M90")
    assert key_prefixes("XIII") == ("M",)
    assert key_prefixes("II") == ("C", "D0", "D1", "D2", "D3", "D4")
    assert key_prefixes("VII") == ("H0", "H1", "H2", "H3", "H4", "H5")
    with pytest.raises(ValueError):
        code_prefix("XIII")


QUERIES = [
    "M86",
    "M86.9",
    "M86.96",
    "M86.0",
    "B18.0",
    "B18.00",
    "B18.09",
    "Z99.9",
    "Z99.99",
    "M86-M90",
    "M80-M94",
    "XIII",
    "II",
    "III",
    "I",
    "XXI",
]


@pytest.mark.parametrize("query", QUERIES)
def test_database_keys_agree_with_matches(query):
    prefixes, covering = key_prefixes(query), covering_keys(query)
    for article in ARTICLE_CODES:
        key = search_key(article)
        by_key = key.startswith(prefixes) or key in covering
        assert by_key == matches(article, query), (article, query)


def test_lookup_q():
    assert lookup_q("M86.96") == Q(icd_key__startswith="M8696") | Q(icd_key__in=("M86-", "M869-"))
    assert lookup_q("M86-M90", field="key") == (
        Q(key__startswith="M86")
        | Q(key__startswith="M87")
        | Q(key__startswith="M88")
        | Q(key__startswith="M89")
        | Q(key__startswith="M90")
    )
