"""Who may read an uploaded file is decided from the file that is sent, never from the spelling of its URL.

Image files (originals and renditions) are for the professional tier, every other
upload (Wagtail documents) for editors. An attacker who spells a document's path so
that it *starts* like an image path (``/media/images/../documents/…``, encoded in any
of the ways a server may decode) must not get the document, and no spelling may
reach a file outside the media root. Only the canonical spelling of a file is
served; every other spelling answers 404, for every reader, through the app and
through nginx as deploy/nginx.conf sets it up.
"""

import http.client
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, unquote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from accounts.tests.conftest import make_reader
from medlex.testing import production_env, running_nginx, running_server

pytestmark = pytest.mark.django_db

DOCUMENT_BYTES = b"EDITORS-ONLY-PROTOCOL-5d1c"
OUTSIDE_BYTES = b"OUTSIDE-THE-MEDIA-ROOT-9e2b"
ORIGINAL = "original_images/figure.png"
RENDITION = "images/figure.max-960x720.png"
DOCUMENT = "documents/protocol.txt"
PNG = b"\x89PNG\r\n\x1a\n figure"
ROLES = ("anonymous", "verified", "editor")


def lay_out_media(base):
    """A media root as Wagtail fills it, a secret next to it, and symlinks an attacker might hope for.

    ``base/media`` and ``base/static`` are siblings, as in the documented deployment.
    """
    media = base / "media"
    for folder in ("original_images", "images", "documents"):
        (media / folder).mkdir(parents=True, exist_ok=True)
    (media / ORIGINAL).write_bytes(PNG)
    (media / RENDITION).write_bytes(PNG)
    (media / DOCUMENT).write_bytes(DOCUMENT_BYTES)
    (base / "outside.txt").write_bytes(OUTSIDE_BYTES)
    # An image name whose file is the document, an image folder that is the documents
    # folder, and an image name for a file outside the media root.
    (media / "images" / "disguised.png").symlink_to("../documents/protocol.txt")
    (media / "images" / "docs").symlink_to("../documents", target_is_directory=True)
    (media / "images" / "escape.png").symlink_to(base / "outside.txt")
    return media


def spellings(media_root):
    """Paths (as sent on the wire) that name the document, or a file outside the media root, in a non-canonical way."""
    return [
        "/media/images/../documents/protocol.txt",
        "/media/images/%2e%2e/documents/protocol.txt",
        "/media/images/%2E%2E%2Fdocuments%2Fprotocol.txt",
        "/media/images/..%2fdocuments/protocol.txt",
        "/media/images/%252e%252e/documents/protocol.txt",  # double encoding
        "/media/images/%25%32%65%25%32%65/documents/protocol.txt",
        "/media/images/..\\documents\\protocol.txt",
        "/media/images/..%5cdocuments%5cprotocol.txt",
        "/media/images/./../documents/protocol.txt",
        "/media/images/.%2f..%2fdocuments/protocol.txt",
        "/media/images//../documents/protocol.txt",
        "/media/./documents/protocol.txt",
        "/media//documents/protocol.txt",
        "/media/documents//protocol.txt",
        "/media/documents/protocol.txt/",
        "/media/documents/./protocol.txt",
        "/media/images/%c0%ae%c0%ae/documents/protocol.txt",  # overlong UTF-8 for "."
        "/media/images/%c0%ae%c0%ae%c0%afdocuments%c0%afprotocol.txt",
        "/media/images/%e0%80%ae%e0%80%ae/documents/protocol.txt",
        "/media/images/%ef%bc%8e%ef%bc%8e/documents/protocol.txt",  # fullwidth full stops
        "/media/images/%e2%80%a5/documents/protocol.txt",  # two dot leader
        "/media/images/%00/../documents/protocol.txt",
        "/media/images/%00../documents/protocol.txt",
        "/media/documents/protocol.txt%00.png",
        "/media/" + quote(str(media_root / DOCUMENT)),  # absolute path, inside the root
        "/media/%2f" + quote(str(media_root / DOCUMENT), safe=""),
        "/media/images/" + quote(str(media_root / DOCUMENT)),
        "/media/" + quote(str(media_root.parent / "outside.txt")),
        "/media/../outside.txt",
        "/media/%2e%2e/outside.txt",
        "/media/images/%2e%2e/%2e%2e/outside.txt",
        "/media/images/disguised.png",  # symlinks inside the media root
        "/media/images/docs/protocol.txt",
        "/media/images/escape.png",
    ]


SPELLINGS = spellings(Path("/MEDIA_ROOT"))  # ids only; each test builds the real ones
# From the static files next to the media root (as in the documented deployment) to an upload.
STATIC_SPELLINGS = [
    "/static/../media/documents/protocol.txt",
    "/static/%2e%2e/media/documents/protocol.txt",
    "/static/..%2fmedia%2fdocuments%2fprotocol.txt",
    "/static/%252e%252e/media/documents/protocol.txt",
    "/static/..%5cmedia%5cdocuments%5cprotocol.txt",
    "/static/x/../../media/documents/protocol.txt",
    "/static../media/documents/protocol.txt",
    "/static../outside.txt",
    "/static/../../outside.txt",
    "/static/%2e%2e/%2e%2e/outside.txt",
    "/static/%c0%ae%c0%ae/media/documents/protocol.txt",
    "/static/%00/../media/documents/protocol.txt",
]


# The status each reader gets at each file's canonical URL: figures for the professional
# tier (editors included), documents for editors.
CANONICAL_ANSWERS = {
    "/media/" + ORIGINAL: {"anonymous": 404, "verified": 200, "editor": 200},
    "/media/" + RENDITION: {"anonymous": 404, "verified": 200, "editor": 200},
    "/media/" + DOCUMENT: {"anonymous": 404, "verified": 404, "editor": 200},
}


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(lay_out_media(tmp_path))
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def clients(django_user_model, settings):
    """One test client per role; a 500 comes back as a response, as a reader would see it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # three users per test
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = make_reader(django_user_model, role)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


@pytest.fixture(params=["django", "x-accel"])
def delivery(request, settings):
    """Django sends the file itself, or (as in production) tells nginx which file to send."""
    settings.MEDLEX_ACCEL_REDIRECT_PREFIX = "/_protected/" if request.param == "x-accel" else ""
    return request.param


def assert_not_found(response, where):
    body = body_of(response)
    assert response.status_code == 404, f"{where} answered {response.status_code}"
    assert b"Page not found" in body or b"Seite nicht gefunden" in body, f"{where}: not the site's 404 page"
    assert DOCUMENT_BYTES not in body and OUTSIDE_BYTES not in body
    assert not response.has_header("X-Accel-Redirect"), f"{where} handed a file to nginx"


@pytest.mark.parametrize("index", range(len(SPELLINGS)), ids=SPELLINGS)
def test_a_non_canonical_spelling_of_a_media_path_answers_404_for_every_reader(index, media_root, clients, delivery):
    url = spellings(media_root)[index]
    for role, client in clients.items():
        assert_not_found(client.get(url), f"{url} for {role} ({delivery})")


def test_each_file_is_served_at_its_canonical_url_to_the_readers_its_kind_allows(media_root, clients, delivery):
    for url, statuses in CANONICAL_ANSWERS.items():
        for role, client in clients.items():
            response = client.get(url)
            where = f"{url} for {role} ({delivery})"
            if statuses[role] == 404:
                assert_not_found(response, where)
                continue
            assert response.status_code == 200, where
            expected = (media_root / url.removeprefix("/media/")).read_bytes()
            if delivery == "x-accel":
                assert response["X-Accel-Redirect"] == "/_protected/" + url.removeprefix("/media/"), where
                assert body_of(response) == b""
            else:
                assert body_of(response) == expected, where


@pytest.mark.parametrize("url", STATIC_SPELLINGS)
def test_no_spelling_of_a_static_path_reaches_an_upload(url, media_root, clients):
    for role, client in clients.items():
        assert_not_found(client.get(url), f"{url} for {role}")


def test_a_nul_byte_in_a_media_path_answers_404_not_a_server_error(media_root, clients):
    for role, client in clients.items():
        assert_not_found(client.get("/media/x%00.txt"), f"NUL for {role}")


def test_an_overlong_media_path_answers_404_not_a_server_error(media_root, clients):
    for url in ("/media/images/" + "a" * 300 + ".png", "/media/images/" + "a/" * 3000 + "x.png"):
        for role, client in clients.items():
            assert_not_found(client.get(url), f"long path for {role}")


def test_wagtails_own_file_views_are_not_routed_so_media_is_the_only_way_to_an_upload():
    """Wagtail's document and image serve views check nothing of ours; they must stay unrouted."""

    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from callbacks(pattern.url_patterns)
            else:
                yield pattern.callback

    modules = {getattr(callback, "__module__", "") for callback in callbacks(get_resolver().url_patterns)}
    assert "access.views" in modules
    assert not {"wagtail.documents.views.serve", "wagtail.images.views.serve"} & modules
    for name, args in (
        ("wagtaildocs_serve", [1, "protocol.txt"]),
        ("wagtailimages_serve", ["signature", 1, "original"]),
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)


# Through nginx (deploy/nginx.conf) in front of gunicorn, as in production. nginx
# normalises a path to pick its location, but passes the request line on to the app
# as the client sent it; so each spelling goes out raw, byte for byte.

PASSWORD = "nginx-test-password-1"
PRODUCTION = production_env(MEDLEX_ACCEL_REDIRECT_PREFIX="/_protected/")
UNICODE_RENDITION = "images/röntgen-befund.max-960x720.png"  # nginx is told its name percent-encoded
# Spellings nginx answers itself instead of passing them on: 400 for a path above the
# root (and for any NUL byte), 404 for a name it looks up in the static folder and does not find.
NGINX_BAD_REQUESTS = ("/static/../../outside.txt", "/static/%2e%2e/%2e%2e/outside.txt")
NGINX_STATIC_LOOKUPS = (
    "/static/%252e%252e/media/documents/protocol.txt",
    "/static/..%5cmedia%5cdocuments%5cprotocol.txt",
    "/static/%c0%ae%c0%ae/media/documents/protocol.txt",
)


@pytest.fixture(scope="module")
def site():
    """medlex under gunicorn behind the documented nginx; sessions of a verified reader and an editor."""
    with running_server(PRODUCTION, gunicorn=True) as server:
        media_root = lay_out_media(server.workdir)
        (media_root / UNICODE_RENDITION).write_bytes(PNG)
        server.create_user("verified@example.org", PASSWORD)
        server.create_user("editor@example.org", PASSWORD, "Editors")
        cookies = {
            "anonymous": None,
            "verified": server.session_cookie("verified@example.org"),
            "editor": server.session_cookie("editor@example.org"),
        }
        with running_nginx(server) as url:
            yield SimpleNamespace(port=int(url.rsplit(":", 1)[1]), media_root=media_root, cookies=cookies)


def raw_get(site, target, role):
    """GET ``target`` exactly as given: http.client neither normalises nor re-encodes it."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        if site.cookies[role]:
            connection.putheader("Cookie", site.cookies[role])
        connection.endheaders()
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def assert_refused_through_nginx(site, target):
    for role in ROLES:
        response, body = raw_get(site, target, role)
        where = f"{target} for {role} through nginx"
        assert DOCUMENT_BYTES not in body and OUTSIDE_BYTES not in body, f"{where} sent the file"
        if "%00" in target or target in NGINX_BAD_REQUESTS:
            assert response.status == 400 and b"400 Bad Request" in body, f"{where} answered {response.status}"
        elif target in NGINX_STATIC_LOOKUPS:
            assert response.status == 404 and b"404 Not Found</h1></center>" in body, (
                f"{where} answered {response.status}"
            )
        else:
            assert response.status == 404, f"{where} answered {response.status}"
            assert b"Seite nicht gefunden" in body or b"Page not found" in body, f"{where}: not the site's 404 page"


@pytest.mark.same_on_every_database
@pytest.mark.parametrize("index", range(len(SPELLINGS)), ids=SPELLINGS)
def test_through_nginx_a_non_canonical_spelling_of_a_media_path_answers_404_for_every_reader(index, site):
    assert_refused_through_nginx(site, spellings(site.media_root)[index])


@pytest.mark.same_on_every_database
@pytest.mark.parametrize(
    "target", ["//media/documents/protocol.txt", "//media/images/../documents/protocol.txt", "absolute-form"]
)
def test_through_nginx_a_media_path_nginx_itself_would_normalise_answers_404(target, site):
    if target == "absolute-form":  # GET http://host/… HTTP/1.1, which nginx accepts too
        target = f"http://127.0.0.1:{site.port}/media/images/../documents/protocol.txt"
    assert_refused_through_nginx(site, target)


@pytest.mark.same_on_every_database
@pytest.mark.parametrize("url", STATIC_SPELLINGS)
def test_through_nginx_no_spelling_of_a_static_path_reaches_an_upload(url, site):
    assert_refused_through_nginx(site, url)


@pytest.mark.same_on_every_database
@pytest.mark.parametrize(
    "target",
    [
        "/_protected/documents/protocol.txt",
        "/%5fprotected/documents/protocol.txt",
        "//_protected/documents/protocol.txt",
        "/_protected/../_protected/documents/protocol.txt",
        "/static/../_protected/documents/protocol.txt",
        "/_protected../outside.txt",
    ],
)
def test_through_nginx_the_internal_file_location_cannot_be_asked_for_directly(target, site):
    for role in ROLES:
        response, body = raw_get(site, target, role)
        assert response.status == 404, f"{target} for {role} answered {response.status}"
        assert DOCUMENT_BYTES not in body and OUTSIDE_BYTES not in body


@pytest.mark.same_on_every_database
def test_through_nginx_each_file_is_sent_by_nginx_to_the_readers_its_kind_allows(site):
    answers = {
        **CANONICAL_ANSWERS,
        "/media/" + quote(UNICODE_RENDITION): {"anonymous": 404, "verified": 200, "editor": 200},
    }
    for url, statuses in answers.items():
        file = site.media_root / unquote(url.removeprefix("/media/"))
        for role in ROLES:
            response, body = raw_get(site, url, role)
            where = f"{url} for {role} through nginx"
            assert response.status == statuses[role], where
            if statuses[role] == 200:
                assert body == file.read_bytes(), where
                assert response.getheader("X-Accel-Redirect") is None, where  # nginx's own answer went out
                assert response.getheader("X-Content-Type-Options") == "nosniff", where
                assert response.getheader("Cache-Control").startswith("private"), where
            else:
                assert DOCUMENT_BYTES not in body, where
