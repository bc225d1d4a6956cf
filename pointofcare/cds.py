"""CDS Hooks 2.0: a ``patient-view`` service that answers with cards for the patient's active problems.

The EHR sends the patient's active Condition resources as prefetch (the
template in ``SERVICE``). Each Condition's ICD-10 coding is matched like an
infobutton code (pointofcare.matching); a Condition without one, or whose code
leads to nothing, is searched by its name. The answer has one card per matching
article (title, codes, public teaser, link) and one per clinical function that
applies to those problems or their articles, both as absolute links. Cards carry
only what every reader may see; the links lead to the site, which asks for
professional access where it always does.

medlex never calls the EHR's FHIR server: without prefetch the service answers
412 Precondition Failed, as the spec provides for a service that cannot obtain
its data. The work per call is bounded: at most ``MAX_CONDITIONS`` Conditions
are read (more are refused before any parsing), the first ``MAX_CODE_LOOKUPS``
distinct codes are looked up in one index lookup and their articles read in
one more query, and at most ``MAX_NAME_SEARCHES`` names are searched (only while
the cards have room for more articles).
"""

import json
import uuid

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from functions.services import tools_for_codes
from pointofcare import codesystems, matching

SERVICE_ID = "medlex-patient-view"
HOOK = "patient-view"
PREFETCH_KEY = "conditions"
SERVICE = {
    "hook": HOOK,
    "id": SERVICE_ID,
    "title": "medlex",
    "description": (
        "Articles and clinical tools of the medlex reference for the patient's active problems, "
        "matched by their ICD-10 codes (WHO, ICD-10-GM, ICD-10-CM)."
    ),
    "prefetch": {PREFETCH_KEY: "Condition?patient={{context.patientId}}&clinical-status=active"},
}
MAX_BODY = 1024 * 1024
MAX_CONDITIONS = 200
MAX_CODE_LOOKUPS = 50  # distinct codes looked up per call; a problem list rarely has more
MAX_NAME_SEARCHES = 10
SUMMARY_LENGTH = 140  # the spec's limit for a card's summary
INACTIVE = {"inactive", "remission", "resolved"}
NOT_A_DIAGNOSIS = {"entered-in-error", "refuted"}


class CallError(ValueError):
    """A call that cannot be answered: ``status`` (400, 412, 413) and a message for the EHR's developer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def _fhir_errors(error):
    return "; ".join(f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in error.errors()[:5])


def parse_call(body):
    """``(patient id, [Condition])`` from a hook call's body; CallError for anything the spec does not allow."""
    if len(body) > MAX_BODY:
        raise CallError(_("The request is too large (at most %(limit)d bytes).") % {"limit": MAX_BODY}, status=413)
    try:
        call = json.loads(body)
    except ValueError:
        raise CallError(_("The request body is not JSON.")) from None
    if not isinstance(call, dict):
        raise CallError(_("The request body must be a JSON object."))
    if call.get("hook") != HOOK:
        raise CallError(_("This service answers the hook %(hook)s only.") % {"hook": HOOK})
    if not isinstance(call.get("hookInstance"), str) or not call["hookInstance"]:
        raise CallError(_("hookInstance is missing."))
    context = call.get("context")
    if not isinstance(context, dict) or not all(isinstance(context.get(k), str) for k in ("userId", "patientId")):
        raise CallError(_("context must name the userId and the patientId."))
    prefetch = call.get("prefetch")
    bundle = prefetch.get(PREFETCH_KEY) if isinstance(prefetch, dict) else None
    # null, or (CDS Hooks 2.0) an OperationOutcome: the EHR could not fetch the data
    if bundle is None or (isinstance(bundle, dict) and bundle.get("resourceType") == "OperationOutcome"):
        raise CallError(
            _(
                "Send the patient's active conditions as prefetch “%(key)s”; this service does not query your FHIR server."
            )
            % {"key": PREFETCH_KEY},
            status=412,
        )
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise CallError(_("prefetch “%(key)s” must be a FHIR Bundle.") % {"key": PREFETCH_KEY})
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        raise CallError(_("The Bundle's entry must be a list."))
    if len(entries) > MAX_CONDITIONS:
        raise CallError(
            _("The Bundle holds %(count)d entries; this service reads at most %(limit)d active conditions.")
            % {"count": len(entries), "limit": MAX_CONDITIONS}
        )
    try:
        parsed = Bundle.model_validate(bundle)
    except ValidationError as error:
        raise CallError(_("The Bundle is not valid FHIR R4: %(errors)s") % {"errors": _fhir_errors(error)}) from None
    conditions = [
        entry.resource
        for entry in parsed.entry or []
        if entry.resource is not None and entry.resource.get_resource_type() == "Condition"
    ]
    return context["patientId"], conditions


def _status(concept):
    return {coding.code for coding in (concept.coding or []) if coding.code} if concept else set()


def problems(patient_id, conditions):
    """``(codes, names)``: the ICD-10 codes and the names (without a usable code) of the patient's active problems."""
    codes, names = [], []
    for condition in conditions:
        reference = condition.subject.reference if condition.subject else None
        if reference and reference not in (f"Patient/{patient_id}", patient_id):
            continue  # another patient's condition has no place on this patient's chart
        if _status(condition.clinicalStatus) & INACTIVE or _status(condition.verificationStatus) & NOT_A_DIAGNOSIS:
            continue
        concept = condition.code
        if concept is None:
            continue
        found = [  # a code already on the list has been read once (problem lists repeat codes)
            coding.code
            for coding in concept.coding or []
            if coding.code
            and codesystems.system_name(coding.system)
            and (coding.code in codes or matching.code_candidates(coding.code))
        ]
        if found:
            codes += [code for code in found if code not in codes]
            continue
        name = concept.text or next((c.display for c in concept.coding or [] if c.display), None)
        if name and name not in names:
            names.append(name)
    return codes, names


def _card(summary, detail, label, url, source):
    return {
        "uuid": str(uuid.uuid4()),
        "summary": Truncator(summary).chars(SUMMARY_LENGTH),
        "detail": detail,
        "indicator": "info",
        "source": source,
        "links": [{"label": label, "url": url, "type": "absolute"}],
    }


def cards(codes, names, lang, hidden, absolute, function_url):
    """The cards for these problems: articles first, then clinical functions, each once."""
    source = {"label": "medlex", "url": absolute("/")}
    who_codes, entries = matching.articles_for_problems(
        codes[:MAX_CODE_LOOKUPS], names[:MAX_NAME_SEARCHES], lang, hidden
    )
    result = []
    for entry in entries:
        detail = "ICD-10: " + ", ".join(entry.codes) + (f"\n\n{entry.teaser}" if entry.teaser else "")
        result.append(_card(entry.title, detail, _("Read the article"), absolute(entry.url), source))
    article_codes = [code for entry in entries for code in entry.codes]
    for definition in tools_for_codes(who_codes + article_codes):
        detail = definition.summary.get(lang) + "\n\nICD-10: " + ", ".join(definition.icd10_codes)
        result.append(
            _card(
                definition.title.get(lang), detail, _("Open the tool"), absolute(function_url(definition.slug)), source
            )
        )
    return result
