"""The access matrix: every route and API path × every kind of reader.

Routes come from the URL resolver and the OpenAPI document, so a new one is
covered without editing this file; pages with a slug (articles, the profiles of
the people they name) are listed from the database. Personal API tokens are a
second way in for programs: every API path is also asked with a token of each
kind (honoured or not), and every page with a verified reader's token, which
pages ignore. A marker is written into every gated field
of the demo content (professional-only section text, every figure caption and
alt text); it must never reach a reader who is not a verified professional,
whatever the route, status code or content type. One article is also behind a
Wagtail view restriction to a group no reader belongs to, with a second marker
in its public text and synonyms: only staff (superusers pass group restrictions,
as on the page) may see that one, through the page, the API or search.
"""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.models import PageViewRestriction

from access.policy import Tier, tier_for
from accounts.tests.conftest import MATRIX_KINDS, kept_for_the_module
from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from articles.tests.helpers import cno
from citing.addresses import cite_url, pdf_url
from citing.formats import FILES
from functions.tests.helpers import kostik_api_body
from legal.models import LegalPage
from people.models import Person
from specialties.models import Specialty
from tokens import services as tokens
from tokens.models import Scope
from versions.addresses import history_url, version_url

pytestmark = pytest.mark.django_db

MARKER = "GATEDMARKER7f3a"
RESTRICTED_MARKER = "RESTRICTEDMARKER9c1e"
PROFESSIONAL_KINDS = {"verified", "editor", "staff"}
# Wagtail's own deliberate error page, and its chooser views given a non-numeric id
# by this sampler (only editors reach them); not ours to change.
WAGTAIL_OWN_ERRORS = (
    "/admin/failwhale/",
    "/admin/documents/chooser/chosen/x/",
    "/admin/images/chooser/chosen/x/",
    "/admin/snippets/choose/translation/glossaryterm/chosen/x/",
    "/admin/snippets/choose/references/reference/chosen/x/",
    "/admin/snippets/choose/people/person/chosen/x/",
    "/admin/snippets/choose/specialties/specialty/chosen/x/",
)
# Admin routes that are meant for everyone (logout, translations, icons). The admin's
# login and password reset lead everyone to allauth's (ADMIN_TO_ALLAUTH).
ADMIN_PUBLIC = ("/admin/logout", "/admin/jsi18n", "/admin/sprite")
ADMIN_TO_ALLAUTH = {"/admin/login/": "/accounts/login/", "/admin/password_reset/": "/accounts/password/reset/"}
ADMIN_KINDS = ("editor", "staff")


def inject_marker():
    """Publish every demo article with the marker in each gated field; return their ids."""
    ids = []
    for page in ArticlePage.objects.live().specific():
        body = page.body.raw_data
        for block in body:
            value = block["value"]
            if value["access"] == "professional":
                value["text"] = value["text"].replace("</p>", f" {MARKER}</p>", 1)
            for figure in value.get("figures", []):
                figure["caption"] += f" {MARKER}"
                figure["alt_text"] += f" {MARKER}"
        page.body = body
        page.save_revision().publish()
        ids.append(page.pk)
    return ids


def restrict_an_article():
    """Restrict the English CNO article to a group nobody belongs to, with a marker in its public text and synonyms."""
    page = cno("en")
    body = page.body.raw_data
    for block in body:
        if block["value"]["access"] == "public":
            block["value"]["text"] = block["value"]["text"].replace("<p>", f"<p>{RESTRICTED_MARKER} ", 1)
    page.body = body
    page.synonyms += f"\n{RESTRICTED_MARKER}"
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Restricted article readers"))
    return page


@pytest.fixture(scope="module")
def marked(django_db_setup, django_db_blocker):
    """``(article ids, restricted article)``: the marker in every article and the restriction, once for this module."""
    with kept_for_the_module(django_db_blocker):
        yield inject_marker(), restrict_an_article()


# Where a restricted article could surface besides its own page and API detail
# (queries in lower case: search answers repeat the query, matching ignores case).
RESTRICTED_PROBES = {
    "/api/v1/articles?lang=en",
    "/api/v1/search?q=CNO&lang=en",
    f"/api/v1/search?q={RESTRICTED_MARKER.lower()}&lang=en",
    f"/api/v1/suggest?q={RESTRICTED_MARKER.lower()}&lang=en",
    "/api/v1/icd10/M86.9?lang=en",
    f"/en/search/?q={RESTRICTED_MARKER.lower()}",
    "/en/search/?q=cno&specialty=rheumatology",
    # the point of care: an EHR asking by code, by name, as a feed, as JSON, as a page
    "/infobutton?mainSearchCriteria.v.c=M86.9&mainSearchCriteria.v.cs=2.16.840.1.113883.6.3",
    "/infobutton?mainSearchCriteria.v.c=M86.96&mainSearchCriteria.v.cs=1.2.276.0.76.5.417"
    "&informationRecipient.languageCode.c=en&knowledgeResponseType=application/json",
    f"/infobutton?mainSearchCriteria.v.dn={RESTRICTED_MARKER.lower()}&knowledgeResponseType=text/html",
    "/infobutton?mainSearchCriteria.v.ot=cno&knowledgeResponseType=text/html",
}
# Lists that name articles by title and address (no marker text): the restricted article's address must not be on them.
RESTRICTED_LISTS = {"/en/", "/en/specialties/rheumatology/", "/en/specialties/paediatrics/", "/en/a-z/?letter=C"}


def sample_path(route):
    """A concrete path for a route or regex pattern (placeholders become 1 or x)."""
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<uuid:\w+>", str(uuid.UUID(int=1)), route)
    route = re.sub(r"<(?:\w+:)?\w+>", "x", route)
    out, depth = "", 0
    for char in route.replace("^", "").replace("$", "").replace("\\", ""):
        if char == "(":
            if depth == 0:
                out += "1"
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char not in "?*+":
            out += char
    return "/" + out


def every_route():
    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    paths = set()
    for route in walk(get_resolver().url_patterns, ""):
        for lang_route in [route, "en/" + route[3:]] if route.startswith("de/") else [route]:
            paths.add(sample_path(lang_route))
    return paths


def every_api_path(client, article_ids):
    spec = client.get("/api/v1/openapi.json").json()
    paths = set()
    for template, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        if "{" in template:
            paths.update(re.sub(r"\{\w+\}", str(pk), template) for pk in article_ids)
        else:
            paths.add(template)
    return paths


def version_urls():
    """Each article's version history, its first version's permalink and its latest (``versions.urls``)."""
    urls = set()
    for page in ArticlePage.objects.live():
        latest = page.versions.order_by("-number").values_list("number", flat=True).first()
        urls |= {history_url(page), version_url(page, 1), version_url(page, latest)}
    return urls


def profile_urls():
    """The public profiles of the people articles name, in both languages."""
    return {person.get_absolute_url(language) for person in Person.objects.all() for language in ("de", "en")}


def legal_urls():
    """Imprint, privacy notice, terms of use and contact in both languages: public for everyone."""
    return {page.url for page in LegalPage.objects.live()}


def specialty_urls():
    """Every specialty's page, in both languages."""
    return {specialty.get_absolute_url(language) for specialty in Specialty.objects.all() for language in ("de", "en")}


def citing_urls():
    """Cite this article, its files and its PDF, for the CNO article in both languages (citing.urls).

    Two articles, not all: a PDF is laid out for each kind of reader, and the English one is the restricted one.
    """
    urls = set()
    for lang in ("de", "en"):
        page = cno(lang)
        cite = cite_url(page.url, lang)
        urls |= {cite, pdf_url(page.url)} | {f"{cite}{name}/" for name in FILES}
    return urls


def every_page_url():
    return (
        {page.url for page in ArticlePage.objects.live()}
        | version_urls()
        | citing_urls()
        | profile_urls()
        | legal_urls()
        | specialty_urls()
        | {
            "/de/",
            "/en/",
            "/de/search/?q=osteomyelitis",
            "/en/does-not-exist/",
        }
    )


def is_pdf(url):
    """An article's PDF (page or API): laid out for the professional tier, it carries what that tier reads anyway."""
    return url.rstrip("/").endswith("/pdf")


def image_urls(client):
    """The figures of every article as ``client`` sees them (only articles show figures)."""
    html = "".join(client.get(page.url).content.decode() for page in ArticlePage.objects.live())
    return set(re.findall(r'src="(/media/[^"]+)"', html))


@pytest.mark.parametrize("kind", MATRIX_KINDS)
def test_no_gated_content_reaches_anyone_but_verified_professionals(reader, kind, marked):
    article_ids, restricted = marked
    user = reader(kind)
    client = Client(raise_request_exception=False)
    if kind in ADMIN_KINDS:
        log_in_with_second_factor(client, user)  # the admin needs it (accounts.second_factor)
    elif user is not None:
        client.force_login(user)
    professional = kind in PROFESSIONAL_KINDS
    assert (tier_for(user or AnonymousUser()) == Tier.PROFESSIONAL) == professional

    staff_client = Client()
    staff_client.force_login(reader("staff", "matrix-staff@example.org"))
    figures = image_urls(staff_client)
    assert figures, "the demo content has figures"

    urls = (
        every_route()
        | every_api_path(client, article_ids)
        | every_page_url()
        | figures
        | RESTRICTED_PROBES
        | RESTRICTED_LISTS
        | {"/sitemap.xml"}
    )
    assert len(urls) > 200
    profiles = profile_urls()
    assert profiles, "the demo content names people"
    citing = citing_urls()
    legal = legal_urls()
    assert len(legal) == 8, "the demo content has four legal pages per language"
    seen_marker, seen_restricted, problems = set(), set(), []
    # Logout routes end the session, so they come last.
    for url in sorted(urls, key=lambda u: ("logout" in u, u)):
        if professional and is_pdf(url):
            continue  # seconds of layout per article for nothing to find; citing/tests read these readers' PDFs
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code >= 500 and not url.startswith(WAGTAIL_OWN_ERRORS):
            problems.append(f"{url} answered {response.status_code}")
        if MARKER.encode() in body:
            seen_marker.add(url)
        if RESTRICTED_MARKER.encode() in body or (
            url in RESTRICTED_LISTS and f'href="{restricted.url}"'.encode() in body
        ):
            seen_restricted.add(url)
        if url in profiles and response.status_code != 200:
            problems.append(f"profile {url} answered {response.status_code}")
        if url in legal and response.status_code != 200:
            problems.append(f"legal page {url} answered {response.status_code}")
        if url in citing and response.status_code != (
            404 if url.startswith(restricted.url) and kind != "staff" else 200 if professional else 403
        ):
            problems.append(f"citing {url} answered {response.status_code}")
        if url in figures and response.status_code != (200 if professional else 404):
            problems.append(f"figure {url} answered {response.status_code}")
        if (
            url.startswith("/admin/")
            and not url.startswith(ADMIN_PUBLIC)
            and kind not in ("editor", "staff")
            and response.status_code not in (302, 403, 404)
        ):
            problems.append(f"admin {url} answered {response.status_code}")
        if url.startswith("/admin/professionals/") and kind != "staff" and response.status_code not in (302, 403, 404):
            problems.append(f"review queue {url} answered {response.status_code}")
        if url in ADMIN_TO_ALLAUTH and not (
            response.status_code == 302 and ADMIN_TO_ALLAUTH[url] in response["Location"]
        ):
            problems.append(f"{url} does not lead to allauth's page: {response.status_code}")
        if (
            url in ("/admin/", "/admin/professionals/", "/admin/editorial/")
            and (kind == "staff" or (kind == "editor" and url in ("/admin/", "/admin/editorial/")))
            and response.status_code != 200
        ):
            problems.append(f"{url} answered {response.status_code} to {kind} with a second factor")
    assert not problems, f"{kind}: " + "; ".join(problems)
    if kind == "staff":
        assert restricted.url in seen_restricted and f"/api/v1/articles/{restricted.pk}" in seen_restricted, (
            "positive control: staff pass the restriction"
        )
        assert seen_restricted >= RESTRICTED_LISTS, "positive control: staff see the article in every list"
    else:
        assert not seen_restricted, f"the restricted article reached {kind}: {sorted(seen_restricted)[:5]}"
    if professional:
        assert any(u.startswith("/api/v1/articles/") for u in seen_marker), "positive control: the API field appears"
        assert any(u in seen_marker for u in every_page_url()), "positive control: the gated text appears"
        assert any(u.endswith(("/versions/", "/versionen/")) for u in seen_marker), (
            "positive control: the changes in a version history"
        )
    else:
        assert not seen_marker, f"gated content leaked to {kind}: {sorted(seen_marker)[:5]}"


def test_open_graph_tags_carry_the_public_description_only(client, marked):
    _, restricted = marked
    page = ArticlePage.objects.live().exclude(pk=restricted.pk).first()
    html = client.get(page.url).content.decode()
    tags = re.findall(r'<meta property="og:[^>]+>', html)
    assert any("og:description" in tag for tag in tags)
    assert MARKER not in "".join(tags)


def test_the_sitemap_lists_public_pages_and_nothing_gated(client, marked):
    _, restricted = marked
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>" in xml and ArticlePage.objects.live().exclude(pk=restricted.pk).first().url in xml
    assert MARKER not in xml


def test_the_error_page_is_our_own_and_carries_nothing_gated(client, marked):
    response = client.get("/en/no-such-article/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and MARKER not in response.content.decode()


# Personal API tokens: (owner's kind, scope, what happens to the token) → honoured or not.
TOKEN_KINDS = {
    "verified reader": ("verified", Scope.READ_RUN, None),
    "verified reader, read scope": ("verified", Scope.READ, None),
    "unverified reader": ("under_review", Scope.READ_RUN, None),
    "lapsed verification": ("expired", Scope.READ_RUN, None),
    "revoked": ("verified", Scope.READ_RUN, "revoke"),
    "expired": ("verified", Scope.READ_RUN, "expire"),
}


@pytest.mark.parametrize("token_kind", TOKEN_KINDS)
@override_settings(MEDLEX_TOKEN_RATE_LIMIT=(10_000, 60))  # the matrix asks far more than a program would
def test_api_tokens_open_gated_content_only_while_honoured_and_pages_ignore_them(reader, token_kind, marked):
    article_ids, restricted = marked
    owner_kind, scope, fate = TOKEN_KINDS[token_kind]
    row, token = tokens.create(reader(owner_kind), "matrix", scope, 30)
    if fate == "revoke":
        tokens.revoke(row)
    elif fate == "expire":
        row.expires_at = timezone.now() - timedelta(minutes=1)
        row.save()
    honoured = owner_kind == "verified" and fate is None
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    api_urls = every_api_path(Client(), article_ids) | {url for url in RESTRICTED_PROBES if url.startswith("/api/")}
    seen_marker, problems = set(), []
    for url in sorted(api_urls):
        if honoured and is_pdf(url):
            continue  # as in the matrix above
        response = client.get(url)
        if response.status_code >= 500 or (response.status_code == 401) == honoured:
            problems.append(f"{url} answered {response.status_code}")
        if MARKER.encode() in response.content:
            seen_marker.add(url)
        if RESTRICTED_MARKER.encode() in response.content:
            problems.append(f"the restricted article reached a token at {url}")
    evaluation = client.post(
        "/api/v1/functions/kostik-nbo-score", json.dumps(kostik_api_body()), content_type="application/json"
    )
    expected = (200 if scope == Scope.READ_RUN else 403) if honoured else 401
    if evaluation.status_code != expected:
        problems.append(f"evaluating a function answered {evaluation.status_code}, not {expected}")
    assert not problems, f"{token_kind}: " + "; ".join(problems)
    if honoured:
        assert any(u.startswith("/api/v1/articles/") for u in seen_marker), "positive control: the API field appears"
        # Pages never read the header: with the token, a page is the anonymous reader's.
        for url in sorted(every_page_url()):
            response = client.get(url)
            assert MARKER.encode() not in response.content, f"a page let a token in: {url}"
        assert RESTRICTED_MARKER.encode() not in client.get(restricted.url).content
    else:
        assert not seen_marker, f"gated content reached a token ({token_kind}): {sorted(seen_marker)[:5]}"
