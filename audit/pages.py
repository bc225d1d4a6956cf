"""Every page the audits look at, one line per page.

``paths``: the page's address in each language (the demo content's). ``reader``: who
looks at it. ``lighthouse``: whether Lighthouse rates it; the search page is left out,
as it is ``noindex`` by design and would miss the SEO target for that alone.

A path may name, in braces, what only the running demo site knows (its article's id, the
audit reader's note and unsubscribe link); ``audit_site.path(page, language)`` fills it in.
"""

from dataclasses import dataclass, field, replace

ANONYMOUS = "anonymous"
VERIFIED = "verified professional"


@dataclass(frozen=True)
class AuditPage:
    name: str
    paths: dict = field(hash=False)
    reader: str = ANONYMOUS
    lighthouse: bool = True


PAGES = [
    AuditPage("home", {"en": "/en/", "de": "/de/"}),
    AuditPage("article-anonymous", {"en": "/en/cno-syndrome/", "de": "/de/cno-syndrom/"}),
    AuditPage("article-verified", {"en": "/en/cno-syndrome/", "de": "/de/cno-syndrom/"}, VERIFIED),
    AuditPage("a-to-z", {"en": "/en/a-z/", "de": "/de/a-z/"}),
    AuditPage("icd10-index", {"en": "/en/icd10/", "de": "/de/icd10/"}),
    AuditPage("icd10-code", {"en": "/en/icd10/M86.9/", "de": "/de/icd10/M86.9/"}),
    AuditPage("function-list", {"en": "/en/functions/", "de": "/de/funktionen/"}),
    AuditPage(
        "function", {"en": "/en/functions/kostik-nbo-score/", "de": "/de/funktionen/kostik-nbo-score/"}, VERIFIED
    ),
    AuditPage("signup", {"en": "/en/accounts/signup/", "de": "/de/accounts/signup/"}),
    AuditPage("login", {"en": "/en/accounts/login/", "de": "/de/accounts/login/"}),
    AuditPage("profile", {"en": "/en/people/demo-author/", "de": "/de/personen/demo-author/"}),
    AuditPage("version-history", {"en": "/en/cno-syndrome/versions/", "de": "/de/cno-syndrom/versionen/"}),
    AuditPage("search", {"en": "/en/search/?q=osteomyelitis", "de": "/de/suche/?q=osteomyelitis"}, lighthouse=False),
]

# The specialties and the legal pages (every footer links them).
SPECIALTY_LEGAL_AND_ACCOUNT_PAGES = [
    AuditPage("specialties", {"en": "/en/specialties/", "de": "/de/fachgebiete/"}),
    AuditPage("specialty", {"en": "/en/specialties/rheumatology/", "de": "/de/fachgebiete/rheumatologie/"}),
    AuditPage("imprint", {"en": "/en/imprint/", "de": "/de/impressum/"}),
    # The other legal pages have the imprint's template: Lighthouse rates that one.
    AuditPage("privacy", {"en": "/en/privacy/", "de": "/de/datenschutz/"}, lighthouse=False),
    AuditPage("terms", {"en": "/en/terms/", "de": "/de/nutzungsbedingungen/"}, lighthouse=False),
    AuditPage("contact", {"en": "/en/contact/", "de": "/de/kontakt/"}, lighthouse=False),
]

# The reader's tools: bookmarks, notes, following, personal API tokens, citing, the offline
# page and the infobutton's list of several matches.
READER_TOOL_PAGES = [
    AuditPage("bookmarks", {"en": "/en/bookmarks/", "de": "/de/merkliste/"}, VERIFIED),
    AuditPage("offline", {"en": "/en/bookmarks/offline/", "de": "/de/merkliste/offline/"}),
    AuditPage("notes", {"en": "/en/notes/", "de": "/de/notizen/"}, VERIFIED),
    AuditPage(
        "new-note",
        {"en": "/en/notes/new/?article={article_en}", "de": "/de/notizen/neu/?article={article_de}"},
        VERIFIED,
    ),
    AuditPage("edit-note", {"en": "/en/notes/{note}/", "de": "/de/notizen/{note}/"}, VERIFIED),
    AuditPage("following", {"en": "/en/following/", "de": "/de/folgen/"}, VERIFIED),
    AuditPage(
        "unsubscribe",
        {"en": "/en/following/unsubscribe/{unsubscribe}/", "de": "/de/folgen/abmelden/{unsubscribe}/"},
    ),
    AuditPage("api-tokens", {"en": "/en/accounts/tokens/", "de": "/de/accounts/tokens/"}, VERIFIED),
    AuditPage("cite", {"en": "/en/cno-syndrome/cite/", "de": "/de/cno-syndrom/zitieren/"}, VERIFIED),
    AuditPage(
        "infobutton-matches",
        {
            language: "/infobutton?mainSearchCriteria.v.c=M86&mainSearchCriteria.v.cs=2.16.840.1.113883.6.3"
            f"&informationRecipient.languageCode.c={language}&knowledgeResponseType=text/html"
            for language in ("en", "de")
        },
    ),
]

# Lighthouse (two runs a page: desktop and phone, in turns of language) rates the pages above;
# for the reader's tools, whose accessibility axe-core rates on desktop and phone, its runs
# would cost the test suite several minutes for the best-practices score alone.
# (Several of them are ``noindex`` by design, which the SEO target would also count against.)
READER_TOOL_PAGES = [replace(page, lighthouse=False) for page in READER_TOOL_PAGES]

ALL_PAGES = PAGES + SPECIALTY_LEGAL_AND_ACCOUNT_PAGES + READER_TOOL_PAGES
