"""The registry: stable slugs, lookup by slug."""

import pytest

from functions import registry


def test_all_functions_are_listed_under_their_stable_slugs_in_order():
    assert [definition.slug for definition in registry.all_functions()] == [
        "kostik-nbo-score",
        "jansson-nbo-score",
        "bristol-crmo-criteria",
        "cno-exclusion-workup",
    ]


def test_a_function_is_found_by_its_slug():
    assert registry.get("bristol-crmo-criteria").kind == "criteria"
    assert registry.get("cno-exclusion-workup").kind == "checklist"
    assert registry.get("kostik-nbo-score").kind == "score"


def test_an_unknown_slug_raises_a_key_error_the_views_can_turn_into_404():
    with pytest.raises(registry.UnknownFunction):
        registry.get("crmo-score")
    with pytest.raises(KeyError):
        registry.get("")
