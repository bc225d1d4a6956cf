"""HL7 Infobutton: the knowledge request (URL-based implementation guide, Release 4) and its response.

The request names one or more problems (``mainSearchCriteria.v.c`` with its code
system ``.cs``, a display name ``.dn``, free text ``.ot``; further problems with a
number after the name: ``mainSearchCriteria.v.c1``, ``.cs1``, ...), the
recipient's language (``informationRecipient.languageCode.c``) and the response
type (``knowledgeResponseType``). Every other parameter of the guide (task,
patient, performer, encounter) is accepted and does not change the answer: the
articles are the same for every patient.

The response follows the SOA implementation guide: an Atom feed, or its JSON form
(every element an object, its text under ``_value``, attributes as keys), built
from one structure so the two never differ. Each entry is an article: title,
link, ICD-10 codes (Atom categories), language and public teaser.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC
from xml.etree import ElementTree

from django.utils import timezone
from django.utils.translation import gettext as _

from icd10.codes import MAX_INPUT_LENGTH
from pointofcare import codesystems

HTML, ATOM, JSON = "text/html", "application/atom+xml", "application/json"
RESPONSE_TYPES = (HTML, ATOM, JSON)
DEFAULT_RESPONSE_TYPE = ATOM
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "en"
MAX_CRITERIA = 10
MAX_TEXT = 200  # a display name or free text; as long as a search query may be
MAX_QUERY_STRING = 8192  # the whole request line; far above any real request

_CRITERION = re.compile(r"mainSearchCriteria\.v\.(c|cs|dn|ot)(\d{0,3})")
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class RequestError(ValueError):
    """A knowledge request that cannot be answered; ``message`` says why, for the EHR's developer."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Criterion:
    code: str = ""
    system: str = ""
    display: str = ""
    text: str = ""

    def describe(self):
        return self.code or self.display or self.text


@dataclass
class KnowledgeRequest:
    criteria: list
    lang: str = DEFAULT_LANGUAGE
    response_type: str = DEFAULT_RESPONSE_TYPE
    results: list = field(default_factory=list)  # Entry objects, filled by the view


def response_type(params):
    """The asked response type (checked first, so even an error can answer in it); RequestError if unknown."""
    value = params.get("knowledgeResponseType", "").strip().lower()
    if not value:
        return DEFAULT_RESPONSE_TYPE
    if value not in RESPONSE_TYPES:
        raise RequestError(
            _("knowledgeResponseType “%(value)s” is not offered. Use one of: %(types)s.")
            % {"value": value[:100], "types": ", ".join(RESPONSE_TYPES)}
        )
    return value


def language(params):
    """``de`` or ``en`` from ``informationRecipient.languageCode.c`` ("de-DE" counts as de); English otherwise."""
    value = params.get("informationRecipient.languageCode.c", "").strip().lower()
    base = value.replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def _single(params, name):
    values = params.getlist(name)
    if len(values) > 1:
        raise RequestError(
            _("%(name)s is given more than once; number further problems instead (%(name)s1).") % {"name": name}
        )
    return " ".join(values[0].split()) if values else ""


def parse(params, query_string=""):
    """The knowledge request in ``params`` (a QueryDict); RequestError with a message for a malformed one."""
    if len(query_string) > MAX_QUERY_STRING:
        raise RequestError(_("The request is too long (at most %(limit)d characters).") % {"limit": MAX_QUERY_STRING})
    kind = response_type(params)
    criteria = {}
    for name in params:
        match = _CRITERION.fullmatch(name)
        if not match:
            continue
        part, number = match.groups()
        if number and int(number) > MAX_CRITERIA:
            raise RequestError(_("At most %(limit)d problems can be asked at once.") % {"limit": MAX_CRITERIA})
        value = _single(params, name)
        limit = MAX_INPUT_LENGTH if part == "c" else MAX_TEXT
        if len(value) > limit:
            raise RequestError(
                _("%(name)s is too long (at most %(limit)d characters).") % {"name": name, "limit": limit}
            )
        criterion = criteria.setdefault(number, Criterion())
        setattr(criterion, {"c": "code", "cs": "system", "dn": "display", "ot": "text"}[part], value)
    kept = []
    for number in sorted(criteria, key=lambda n: int(n or 0)):
        criterion = criteria[number]
        suffix = f"mainSearchCriteria.v.cs{number}"
        if criterion.code and not criterion.system:
            raise RequestError(
                _("%(name)s is missing: say which code system the code %(code)s is from.")
                % {"name": suffix, "code": criterion.code}
            )
        if criterion.system and codesystems.system_name(criterion.system) is None:
            raise RequestError(
                _("The code system %(system)s is not supported. Codes are read from ICD-10: %(known)s.")
                % {"system": criterion.system[:100], "known": ", ".join(codesystems.oids())}
            )
        if criterion.describe():
            kept.append(criterion)
    if not kept:
        raise RequestError(
            _(
                "Name a problem: mainSearchCriteria.v.c with mainSearchCriteria.v.cs, "
                "or mainSearchCriteria.v.dn or mainSearchCriteria.v.ot."
            )
        )
    return KnowledgeRequest(criteria=kept, lang=language(params), response_type=kind)


# --- the knowledge response ------------------------------------------------------


def _text(value, kind=None):
    node = {"_value": value}
    if kind:
        node["type"] = kind
    return node


def _stamp(moment):
    return (moment or timezone.now()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(request, absolute):
    """The knowledge response as the SOA guide's JSON form; ``absolute(path)`` makes a link absolute."""
    categories = []
    for number, criterion in enumerate(request.criteria):
        suffix = str(number) if number else ""
        for name, value in (("c", criterion.code), ("cs", criterion.system), ("dn", criterion.display)):
            if value:
                categories.append({"scheme": f"mainSearchCriteria.v.{name}{suffix}", "term": value})
    categories.append({"scheme": "informationRecipient.languageCode.c", "term": request.lang})
    entries = []
    for entry in request.results:
        url = absolute(entry.url)
        entries.append(
            {
                "lang": entry.lang,
                "title": _text(entry.title, "text"),
                "link": [{"href": url, "rel": "alternate", "type": HTML, "hreflang": entry.lang, "title": entry.title}],
                "id": _text(url),
                "updated": _text(_stamp(entry.updated)),
                "category": [{"scheme": codesystems.WHO_ICD10, "term": code} for code in entry.codes],
                "summary": _text(entry.teaser, "text"),
            }
        )
    return {
        "feed": {
            "lang": request.lang,
            "base": absolute("/"),
            "title": _text("medlex", "text"),
            "subtitle": _text(
                _("Articles for %(problems)s") % {"problems": ", ".join(c.describe() for c in request.criteria)}, "text"
            ),
            "author": {"name": _text("medlex"), "uri": _text(absolute("/"))},
            "updated": _text(_stamp(None)),
            "id": _text(f"urn:uuid:{uuid.uuid4()}"),
            "category": categories,
            "entry": entries,
        }
    }


def _element(parent, name, node):
    element = ElementTree.SubElement(parent, f"{{{ATOM_NS}}}{name}")
    _fill(element, node)


def _fill(element, node):
    for key, value in node.items():
        if key == "_value":
            element.text = value
        elif key in ("lang", "base"):
            element.set(f"{{{XML_NS}}}{key}", value)
        elif isinstance(value, dict):
            _element(element, key, value)
        elif isinstance(value, list):
            for item in value:
                _element(element, key, item)
        else:
            element.set(key, value)


def atom(document):
    """The Atom XML of ``feed()``'s structure (bytes, UTF-8)."""
    ElementTree.register_namespace("", ATOM_NS)
    root = ElementTree.Element(f"{{{ATOM_NS}}}feed")
    _fill(root, document["feed"])
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
