"""The browsable catalogue: chapters → blocks → categories → subcategories, and its search."""

import pytest

from icd10 import catalogue
from icd10.catalogue import Entry, ancestors, chapter_of, chapters, children, describe, entry, kind, search_catalogue
from icd10.codes import Icd10Error


def codes_of(entries):
    return [e.code for e in entries]


def test_there_are_22_chapters_in_who_order():
    assert codes_of(chapters())[:3] == ["I", "II", "III"]
    assert codes_of(chapters())[-1] == "XXII"
    assert len(chapters()) == 22
    assert chapters()[12] == Entry(
        "XIII", "chapter", "Diseases of the musculoskeletal system and connective tissue", None, True
    )


def test_blocks_can_be_nested():
    assert codes_of(children("XIII")) == ["M00-M25", "M30-M36", "M40-M54", "M60-M79", "M80-M94", "M95-M99"]
    assert codes_of(children("M80-M94")) == ["M80-M85", "M86-M90", "M91-M94"]
    assert codes_of(children("M86-M90")) == ["M86", "M87", "M88", "M89", "M90"]


def test_children_of_a_category_and_of_leaves():
    assert codes_of(children("m86")) == [
        "M86.0",
        "M86.1",
        "M86.2",
        "M86.3",
        "M86.4",
        "M86.5",
        "M86.6",
        "M86.8",
        "M86.9",
    ]
    assert children("M86.9") == ()
    assert children("M86.96") == ()
    assert codes_of(children("B18.0")) == ["B18.00", "B18.09"]
    assert codes_of(children("M86.-")) == codes_of(children("M86"))


def test_ancestors_root_first():
    assert codes_of(ancestors("M86.9")) == ["XIII", "M80-M94", "M86-M90", "M86"]
    assert codes_of(ancestors("m869-")) == ["XIII", "M80-M94", "M86-M90", "M86"]
    assert codes_of(ancestors("M86.96")) == ["XIII", "M80-M94", "M86-M90", "M86", "M86.9"]
    assert codes_of(ancestors("M86-M90")) == ["XIII", "M80-M94"]
    assert ancestors("XIII") == ()


def test_entry_describe_kind_chapter_of():
    assert entry("m86") == Entry("M86", "category", "Osteomyelitis", "M86-M90", True)
    assert describe("M86") == "Osteomyelitis"
    assert describe("M869") == "Osteomyelitis, unspecified"
    assert describe("M86.96") == "Osteomyelitis, unspecified"  # that of its WHO parent
    assert describe("XIII") == "Diseases of the musculoskeletal system and connective tissue"
    assert [kind(c) for c in ("XIII", "M86-M90", "M86", "M86.9", "M86.96", "B18.00")] == [
        "chapter",
        "block",
        "category",
        "subcategory",
        "subcategory",
        "subcategory",
    ]
    assert [chapter_of(c) for c in ("M86.9", "M86.96", "M86-M90", "XIII", "D48.9", "D50", "U07.1")] == [
        "XIII",
        "XIII",
        "XIII",
        "XIII",
        "II",
        "III",
        "XXII",
    ]
    assert str(entry("M86").kind_label) == "Category"


def test_unknown_codes_raise_the_validation_message():
    with pytest.raises(
        Icd10Error, match=r"^Unknown ICD-10 code M86\.X: the nearest valid code is M86 \(Osteomyelitis\)\.$"
    ):
        children("M86.X")
    with pytest.raises(Icd10Error):
        describe("hello")


def test_the_tree_covers_every_who_code_exactly_once():
    seen = []

    def walk(entries):
        for e in entries:
            seen.append(e.code)
            walk(children(e.code))

    walk(chapters())
    assert len(seen) == len(set(seen)) == catalogue.index_stats()["entries"] == 12542


# --- search ------------------------------------------------------------------------------------


def test_search_by_description_finds_osteomyelitis():
    found = codes_of(search_catalogue("osteomyelitis", limit=20))
    assert found[0] == "M86"  # its description is exactly the query
    assert {"M86.0", "M86.1", "M86.9", "M46.2"} <= set(found)


def test_search_is_case_and_accent_insensitive_and_matches_word_prefixes():
    assert search_catalogue("OSTEOMYEL")[0].code == "M86"
    assert "M35.0" in codes_of(search_catalogue("sjogren"))  # Sicca syndrome [Sjögren]
    assert "H81.0" in codes_of(search_catalogue("meniere"))  # Ménière disease
    assert "H81.0" in codes_of(search_catalogue("Ménière"))


def test_all_words_must_match():
    found = codes_of(search_catalogue("hepatitis b delta immune", limit=50))
    assert found == ["B18.00", "B18.10"]


def test_search_by_code_prefix():
    assert codes_of(search_catalogue("m86", limit=4)) == ["M86", "M86-M90", "M86.0", "M86.1"]
    assert codes_of(search_catalogue("M86.9")) == ["M86.9"]
    assert codes_of(search_catalogue("m869")) == ["M86.9"]
    assert codes_of(search_catalogue("M8", limit=4)) == ["M80-M94", "M80-M85", "M80", "M80.0"]  # WHO order
    assert search_catalogue("xiii")[0].code == "XIII"
    assert codes_of(search_catalogue("x", limit=3)) == ["X", "X00-X09", "X00"]  # chapter X, then codes starting with X
    assert search_catalogue("m86-m90")[0].code == "M86-M90"
    assert search_catalogue("M86.96")[0].code == "M86.9"  # national code: its WHO parent


def test_code_and_words_together():
    assert codes_of(search_catalogue("m86 unspecified")) == ["M86.9"]


def test_limit_and_empty_queries():
    assert len(search_catalogue("a", limit=5)) == 5
    assert search_catalogue("", limit=5) == []
    assert search_catalogue("   ") == []
    assert search_catalogue("osteomyelitis", limit=0) == []
    assert search_catalogue("zzzzqqq") == []


def test_the_index_is_built_once():
    # How fast it is belongs to bench/, not to a test: a busy machine would fail a timed one.
    first = catalogue.index_stats()
    for query in ["osteomyelitis", "m86", "diabetes mellitus", "fracture of femur", "a", "i"]:
        search_catalogue(query)
    assert catalogue.index_stats() == first
