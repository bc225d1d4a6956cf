"""Every page the audits look at, one line per page.

``paths``: the page's address in each language (the demo content's). ``reader``: who
looks at it. ``lighthouse``: whether Lighthouse rates it; the search page is left out,
as it is ``noindex`` by design and would miss the SEO target for that alone.
"""

from dataclasses import dataclass, field

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
    AuditPage("privacy", {"en": "/en/privacy/", "de": "/de/datenschutz/"}),
    AuditPage("terms", {"en": "/en/terms/", "de": "/de/nutzungsbedingungen/"}),
    AuditPage("contact", {"en": "/en/contact/", "de": "/de/kontakt/"}),
]

ALL_PAGES = PAGES + SPECIALTY_LEGAL_AND_ACCOUNT_PAGES
