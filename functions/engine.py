"""The engine behind medlex's clinical functions (scores, criteria, checklists).

A function is a declarative, immutable definition: inputs (type, unit, range,
help text), the publication it comes from, the population it was derived in,
and either weighted items with interpretation bands (``ScoreDefinition``) or a
rule that applies published criteria (``RuleDefinition``). From the same
definition come the web form and API schema (``json_schema``), the
documentation (``describe``) and the evaluation (``evaluate``), so the three
cannot drift apart.

The engine is pure: no I/O, no logging, no state. Inputs are not stored and
appear in a ``Result`` only as far as the user needs to see how the result was
reached (for example "5.5 mg/dL = 55 mg/L").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from functions.inputs import parse_inputs
from functions.text import Text

KIND_LABELS = {
    "score": Text(de="Score", en="Score"),
    "criteria": Text(de="Diagnosekriterien", en="Diagnostic criteria"),
    "checklist": Text(de="Checkliste", en="Checklist"),
}


def _texts(texts, lang):
    return [text.get(lang) for text in texts]


@dataclass(frozen=True)
class Outcome:
    """A possible result of a function: a stable code plus what it means."""

    code: str
    label: Text
    explanation: Text

    def as_dict(self, lang):
        return {"code": self.code, "label": self.label.get(lang), "explanation": self.explanation.get(lang)}


@dataclass(frozen=True, kw_only=True)
class ItemResult:
    """One line of a result: a score item, a criterion or a checklist entry.

    ``met`` is None when the item is not decided yet (a biopsy result pending,
    an exclusion still open) or not needed. ``points`` are the points awarded
    (0 when not met), ``max_points`` the item's weight; both None outside scores.
    """

    key: str
    label: Text
    met: bool | None
    points: int | None = None
    max_points: int | None = None
    detail: Text | None = None
    group: Text | None = None
    tests: tuple = ()

    def as_dict(self, lang):
        return {
            "key": self.key,
            "label": self.label.get(lang),
            "met": self.met,
            "points": self.points,
            "max_points": self.max_points,
            "detail": self.detail.get(lang) if self.detail else None,
            "group": self.group.get(lang) if self.group else None,
            "tests": _texts(self.tests, lang),
        }


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """What a definition's scoring or rule produces from parsed values."""

    outcome: Outcome
    items: tuple
    total: int | None = None
    reasons: tuple = ()
    warnings: tuple = ()
    notes: tuple = ()


@dataclass(frozen=True, kw_only=True)
class Result:
    """The evaluated function, ready to render in either language."""

    slug: str
    version: str
    outcome: Outcome
    items: tuple
    total: int | None
    total_range: tuple | None
    reasons: tuple
    warnings: tuple
    notes: tuple

    def as_dict(self, lang):
        """Plain JSON-compatible data in one language, for the API and templates."""
        return {
            "slug": self.slug,
            "version": self.version,
            "total": self.total,
            "range": {"min": self.total_range[0], "max": self.total_range[1]} if self.total_range else None,
            "outcome": self.outcome.as_dict(lang),
            "reasons": _texts(self.reasons, lang),
            "items": [item.as_dict(lang) for item in self.items],
            "warnings": _texts(self.warnings, lang),
            "notes": _texts(self.notes, lang),
        }


@dataclass(frozen=True, kw_only=True)
class FunctionDefinition:
    """What every clinical function declares; subclasses add how it is assessed.

    ``limits`` are shown with the function (documentation, form page), ``notes``
    additionally with every result; ``verification`` says which parts have not
    yet been checked against the primary publication.
    """

    slug: str
    version: str
    kind: str
    title: Text
    summary: Text
    citations: tuple
    population: Text
    inputs: tuple
    limits: tuple = ()
    notes: tuple = ()
    verification: Text | None = None
    icd10_codes: tuple = ()  # the diagnoses the function applies to; articles with a matching code link to it

    def __post_init__(self):
        if self.kind not in KIND_LABELS:
            raise ValueError(f"{self.slug}: unknown kind {self.kind!r}")
        names = [name for spec in self.inputs for name in spec.field_names()]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.slug}: duplicate input field names")

    @property
    def total_range(self):
        return None

    def assess(self, values):
        raise NotImplementedError

    def evaluate(self, raw_inputs):
        """Parse, validate and assess ``raw_inputs``; raises InputValidationError listing every wrong field."""
        values = parse_inputs(self.inputs, raw_inputs)
        assessment = self.assess(values)
        return Result(
            slug=self.slug,
            version=self.version,
            outcome=assessment.outcome,
            items=assessment.items,
            total=assessment.total,
            total_range=self.total_range,
            reasons=assessment.reasons,
            warnings=assessment.warnings,
            notes=self.notes + assessment.notes,
        )

    def json_schema(self, lang):
        """JSON Schema (draft 2020-12) of the API request body, with texts in ``lang``."""
        properties, conditions = {}, []
        for spec in self.inputs:
            properties.update(spec.schema_properties(lang))
            conditions.extend(spec.schema_conditions(lang))
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.title.get(lang),
            "description": self.summary.get(lang),
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
        if conditions:
            schema["allOf"] = conditions
        return schema

    def describe(self, lang):
        """Everything needed to list and document the function, in ``lang``."""
        return {
            "slug": self.slug,
            "version": self.version,
            "kind": self.kind,
            "kind_label": KIND_LABELS[self.kind].get(lang),
            "title": self.title.get(lang),
            "summary": self.summary.get(lang),
            "citations": [citation.as_dict() for citation in self.citations],
            "population": self.population.get(lang),
            "limits": _texts(self.limits, lang),
            "notes": _texts(self.notes, lang),
            "verification": self.verification.get(lang) if self.verification else None,
            "icd10": list(self.icd10_codes),
            "inputs": [spec.describe(lang) for spec in self.inputs],
            "schema": self.json_schema(lang),
        }


@dataclass(frozen=True, kw_only=True)
class ScoreItem:
    """A weighted item: ``points`` when ``criterion(values)`` holds, else 0.

    ``measured_by`` names the quantity input the criterion reads, so the result
    can show the value and its conversion. ``odds_ratio`` is stored where the
    publication derived the points from a regression model.
    """

    key: str
    label: Text
    points: int
    criterion: Callable
    measured_by: str | None = None
    odds_ratio: Decimal | None = None

    def assess(self, values):
        met = bool(self.criterion(values))
        return ItemResult(
            key=self.key,
            label=self.label,
            met=met,
            points=self.points if met else 0,
            max_points=self.points,
            detail=values[self.measured_by].as_text() if self.measured_by else None,
        )


@dataclass(frozen=True)
class Band:
    """Interpretation of the totals ``low``..``high`` (inclusive)."""

    low: int
    high: int
    outcome: Outcome


def _no_warnings(values):
    return ()


@dataclass(frozen=True, kw_only=True)
class ScoreDefinition(FunctionDefinition):
    """A points score: the total is the sum of the points of the met items."""

    kind: str = "score"
    items: tuple
    bands: tuple
    warnings_for: Callable = field(default=_no_warnings)

    def __post_init__(self):
        super().__post_init__()
        if any(not isinstance(item.points, int) or item.points <= 0 for item in self.items):
            raise ValueError(f"{self.slug}: item points must be positive integers")
        low, high = self.total_range
        expected = low
        for band in self.bands:
            if band.low != expected or band.high < band.low:
                raise ValueError(f"{self.slug}: bands must cover {low}..{high} without gaps or overlaps")
            expected = band.high + 1
        if expected != high + 1:
            raise ValueError(f"{self.slug}: bands must cover {low}..{high} without gaps or overlaps")

    @property
    def total_range(self):
        return 0, sum(item.points for item in self.items)

    def band_for(self, total):
        return next(band for band in self.bands if band.low <= total <= band.high)

    def assess(self, values):
        items = tuple(item.assess(values) for item in self.items)
        total = sum(item.points for item in items)
        return Assessment(
            outcome=self.band_for(total).outcome,
            items=items,
            total=total,
            warnings=tuple(self.warnings_for(values)),
        )

    def describe(self, lang):
        return super().describe(lang) | {
            "range": {"min": self.total_range[0], "max": self.total_range[1]},
            "items": [
                {
                    "key": item.key,
                    "label": item.label.get(lang),
                    "points": item.points,
                    "odds_ratio": str(item.odds_ratio) if item.odds_ratio is not None else None,
                }
                for item in self.items
            ],
            "outcomes": [{"min": band.low, "max": band.high} | band.outcome.as_dict(lang) for band in self.bands],
        }


@dataclass(frozen=True, kw_only=True)
class RuleDefinition(FunctionDefinition):
    """Published criteria or a checklist, applied by ``rule(values) -> Assessment``.

    ``outcomes`` lists every outcome the rule can give, for documentation; the
    rule may return no other.
    """

    outcomes: tuple
    rule: Callable

    def assess(self, values):
        assessment = self.rule(values)
        if assessment.outcome not in self.outcomes:
            raise ValueError(f"{self.slug}: the rule returned the undeclared outcome {assessment.outcome.code!r}")
        return assessment

    def describe(self, lang):
        return super().describe(lang) | {"outcomes": [outcome.as_dict(lang) for outcome in self.outcomes]}
