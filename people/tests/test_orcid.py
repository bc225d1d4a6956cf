"""An ORCID iD is checked for its form and its ISO 7064 MOD 11-2 check character before a profile links it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from people import orcid

# Published iDs: the sample of ORCID's own documentation, one ending in the check character X
# (also from ORCID's documentation of the checksum), and ORCID's former director's iD.
PUBLISHED = ["0000-0002-1825-0097", "0000-0002-1694-233X", "0000-0001-5109-3700"]


def refusal(value, language):
    """The message an editor working in ``language`` reads for ``value``, or None if it is accepted."""
    with translation.override(language):
        try:
            orcid.validate_orcid(value)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


@pytest.mark.parametrize("value", PUBLISHED)
def test_published_orcid_ids_are_accepted(value):
    assert orcid.is_valid(value)
    assert refusal(value, "en") is None


@pytest.mark.parametrize("value", ["0000-0002-1825-0098", "0000-0002-1825-0079", "0000-0002-1694-2330"])
def test_an_id_with_one_digit_changed_or_two_swapped_is_refused_for_its_check_digit(value):
    assert not orcid.is_valid(value)
    assert "check digit does not match" in refusal(value, "en")
    assert "Die Prüfziffer stimmt nicht" in refusal(value, "de")


@pytest.mark.parametrize("value", ["0000-0002-1825-009", "0000000218250097", "0000-0002-1825-009x-1", "ORCID"])
def test_something_that_is_not_shaped_like_an_orcid_id_is_refused_with_an_example(value):
    assert "is not an ORCID iD" in refusal(value, "en") and "0000-0002-1825-0097" in refusal(value, "en")
    assert "ist keine ORCID iD" in refusal(value, "de")


def test_a_pasted_link_or_a_lower_case_x_is_kept_as_the_bare_id():
    assert orcid.clean(" https://orcid.org/0000-0002-1694-233x ") == "0000-0002-1694-233X"
    assert orcid.clean("orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
