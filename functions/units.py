"""Units of the clinical inputs and their exact conversion.

Publications fix a threshold in one unit (Kostik: CRP in mg/L, Jansson: CRP in
mg/dL) while laboratories report in either. Values are converted with Decimal
and the ``Inexact`` signal trapped, so a value on a threshold stays exactly on
it after conversion (5.5 mg/dL is 55 mg/L, not 55.00000000001 mg/L); a unit
whose factor could not be converted exactly fails loudly instead of rounding.
"""

from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext

from functions.text import Text


@dataclass(frozen=True)
class Unit:
    """A unit of one dimension, ``factor`` times the size of that dimension's base unit."""

    code: str  # stable ASCII code used in the API and in forms
    label: Text  # as shown to users
    dimension: str  # only units of the same dimension convert into each other
    factor: Decimal


def convert(value, source, target):
    """``value`` given in ``source`` expressed in ``target``, exactly."""
    if source.dimension != target.dimension:
        raise ValueError(f"cannot convert {source.code} ({source.dimension}) to {target.code} ({target.dimension})")
    with localcontext() as context:
        context.prec = 34
        context.traps[Inexact] = True
        return value * source.factor / target.factor


MG_PER_L = Unit("mg/L", Text(de="mg/l", en="mg/L"), "mass concentration", Decimal(1))
MG_PER_DL = Unit("mg/dL", Text(de="mg/dl", en="mg/dL"), "mass concentration", Decimal(10))
CELLS_PER_UL = Unit("cells/uL", Text(de="Zellen/µl", en="cells/µL"), "cell count", Decimal(1))
GIGA_PER_L = Unit("10^9/L", Text(de="×10⁹/l", en="×10⁹/L"), "cell count", Decimal(1000))
YEARS = Unit("years", Text(de="Jahre", en="years"), "age", Decimal(1))
WEEKS = Unit("weeks", Text(de="Wochen", en="weeks"), "duration", Decimal(1))
