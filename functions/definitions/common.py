"""Inputs shared by several definitions."""

from decimal import Decimal

from functions.inputs import QuantityInput
from functions.text import Text
from functions.units import MG_PER_DL, MG_PER_L, convert

# Far above any CRP seen in practice (a few hundred mg/L): rejects typos, not patients.
CRP_MAXIMUM_MG_PER_L = Decimal(1000)


def crp_input(*, reference_unit, help):
    """CRP accepted in mg/L or mg/dL and compared in ``reference_unit``, the unit of the publication."""
    return QuantityInput(
        name="crp",
        label=Text(de="CRP (C-reaktives Protein)", en="CRP (C-reactive protein)"),
        help=help,
        units=(MG_PER_L, MG_PER_DL),
        reference_unit=reference_unit,
        minimum=Decimal(0),
        maximum=convert(CRP_MAXIMUM_MG_PER_L, MG_PER_L, reference_unit),
    )


# Non-bacterial osteomyelitis is coded as unspecified osteomyelitis (M86.9), its
# multifocal recurrent form often as chronic multifocal osteomyelitis (M86.3).
CNO_ICD10_CODES = ("M86.9", "M86.3")
