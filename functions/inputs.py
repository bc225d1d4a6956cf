"""Declarative inputs of a clinical function: parsing, validation, schema.

Every input is required and has no default: a missing value is reported, never
assumed, because a guessed clinical value (or a guessed unit: mg/L and mg/dL
differ by a factor of ten) would silently change the result. Raw values may
come from an HTML form (strings, German decimal comma allowed) or from JSON
(booleans, numbers, strings). Error messages never repeat the entered value,
so they are safe to show or to pass on without carrying patient data.

Field names: a quantity with a choice of units reads its number from ``name``
and its unit code from ``name + "_unit"``, both in forms and in JSON.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from functions.text import Text
from functions.units import Unit, convert

NON_FIELD = "__all__"
MAX_DECIMAL_PLACES = 6

_NUMBER_RE = re.compile(r"[+-]?\d+(?:[.,]\d+)?", re.ASCII)
# "1.000" or "2,500": a German user may mean a thousands separator, an English one a
# decimal point (or the reverse) - a factor of 1000 apart, so such input is refused.
_AMBIGUOUS_RE = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)

_TRUE_WORDS = frozenset({"true", "yes", "ja", "1"})
_FALSE_WORDS = frozenset({"false", "no", "nein", "0"})

NOT_A_MAPPING = Text(
    de="Die Eingaben müssen als Zuordnung von Feldnamen zu Werten übergeben werden.",
    en="The inputs must be given as a mapping of field names to values.",
)
MISSING_NUMBER = Text(de="Bitte einen Wert eingeben.", en="Please enter a value.")
MISSING_YES_NO = Text(de="Bitte Ja oder Nein wählen.", en="Please choose yes or no.")
MISSING_CHOICE = Text(de="Bitte eine Option wählen.", en="Please choose an option.")
MISSING_UNIT = Text(de="Bitte eine Einheit wählen: {units}.", en="Please choose a unit: {units}.")
UNKNOWN_UNIT = Text(de="Unbekannte Einheit. Erlaubt sind: {units}.", en="Unknown unit. Allowed units: {units}.")
UNKNOWN_CHOICE = Text(
    de="Ungültige Auswahl. Möglich sind: {choices}.", en="Invalid choice. Possible choices: {choices}."
)
NOT_YES_NO = Text(de="Bitte Ja oder Nein angeben.", en="Please answer yes or no.")
NOT_A_NUMBER = Text(de="Bitte eine Zahl eingeben, z. B. 5,5.", en="Please enter a number, e.g. 5.5.")
AMBIGUOUS_NUMBER = Text(
    de="Mehrdeutige Zahl: bitte ohne Tausendertrennzeichen schreiben (z. B. 1000 oder 1,0).",
    en="Ambiguous number: please write it without a thousands separator (e.g. 1000 or 1.0).",
)
TOO_MANY_DECIMALS = Text(
    de="Bitte höchstens {places} Nachkommastellen angeben.",
    en="Please give at most {places} decimal places.",
)
OUT_OF_RANGE = Text(
    de="Der Wert muss zwischen {minimum} und {maximum} {unit} liegen.",
    en="The value must be between {minimum} and {maximum} {unit}.",
)


class InputValidationError(ValueError):
    """One message per wrong field; ``errors`` maps field name -> Text."""

    def __init__(self, errors):
        self.errors = dict(errors)
        # Field names only: the message may end up in logs and must not carry input values.
        super().__init__("invalid input: " + ", ".join(sorted(self.errors)))

    def messages(self, lang):
        return {field: message.get(lang) for field, message in self.errors.items()}


def is_missing(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_decimal(raw):
    """A finite Decimal from a form string, a JSON number or a Decimal.

    Raises ``ValueError`` whose single argument is the Text to show to the user.
    """
    if isinstance(raw, bool):
        raise ValueError(NOT_A_NUMBER)
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(NOT_A_NUMBER)
        number = Decimal(repr(raw))  # the shortest decimal that is this float: 5.6 -> Decimal("5.6")
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ValueError(NOT_A_NUMBER)
        number = raw
    elif isinstance(raw, str):
        text = raw.strip()
        if not _NUMBER_RE.fullmatch(text):
            raise ValueError(NOT_A_NUMBER)
        if _AMBIGUOUS_RE.fullmatch(text):
            raise ValueError(AMBIGUOUS_NUMBER)
        number = Decimal(text.replace(",", "."))
    else:
        raise ValueError(NOT_A_NUMBER)
    if number.normalize().as_tuple().exponent < -MAX_DECIMAL_PLACES:
        raise ValueError(TOO_MANY_DECIMALS.format(places=MAX_DECIMAL_PLACES))
    return number if number != 0 else Decimal(0)  # no "-0" in results


def _json_number(value):
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Measurement:
    """A parsed quantity: what the user entered and its value in the publication's unit."""

    entered: Decimal
    unit: Unit
    value: Decimal  # in ``reference_unit``; scoring rules compare this value
    reference_unit: Unit

    def as_text(self):
        if self.unit == self.reference_unit:
            return Text(de="{entered} {unit}", en="{entered} {unit}").format(entered=self.entered, unit=self.unit.label)
        return Text(de="{entered} {unit} = {value} {reference}", en="{entered} {unit} = {value} {reference}").format(
            entered=self.entered, unit=self.unit.label, value=self.value, reference=self.reference_unit.label
        )


@dataclass(frozen=True)
class Choice:
    code: str
    label: Text


@dataclass(frozen=True, kw_only=True)
class Input:
    """Common part of all inputs: a field name and the texts shown next to it."""

    name: str
    label: Text
    help: Text

    def field_names(self):
        return (self.name,)

    def describe(self, lang):
        return {
            "name": self.name,
            "type": self.type,
            "label": self.label.get(lang),
            "help": self.help.get(lang),
            "required": True,
        }

    def schema_conditions(self, lang):
        """JSON Schema ``allOf`` entries this input needs besides its properties."""
        return []


@dataclass(frozen=True, kw_only=True)
class BooleanInput(Input):
    """A yes/no finding, often a clinician's judgement."""

    type = "boolean"

    def parse(self, raw):
        value = raw.get(self.name)
        if is_missing(value):
            raise InputValidationError({self.name: MISSING_YES_NO})
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE_WORDS:
                return True
            if word in _FALSE_WORDS:
                return False
        raise InputValidationError({self.name: NOT_YES_NO})

    def schema_properties(self, lang):
        return {self.name: {"type": "boolean", "title": self.label.get(lang), "description": self.help.get(lang)}}


@dataclass(frozen=True, kw_only=True)
class ChoiceInput(Input):
    """One of several coded answers; the codes are stable, the labels are shown."""

    type = "choice"
    choices: tuple

    def parse(self, raw):
        value = raw.get(self.name)
        if is_missing(value):
            raise InputValidationError({self.name: MISSING_CHOICE})
        if isinstance(value, str):
            for choice in self.choices:
                if choice.code == value.strip():
                    return choice.code
        codes = ", ".join(choice.code for choice in self.choices)
        raise InputValidationError({self.name: UNKNOWN_CHOICE.format(choices=codes)})

    def label_of(self, code):
        return next(choice.label for choice in self.choices if choice.code == code)

    def describe(self, lang):
        return super().describe(lang) | {
            "choices": [{"code": choice.code, "label": choice.label.get(lang)} for choice in self.choices]
        }

    def schema_properties(self, lang):
        return {
            self.name: {
                "type": "string",
                "title": self.label.get(lang),
                "description": self.help.get(lang),
                "enum": [choice.code for choice in self.choices],
                "x-enum-titles": {choice.code: choice.label.get(lang) for choice in self.choices},
            }
        }


@dataclass(frozen=True, kw_only=True)
class QuantityInput(Input):
    """A measured value with a unit; limits are given in the publication's (reference) unit.

    The limits reject impossible or absurd values (a negative CRP, a typo with an
    extra zero); they are not clinical reference ranges.
    """

    type = "quantity"
    units: tuple
    reference_unit: Unit
    minimum: Decimal
    maximum: Decimal

    def __post_init__(self):
        if self.reference_unit not in self.units:
            raise ValueError(f"{self.name}: the reference unit must be one of the allowed units")
        if not self.minimum < self.maximum:
            raise ValueError(f"{self.name}: minimum must be below maximum")

    @property
    def unit_field(self):
        """Name of the unit field, or None when only one unit is allowed."""
        return f"{self.name}_unit" if len(self.units) > 1 else None

    def field_names(self):
        return (self.name, self.unit_field) if self.unit_field else (self.name,)

    def limits_in(self, unit):
        return convert(self.minimum, self.reference_unit, unit), convert(self.maximum, self.reference_unit, unit)

    def _unit_list(self):
        return Text.join(unit.label for unit in self.units)

    def _parse_unit(self, raw, errors):
        if not self.unit_field:
            return self.units[0]
        code = raw.get(self.unit_field)
        if is_missing(code):
            errors[self.unit_field] = MISSING_UNIT.format(units=self._unit_list())
            return None
        if isinstance(code, str):
            for unit in self.units:
                if unit.code.lower() == code.strip().lower():
                    return unit
        errors[self.unit_field] = UNKNOWN_UNIT.format(units=self._unit_list())
        return None

    def parse(self, raw):
        errors = {}
        number = None
        value = raw.get(self.name)
        if is_missing(value):
            errors[self.name] = MISSING_NUMBER
        else:
            try:
                number = parse_decimal(value)
            except ValueError as error:
                errors[self.name] = error.args[0]
        unit = self._parse_unit(raw, errors)
        if errors:
            raise InputValidationError(errors)
        low, high = self.limits_in(unit)
        if not low <= number <= high:
            raise InputValidationError({self.name: OUT_OF_RANGE.format(minimum=low, maximum=high, unit=unit.label)})
        return Measurement(
            entered=number,
            unit=unit,
            value=convert(number, unit, self.reference_unit),
            reference_unit=self.reference_unit,
        )

    def describe(self, lang):
        return super().describe(lang) | {
            "unit_field": self.unit_field,
            "units": [{"code": unit.code, "label": unit.label.get(lang)} for unit in self.units],
            "reference_unit": {"code": self.reference_unit.code, "label": self.reference_unit.label.get(lang)},
            "minimum": _json_number(self.minimum),
            "maximum": _json_number(self.maximum),
        }

    def schema_properties(self, lang):
        value = {"type": "number", "title": self.label.get(lang), "description": self.help.get(lang)}
        if not self.unit_field:
            unit = self.units[0]
            value["title"] = f"{self.label.get(lang)} ({unit.label.get(lang)})"
            value["minimum"], value["maximum"] = (_json_number(limit) for limit in self.limits_in(unit))
            return {self.name: value}
        unit_field = {
            "type": "string",
            "title": Text(de="{label}: Einheit", en="{label}: unit").format(label=self.label).get(lang),
            "enum": [unit.code for unit in self.units],
            "x-enum-titles": {unit.code: unit.label.get(lang) for unit in self.units},
        }
        return {self.name: value, self.unit_field: unit_field}

    def schema_conditions(self, lang):
        """The allowed range depends on the chosen unit: one if/then per unit."""
        if not self.unit_field:
            return []
        conditions = []
        for unit in self.units:
            low, high = self.limits_in(unit)
            conditions.append(
                {
                    "if": {"properties": {self.unit_field: {"const": unit.code}}, "required": [self.unit_field]},
                    "then": {"properties": {self.name: {"minimum": _json_number(low), "maximum": _json_number(high)}}},
                }
            )
        return conditions


def parse_inputs(inputs, raw):
    """Parse all ``inputs`` from ``raw``; collect every field error before raising.

    Keys of ``raw`` that belong to no input are ignored (a form also posts its
    CSRF token); a missing required field is still reported.
    """
    if not isinstance(raw, Mapping):
        raise InputValidationError({NON_FIELD: NOT_A_MAPPING})
    values, errors = {}, {}
    for spec in inputs:
        try:
            values[spec.name] = spec.parse(raw)
        except InputValidationError as error:
            errors.update(error.errors)
    if errors:
        raise InputValidationError(errors)
    return values
