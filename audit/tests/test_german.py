"""Every German page, as an anonymous reader and as a verified professional, has its interface in German.

A crawl from /de/ (and the account pages, which the menu reaches only after logging
in) follows every link to a German page of the site and reports each English
interface string it finds and where (audit.german).
"""

import re
import urllib.error
import urllib.request
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest

from audit.german import english_on_page, untranslated_msgids
from audit.pages import ANONYMOUS, READER_TOOL_PAGES, VERIFIED
from medlex.testing import ROOT

START = [
    "/de/",
    "/de/accounts/login/",
    "/de/accounts/signup/",
    "/de/accounts/password/reset/",
    "/de/accounts/professional/",
    "/de/accounts/email/",
    "/de/accounts/password/change/",
]
# Not pages to read: leaving the session, the admin, files and the API.
SKIP = re.compile(r"/logout/|/admin/|/media/|/static/|/api/")
# Pages of one kind (the same folder and query parameters) read at most this many times:
# the ICD-10 catalogue and the A–Z letters are thousands of pages of the same templates.
PER_KIND = 10
LIMIT = 400


def crawl(site, cookie=None):
    """``{path: html}`` of the German pages reachable from START and the reader's tools (some only from a mail)."""
    start = START + [site.path(page, "de") for page in READER_TOOL_PAGES if page.paths["de"].startswith("/de/")]
    seen, pages, queue, kinds = set(start), {}, deque(start), Counter()
    while queue and len(pages) < LIMIT:
        path = queue.popleft()
        request = urllib.request.Request(site.url + path)
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                final = urlsplit(response.url)
                html = response.read().decode()
        except urllib.error.HTTPError:
            continue  # a page this reader may not see, or a form that wants a POST
        if not final.path.startswith("/de/"):
            continue
        pages[path] = html
        for href in re.findall(r'href="([^"#]+)', html):
            link = urlsplit(urljoin(site.url + path, href.replace("&amp;", "&")))
            if link.netloc != urlsplit(site.url).netloc or not link.path.startswith("/de/") or SKIP.search(link.path):
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            kind = (link.path.rstrip("/").rsplit("/", 1)[0], tuple(sorted(re.findall(r"(\w+)=", link.query))))
            if target not in seen and kinds[kind] < PER_KIND:
                seen.add(target)
                kinds[kind] += 1
                queue.append(target)
    return pages


@pytest.mark.parametrize("reader", [ANONYMOUS, VERIFIED])
def test_every_german_page_has_its_interface_in_german(audit_site, reader):
    pages = crawl(audit_site, audit_site.cookie if reader == VERIFIED else None)
    assert len(pages) > 30 and any("/funktionen/" in path for path in pages), sorted(pages)
    msgids = untranslated_msgids(ROOT)
    problems = [
        f"{path}: “{string}” ({source})"
        for path, html in sorted(pages.items())
        for string, source in english_on_page(html, msgids)
    ]
    assert not problems, f"English on German pages ({reader}):\n" + "\n".join(problems)


def test_the_check_finds_english_on_an_english_page(audit_site):
    """A control: the English home page, as if it were a German page left untranslated, fails the check."""
    with urllib.request.urlopen(audit_site.url + "/en/", timeout=30) as response:
        html = response.read().decode().replace('<html lang="en">', '<html lang="de">')
    found = english_on_page(html, untranslated_msgids(ROOT))
    assert ("Skip to content", "catalogue") in found and ("Log in", "English interface word") in found
