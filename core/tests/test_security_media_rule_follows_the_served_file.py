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
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from accounts.tests.conftest import make_reader
# from medlex.testing import running_nginx, running_server

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


def canonical_answers():
    """What each reader gets for each file's one true URL: (status, bytes for 200)."""
    return {
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
    for url, statuses in canonical_answers().items():
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


def test_a_nul_byte_in_a_media_path_answers_404_not_a_server_error(media_root, clients):
    for role, client in clients.items():
        assert_not_found(client.get("/media/x%00.txt"), f"NUL for {role}")


def test_an_overlong_media_path_answers_404_not_a_server_error(media_root, clients):
    for url in ("/media/images/" + "a" * 300 + ".png", "/media/images/" + "a/" * 3000 + "x.png"):
        for role, client in clients.items():
            assert_not_found(client.get(url), f"long path for {role}")


def test_wagtails_own_file_views_are_not_routed_so_media_is_the_only_way_to_an_upload():
    for name in ("wagtaildocs_serve", "wagtailimages_serve"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=["x", 1, "x"] if name == "wagtailimages_serve" else [1, "x"])

    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from callbacks(pattern.url_patterns)
            else:
                yield pattern.callback

    serving = {f"{getattr(c, '__module__', '')}.{getattr(c, '__qualname__', '')}" for c in callbacks(get_resolver().url_patterns)}
    assert not {"wagtail.documents.views.serve.serve", "wagtail.images.views.serve.serve"} & serving
    assert not any(name.startswith("wagtail.images.views.serve.") for name in serving)
