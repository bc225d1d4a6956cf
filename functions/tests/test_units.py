"""Unit conversion is exact, so that a value on a published threshold stays on it."""

from decimal import Decimal, Inexact

import pytest

from functions.text import Text
from functions.units import CELLS_PER_UL, GIGA_PER_L, MG_PER_DL, MG_PER_L, YEARS, Unit, convert


def test_crp_5_5_mg_per_dl_is_exactly_55_mg_per_l():
    assert convert(Decimal("5.5"), MG_PER_DL, MG_PER_L) == Decimal(55)


def test_crp_1_mg_per_dl_is_exactly_10_mg_per_l_and_back():
    assert convert(Decimal(1), MG_PER_DL, MG_PER_L) == Decimal(10)
    assert convert(Decimal(10), MG_PER_L, MG_PER_DL) == Decimal(1)


def test_band_count_0_22_giga_per_litre_is_exactly_220_cells_per_microlitre():
    """Kostik 2023 gives the band cut-off as 220 cells/µL; 1 ×10⁹/L = 1000 cells/µL."""
    assert convert(Decimal("0.22"), GIGA_PER_L, CELLS_PER_UL) == Decimal(220)
    assert convert(Decimal(220), CELLS_PER_UL, GIGA_PER_L) == Decimal("0.22")


def test_a_value_in_its_own_unit_is_unchanged():
    assert convert(Decimal("12.5"), MG_PER_L, MG_PER_L) == Decimal("12.5")


def test_units_of_different_dimensions_do_not_convert():
    with pytest.raises(ValueError):
        convert(Decimal(1), MG_PER_L, YEARS)


def test_a_conversion_that_could_not_be_exact_fails_instead_of_rounding():
    thirds = Unit("thirds", Text(de="Drittel", en="thirds"), "test", Decimal(1))
    wholes = Unit("wholes", Text(de="Ganze", en="wholes"), "test", Decimal(3))
    with pytest.raises(Inexact):
        convert(Decimal(1), thirds, wholes)
