"""What a machine must not change survives translation, or the reply is rejected."""

import pytest

from translation.protection import ProtectionError, protect, restore
from translation.tests.servers import translate_words

SOURCE = (
    '<p>Die Entzündung des Knochens (M86.9-) bei Kindern [3, 4] und <a href="https://example.org/x">Leitlinie</a>: '
    "Naproxen 10 mg/kg pro Tag, CRP 25 mg/l, <b>Dosis</b> [12].</p>"
)


def round_trip(html, keep=("Naproxen",), replacements=None, engine=translate_words):
    protected, expected = protect(html, keep, replacements)
    return restore(engine(protected), html, expected)


def test_codes_citations_units_drugs_links_and_markup_survive():
    result = round_trip(SOURCE)
    for token in [
        "M86.9-",
        "[3, 4]",
        "[12]",
        "10 mg/kg",
        "25 mg/l",
        "Naproxen",
        '<a href="https://example.org/x">',
        "<b>",
    ]:
        assert token in result
    assert result.startswith("<p>The inflammation of the bone")


def test_protected_tokens_are_marked_for_the_engine():
    protected, expected = protect(SOURCE, ["Naproxen"])
    assert '<span translate="no" data-keep="0">M86.9-</span>' in protected
    assert expected == ["M86.9-", "[3, 4]", "Naproxen", "10 mg/kg", "25 mg/l", "[12]"]


def test_glossary_pairs_become_fixed_translations_for_engines_without_glossaries():
    result = round_trip("<p>Die Entzündung bei Kindern</p>", keep=(), replacements={"Entzündung": "osteitis"})
    assert result == "<p>The osteitis in children</p>"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda html: html.replace(">M86.9-<", ">M86.9<"), "M86.9-"),
        (lambda html: html.replace(">[12]<", "><"), r"\[12\]"),
        (lambda html: html.replace(">10 mg/kg<", ">10 mg per kg<"), "10 mg/kg"),
        (lambda html: html.replace(">Naproxen<", ">Naproxeno<"), "Naproxen"),
        (lambda html: html.replace("https://example.org/x", "https://example.org/y"), "link"),
        (lambda html: html.replace("<b>", "").replace("</b>", ""), "markup"),
    ],
)
def test_a_reply_that_changed_a_protected_token_is_rejected(damage, reason):
    with pytest.raises(ProtectionError, match=reason):
        round_trip(SOURCE, engine=lambda html: damage(translate_words(html)))
