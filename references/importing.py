"""Import of reference files: RIS, BibTeX, PubMed MEDLINE (.nbib) and CSL-JSON.

``read`` turns an uploaded file into entries (the fields of ``Reference``), ``check``
validates every field of every entry and finds duplicates (against the library and
within the file), and ``create`` makes the records. Nothing is written before
``create``; a file with any problem creates nothing.

RIS is parsed by rispy, BibTeX by bibtexparser, CSL-JSON by the json module with the
field names of the CSL schema. MEDLINE has a small parser of its own here
(``parse_medline``), following NLM's description of the tags: each line is a tag of up
to four characters padded to four, "- " and the value; continuation lines are
indented by six spaces; records are separated by blank lines. (The ``nbib`` package
was not adopted: its last release, 0.3.2, dates from March 2021, and the tags needed
here take a few lines.)
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser import middlewares
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from references import identifiers
from references.models import Reference

MAX_FILE_BYTES = 1_000_000
MAX_ENTRIES = 500
FIELDS = (
    "kind",
    "authors",
    "et_al",
    "title",
    "container",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
)
FORMATS = {
    ".ris": "ris",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".nbib": "medline",
    ".medline": "medline",
    ".json": "csl-json",
}
FORMAT_NAMES = {
    "ris": gettext_lazy("RIS"),
    "bibtex": gettext_lazy("BibTeX"),
    "medline": gettext_lazy("PubMed MEDLINE"),
    "csl-json": gettext_lazy("CSL-JSON"),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in plain words."""


def format_of(filename):
    name = filename.lower()
    for suffix, kind in FORMATS.items():
        if name.endswith(suffix):
            return kind
    raise ImportFileError(
        _(
            "medlex cannot tell the format of %(name)s. Upload a file ending in .ris (RIS), .bib (BibTeX), .nbib (PubMed MEDLINE) or .json (CSL-JSON)."
        )
        % {"name": filename}
    )


def decode(data):
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d kB. Split it into smaller files.") % {"size": MAX_FILE_BYTES // 1000}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is not UTF-8 text. Export it again with the encoding UTF-8 (Unicode).")
        ) from None
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    return text


def read(filename, data):
    """The entries of an uploaded file, each a dict of Reference fields (values as the file has them)."""
    kind = format_of(filename)
    text = decode(data)
    entries = PARSERS[kind](text)
    if not entries:
        raise ImportFileError(
            _("The file contains no references in the %(format)s format.") % {"format": FORMAT_NAMES[kind]}
        )
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(
            _("The file contains %(count)d references; at most %(max)d can be imported at once. Split it.")
            % {"count": len(entries), "max": MAX_ENTRIES}
        )
    return entries


# ---------------------------------------------------------------------------
# Names, pages and years as the formats write them
# ---------------------------------------------------------------------------


def initials(given):
    """ "Arturo" -> "A", "Sara M." -> "SM", "Jean-Pierre" -> "J"."""
    return "".join(part[0] for part in re.split(r"[\s.]+", given) if part and part[0].isalpha()).upper()


def vancouver_name(family, given=""):
    family = " ".join(family.split())
    return f"{family} {initials(given)}".strip() if given else family


def name_from_text(text):
    """ "Borzutzky, Arturo" or "Borzutzky, A." -> "Borzutzky A"; "Borzutzky A" stays."""
    text = " ".join(text.split())
    if "," in text:
        family, given = text.split(",", 1)
        return vancouver_name(family, given)
    return text


def pages_text(start, end=""):
    start, end = (start or "").strip(), (end or "").strip()
    return f"{start}-{end}" if start and end and end != start else start


def year_of(text):
    match = re.search(r"\b(\d{4})\b", str(text or ""))
    return match.group(1) if match else str(text or "").strip()


def entry(**values):
    values = {name: values.get(name, "") for name in FIELDS}
    values["et_al"] = bool(values["et_al"])
    return values


# ---------------------------------------------------------------------------
# The formats
# ---------------------------------------------------------------------------

RIS_KINDS = {"JOUR": "article", "JFULL": "article", "EJOUR": "article", "BOOK": "book", "CHAP": "chapter"}


def parse_ris(text):
    try:
        records = rispy.loads(text)
    except (OSError, ValueError) as error:
        raise ImportFileError(_("This is not a readable RIS file: %(error)s") % {"error": error}) from None
    # rispy leaves out an entry that is not closed by "ER  -"; an editor must hear about it.
    started = len(re.findall(r"^TY  - ", text, flags=re.MULTILINE))
    if started != len(records):
        raise ImportFileError(
            _(
                "The RIS file has %(started)d entries starting with TY but %(complete)d complete ones: each entry must end with a line ER  - ."
            )
            % {"started": started, "complete": len(records)}
        )
    entries = []
    for record in records:
        kind = record.get("type_of_reference", "")
        authors = record.get("authors", []) + record.get("first_authors", [])
        accession = record.get("accession_number", "")
        entries.append(
            entry(
                kind=RIS_KINDS.get(kind, kind),
                authors=[name_from_text(name) for name in authors],
                title=record.get("title") or record.get("primary_title", ""),
                # The abbreviated journal name (J2, JA, JO) before the full one (T2, JF).
                container=record.get("alternate_title1")
                or record.get("alternate_title2")
                or record.get("journal_name")
                or record.get("secondary_title")
                or record.get("alternate_title3", ""),
                year=year_of(record.get("year") or record.get("publication_year") or record.get("date", "")),
                volume=record.get("volume", ""),
                issue=record.get("number", ""),
                pages=pages_text(record.get("start_page", ""), record.get("end_page", "")),
                doi=record.get("doi", ""),
                # PubMed's RIS writes the PMID as the accession number (AN).
                pmid=accession if accession.isdigit() else "",
                pmcid=record.get("custom2", "") if record.get("custom2", "").upper().startswith("PMC") else "",
                url=(record.get("urls") or [""])[0],
            )
        )
    return entries


BIBTEX_KINDS = {"article": "article", "book": "book", "incollection": "chapter", "inbook": "chapter"}


def unbraced(text):
    """BibTeX's protecting braces ({CNO}, {World Health Organization}) are not part of the text."""
    return str(text).replace("{", "").replace("}", "")


def bibtex_name(parts):
    family = " ".join(parts.von + parts.last)
    return unbraced(vancouver_name(family, " ".join(parts.first)))


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            # Accents decoded first; braced groups kept, so that a corporate
            # author in braces stays one name.
            middlewares.LatexDecodingMiddleware(keep_braced_groups=True),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ImportFileError(
            _("The BibTeX file cannot be read from line %(line)d on: an entry is not complete or not closed.")
            % {"line": block.start_line + 1}
        )
    entries = []
    for record in library.entries:
        values = {
            name.lower(): unbraced(f.value) if isinstance(f.value, str) else f.value
            for name, f in record.fields_dict.items()
        }
        authors = values.get("author") or []
        names = [bibtex_name(parts) for parts in authors] if isinstance(authors, list) else [authors]
        entries.append(
            entry(
                kind=BIBTEX_KINDS.get(record.entry_type.lower(), record.entry_type),
                # "and others" is BibTeX's "et al".
                authors=[name for name in names if name != "others"],
                et_al="others" in names,
                title=values.get("title", ""),
                container=values.get("journal") or values.get("booktitle") or values.get("publisher", ""),
                year=values.get("year", ""),
                volume=values.get("volume", ""),
                issue=values.get("number", ""),
                pages=values.get("pages", "").replace("–", "-").replace("--", "-"),
                doi=values.get("doi", ""),
                pmid=values.get("pmid", ""),
                pmcid=values.get("pmcid", ""),
                url=values.get("url", ""),
            )
        )
    return entries


MEDLINE_LINE_RE = re.compile(r"^([A-Z][A-Z0-9]{0,3}) *- (.*)$")
MEDLINE_GUIDELINE_TYPES = {"guideline", "practice guideline"}


def medline_records(text):
    """Each record as a list of (tag, value), continuation lines joined."""
    records, current = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if current:
                records.append(current)
                current = []
            continue
        if line.startswith("      ") and current:
            tag, value = current[-1]
            current[-1] = (tag, f"{value} {line.strip()}")
            continue
        match = MEDLINE_LINE_RE.match(line)
        if not match:
            raise ImportFileError(
                _(
                    "Line %(line)d is not in the PubMed MEDLINE format (a tag such as TI, a hyphen and the value): %(text)s"
                )
                % {"line": number, "text": line[:80]}
            )
        current.append((match.group(1), match.group(2).strip()))
    if current:
        records.append(current)
    return records


def parse_medline(text):
    entries = []
    for record in medline_records(text):
        tags = {}
        for tag, value in record:
            tags.setdefault(tag, []).append(value)

        def first(tag, tags=tags):
            return tags.get(tag, [""])[0]

        ids = {}
        for value in tags.get("AID", []) + tags.get("LID", []):
            match = re.match(r"^(\S+) \[(\w+)\]$", value)
            if match:
                ids.setdefault(match.group(2), match.group(1))
        types = {value.lower() for value in tags.get("PT", [])}
        kind = "guideline" if types & MEDLINE_GUIDELINE_TYPES else "article"
        if "BTI" in tags:
            kind = "chapter" if "TI" in tags else "book"
        entries.append(
            entry(
                kind=kind,
                authors=tags.get("AU", []),
                # MEDLINE ends every title with a full stop; the record keeps the title itself.
                title=(first("TI") or first("BTI")).removesuffix("."),
                container=first("TA") or first("JT") or first("BTI"),
                year=year_of(first("DP")),
                volume=first("VI"),
                issue=first("IP"),
                pages=first("PG"),
                doi=ids.get("doi", ""),
                pmid=first("PMID"),
                pmcid=first("PMC"),
            )
        )
    return entries


CSL_KINDS = {"article-journal": "article", "article": "article", "book": "book", "chapter": "chapter"}


def csl_name(name):
    if not isinstance(name, dict):
        return str(name)
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name.get(part, "")) for part in ("non-dropping-particle", "family") if name.get(part))
    return vancouver_name(family, str(name.get("given", "")))


def csl_year(item):
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        return year_of(issued.get("raw") or issued.get("literal", ""))
    return ""


def parse_csl_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("This is not valid JSON (line %(line)d, column %(column)d): %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportFileError(_("A CSL-JSON file is a list of references, each an object with fields such as title."))
    entries = []
    for item in data:
        authors = item.get("author") or []
        entries.append(
            entry(
                kind=CSL_KINDS.get(item.get("type", ""), item.get("type", "")),
                authors=[csl_name(name) for name in authors] if isinstance(authors, list) else [str(authors)],
                title=str(item.get("title", "")),
                container=str(item.get("container-title-short") or item.get("container-title", "")),
                year=csl_year(item),
                volume=str(item.get("volume", "")),
                issue=str(item.get("issue", "")),
                pages=str(item.get("page", "")).replace("–", "-"),
                doi=str(item.get("DOI", "")),
                pmid=str(item.get("PMID", "")),
                pmcid=str(item.get("PMCID", "")),
                url=str(item.get("URL", "")),
            )
        )
    return entries


PARSERS = {"ris": parse_ris, "bibtex": parse_bibtex, "medline": parse_medline, "csl-json": parse_csl_json}


# ---------------------------------------------------------------------------
# Validation and duplicates
# ---------------------------------------------------------------------------


@dataclass
class Checked:
    number: int
    values: dict
    problems: list = field(default_factory=list)
    duplicate_of: str = ""  # what it duplicates, in words; duplicates are not created

    @property
    def reference(self):
        return Reference(**self.values)

    @property
    def will_be_created(self):
        return not self.problems and not self.duplicate_of


def normalised_title(title):
    text = unicodedata.normalize("NFKD", title).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", "".join(c for c in text if not unicodedata.combining(c))).split())


def first_author_key(authors):
    first = authors[0] if authors else ""
    return normalised_title(first.split(" ")[0]) if first else ""


def duplicate_keys(values):
    keys = []
    if values["doi"]:
        keys.append(("doi", values["doi"].lower()))
    if values["pmid"]:
        keys.append(("pmid", values["pmid"]))
    if values["title"]:
        author_list = values["authors"]
        if isinstance(author_list, str):
            author_list = [line for line in author_list.splitlines() if line.strip()]
        keys.append(("title", normalised_title(values["title"]), str(values["year"]), first_author_key(author_list)))
    return keys


KEY_WORDS = {
    "doi": gettext_lazy("same DOI"),
    "pmid": gettext_lazy("same PMID"),
    "title": gettext_lazy("same title, year and first author"),
}


def clean_values(raw):
    """The entry's values in the record's form; problems with the values themselves."""
    values = dict(raw)
    problems = []
    values["doi"] = identifiers.clean_doi(values["doi"])
    values["pmid"] = identifiers.clean_pmid(values["pmid"])
    values["pmcid"] = identifiers.clean_pmcid(values["pmcid"])
    for name in ("title", "container", "volume", "issue", "pages", "url"):
        values[name] = " ".join(str(values[name] or "").split())
    if values["kind"] not in Reference.Kind.values:
        problems.append(
            _(
                "The kind of publication “%(kind)s” cannot be imported. medlex keeps journal articles, guidelines, books and book chapters."
            )
            % {"kind": values["kind"] or _("none")}
        )
        values["kind"] = Reference.Kind.ARTICLE
    authors = [" ".join(str(name).split()) for name in values["authors"] if str(name).strip()]
    values["authors"] = "\n".join(authors)
    year = str(values["year"] or "").strip()
    if not year:
        problems.append(_("The year of publication is missing."))
        values["year"] = None
    elif not year.isdigit() or not 1800 <= int(year) <= timezone.now().year + 1:
        problems.append(_("“%(year)s” is not a year of publication.") % {"year": year})
        values["year"] = None
    else:
        values["year"] = int(year)
    if not authors and values["kind"] != Reference.Kind.GUIDELINE:
        problems.append(_("The authors are missing."))
    if values["kind"] in (Reference.Kind.ARTICLE, Reference.Kind.CHAPTER) and not values["container"]:
        problems.append(_("The journal or book it appeared in is missing."))
    return values, problems


def field_problems(values):
    """Every model validation of the record (lengths, identifier syntax, URL), in words per field."""
    try:
        Reference(**values).full_clean(exclude=["year"] if values["year"] is None else [])
    except ValidationError as error:
        return [
            f"{Reference._meta.get_field(name).verbose_name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def check(entries):
    """Each entry validated, and marked if it duplicates a record or an earlier entry."""
    checked = []
    for number, raw in enumerate(entries, start=1):
        values, problems = clean_values(raw)
        problems += field_problems(values)
        checked.append(Checked(number, values, problems))
    mark_duplicates(checked)
    return checked


def mark_duplicates(checked):
    """Same DOI (in any case), same PMID, or the same normalised title, year and first author."""
    query = Q(pmid__in=[item.values["pmid"] for item in checked if item.values["pmid"]])
    query |= Q(year__in={item.values["year"] for item in checked if item.values["year"]})
    for doi in {item.values["doi"].lower() for item in checked if item.values["doi"]}:
        query |= Q(doi__iexact=doi)
    existing = {}
    for record in Reference.objects.filter(query):
        values = {name: getattr(record, name) for name in ("doi", "pmid", "title", "year", "authors")}
        for key in duplicate_keys(values):
            existing.setdefault(key, record)
    seen = {}
    for item in checked:
        for key in duplicate_keys(item.values):
            if key in existing:
                item.duplicate_of = _("Already in the library (%(why)s): %(reference)s") % {
                    "why": KEY_WORDS[key[0]],
                    "reference": existing[key],
                }
                break
            if key in seen:
                item.duplicate_of = _("The same as entry %(number)d in this file (%(why)s).") % {
                    "number": seen[key],
                    "why": KEY_WORDS[key[0]],
                }
                break
        for key in duplicate_keys(item.values):
            seen.setdefault(key, item.number)


def create(checked):
    """Create the records of a file without problems; duplicates are skipped. Returns the new records."""
    if any(item.problems for item in checked):
        raise ValueError("a file with problems creates nothing")
    with transaction.atomic():
        return [Reference.objects.create(**item.values) for item in checked if item.will_be_created]
