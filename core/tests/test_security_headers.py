"""Security headers: what a page may do in the browser, and what the browser keeps.

* A strict Content-Security-Policy on every page of the site (no inline script or
  style, no plugins, no framing, forms only to the site), the admin's own policy
  under /admin/, and the same headers on pages served from warm shells.
* A Permissions-Policy that denies device access on every response.
* ``Cache-Control: private, no-store`` on everything a logged-in reader gets, so a
  shared workstation's browser keeps no gated text after logout; anonymous teasers
  stay publicly cacheable.
* HTTPS is believed from X-Forwarded-Proto only when the proxy sends it.
(The browser check, no CSP violation on any page type: core/tests/test_security_headers_browser.py.)
"""

import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.test import Client

from accounts.tests.second_factor import log_in_with_second_factor
from articles.tests.helpers import logged_in
from core.tests.test_production_settings import GOOD_KEY, run_check
from functions.tests.helpers import COMPLETE_INPUTS
from medlex.testing import ROOT, free_port

pytestmark = pytest.mark.django_db

ARTICLE = "/en/cno-syndrome/"
FUNCTION = "/en/functions/kostik-nbo-score/"
PAGES = [
    "/de/",
    "/en/",
    ARTICLE,
    "/de/cno-syndrom/",
    "/en/search/?q=osteitis",
    FUNCTION,
    "/en/icd10/",
    "/en/icd10/M86/",
    "/en/accounts/signup/",
    "/en/accounts/login/",
]
ACCOUNT_PAGES = ["/en/accounts/professional/", "/en/accounts/2fa/", "/en/accounts/email/"]

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: value for name, _, value in (part.strip().partition(" ") for part in header.split(";") if part.strip())
    }


def assert_strict(response):
    directives = policy(response)
    assert {name: directives.get(name) for name in STRICT} == STRICT
    assert "unsafe" not in response["Content-Security-Policy"] and "nonce" not in response["Content-Security-Policy"]


def in_the_admin(user):
    """A client of ``user`` whose session passed the second factor the admin asks for."""
    return log_in_with_second_factor(Client(), user)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("ops@example.org", "ops@example.org", "a-long-test-password")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_forbids_inline_script_style_plugins_framing_and_foreign_forms(client, verified_user, path):
    for reader in (client, logged_in(verified_user)):
        for _ in ("cold", "warm shell"):
            response = reader.get(path)
            assert response.status_code in (200, 302), path  # logged-in readers are sent on from sign-up and login
            assert_strict(response)


def test_account_pages_carry_the_strict_policy(verified_user):
    reader = logged_in(verified_user)
    for path in ACCOUNT_PAGES:
        response = reader.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


def test_the_admin_has_its_own_policy_which_loads_nothing_from_other_sites(staff):
    """Wagtail's page editor needs inline scripts and styles; the rest of the strict policy holds."""
    response = in_the_admin(staff).get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert directives["script-src"] == directives["style-src"] == "'self' 'unsafe-inline'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert (
        directives["object-src"] == "'none'"
        and directives["frame-ancestors"] == "'none'"
        and directives["base-uri"] == "'none'"
    )


@pytest.mark.parametrize(
    "path", ["/en/", ARTICLE, "/api/v1/openapi.json", "/healthz", "/en/no-such-page/", "/admin/login/"]
)
def test_no_response_lets_a_page_use_camera_microphone_location_payment_or_usb(client, path):
    header = client.get(path)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in header


def assert_not_stored(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives


def test_anonymous_teasers_stay_publicly_cacheable(client):
    for _ in ("cold", "warm shell"):
        response = client.get(ARTICLE)
        assert (
            "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"] and response["ETag"]
        )


def test_gated_article_pages_stay_in_no_browser_cache(verified_user, plain_user):
    for user in (verified_user, plain_user):  # gated text, or the reader's own gate message
        reader = logged_in(user)
        for _ in ("cold", "warm shell"):
            assert_not_stored(reader.get(ARTICLE))
            assert_not_stored(reader.get("/de/cno-syndrom/"))


def test_account_pages_function_results_and_the_admin_stay_in_no_browser_cache(verified_user, staff):
    reader = logged_in(verified_user)
    for path in [*ACCOUNT_PAGES, FUNCTION, "/en/", "/en/search/?q=osteitis"]:
        assert_not_stored(reader.get(path))
    assert_not_stored(reader.post(FUNCTION, COMPLETE_INPUTS["kostik-nbo-score"]))
    editor = in_the_admin(staff)
    for path in ("/admin/", "/admin/pages/"):
        assert_not_stored(editor.get(path))


# HTTPS behind the proxy: gunicorn believes X-Forwarded-Proto only from FORWARDED_ALLOW_IPS.


def scheme_seen_by_production(forwarded_allow_ips=None):
    """Status and Location of a production server answering a client that claims HTTPS in X-Forwarded-Proto."""
    workdir = Path(tempfile.mkdtemp(prefix="medlex-proxy-"))
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLEX_", "DJANGO_", "FORWARDED_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        MEDLEX_ENV="production",
        MEDLEX_SECRET_KEY=GOOD_KEY,
        MEDLEX_ALLOWED_HOSTS="127.0.0.1",
        MEDLEX_SQLITE_PATH=str(workdir / "db.sqlite3"),
        MEDLEX_STATIC_ROOT=str(workdir / "static"),
    )
    if forwarded_allow_ips:
        env["FORWARDED_ALLOW_IPS"] = forwarded_allow_ips
    log = workdir / "gunicorn.log"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "medlex.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )
    try:
        deadline = time.time() + 40
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/en/", headers={"X-Forwarded-Proto": "https"})
                response = connection.getresponse()
                return response.status, response.getheader("Location")
            except OSError:
                assert time.time() < deadline and process.poll() is None, log.read_text()
                time.sleep(0.25)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def test_a_client_that_is_not_the_proxy_cannot_claim_https():
    status, location = scheme_seen_by_production(forwarded_allow_ips="192.0.2.1")  # the proxy is elsewhere
    assert status == 301 and location.startswith("https://")


def test_the_proxy_in_front_on_the_same_machine_is_believed():
    status, location = scheme_seen_by_production()
    assert not (status == 301 and (location or "").startswith("https://"))


def test_production_refuses_to_let_gunicorn_believe_any_client():
    for overrides in ({"FORWARDED_ALLOW_IPS": "*"}, {"GUNICORN_CMD_ARGS": "--workers 2 --forwarded-allow-ips=*"}):
        result = run_check(**overrides)
        assert result.returncode != 0 and "FORWARDED_ALLOW_IPS" in result.stderr
