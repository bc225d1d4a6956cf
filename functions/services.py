"""What the pages and the API do with a definition: evaluate, build the form, find the tools of an article.

Nothing here stores or logs what a user entered: values live only in the
request that carries them and in the response that shows them back.
"""

from functions import registry
from functions.inputs import NON_FIELD, BooleanInput, ChoiceInput, InputValidationError, QuantityInput
from functions.text import Text
from icd10.codes import matches

YES_NO = (("yes", Text(de="Ja", en="Yes")), ("no", Text(de="Nein", en="No")))


def evaluate(definition, raw, lang):
    """``(result_dict, None)`` or ``(None, {field: message})`` for ``raw`` form or JSON values."""
    try:
        return definition.evaluate(raw).as_dict(lang), None
    except InputValidationError as error:
        return None, error.messages(lang)


def error_details(errors):
    """The API's ``details``: one entry per wrong field, in a stable order."""
    return [{"field": field, "message": message} for field, message in sorted(errors.items())]


def _typed(raw, name):
    """What the user typed, as text to put back into the form (JSON booleans become yes/no)."""
    value = raw.get(name, "")
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "" if value is None else str(value)


def form_fields(definition, lang, raw=None, errors=None):
    """One entry per input, ready for the template: texts in ``lang``, typed values and errors kept.

    A unit is never preselected: the user picks it, as the engine never guesses one.
    Every input is a fieldset: a quantity groups its number with its unit, a
    yes/no or choice question groups its radio buttons under the question.
    """
    raw, errors = raw or {}, errors or {}
    fields = []
    for spec in definition.inputs:
        field = {
            "name": spec.name,
            "type": spec.type,
            "label": spec.label.get(lang),
            "help": spec.help.get(lang),
            "value": _typed(raw, spec.name),
            "errors": [errors[name] for name in spec.field_names() if name in errors],
        }
        if isinstance(spec, QuantityInput):
            chosen = _typed(raw, spec.unit_field) if spec.unit_field else spec.units[0].code
            field |= {
                "unit_field": spec.unit_field,
                "units": [
                    {"code": unit.code, "label": unit.label.get(lang), "selected": unit.code == chosen}
                    for unit in spec.units
                ],
                "unit_chosen": any(unit.code == chosen for unit in spec.units),
                "single_unit": spec.units[0].label.get(lang),
            }
        elif isinstance(spec, BooleanInput):
            field["choices"] = [{"code": code, "label": label.get(lang)} for code, label in YES_NO]
        elif isinstance(spec, ChoiceInput):
            field["choices"] = [{"code": choice.code, "label": choice.label.get(lang)} for choice in spec.choices]
        fields.append(field)
    return fields


def top_errors(definition, lang, errors):
    """The error summary above the form: each wrong field's label with its message, linked to the field."""
    labels = {}
    for spec in definition.inputs:
        for name in spec.field_names():
            labels[name] = spec.label.get(lang)
    return [
        {"field": name, "label": labels.get(name, ""), "message": message}
        for name, message in errors.items()
        if name != NON_FIELD
    ] + [{"field": "", "label": "", "message": message} for name, message in errors.items() if name == NON_FIELD]


def tools_for_codes(article_codes):
    """The functions that apply to an article with these ICD-10 codes (pure: no database access)."""
    return [
        definition
        for definition in registry.all_functions()
        if any(matches(article_code, code) for code in definition.icd10_codes for article_code in article_codes)
    ]
