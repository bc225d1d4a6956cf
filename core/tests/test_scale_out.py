"""Scale-out: PostgreSQL, Redis and two app servers behave as one site.

Starts Redis and two gunicorn app servers (production mode) on a fresh
database of the test run's PostgreSQL cluster, and checks what an operator
relies on when adding servers: sessions, cache invalidation and revocation
are shared, not per process.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from accounts.tests.second_factor import totp_code
from articles.tests.helpers import therapy_is_open
from medlex.testing import ROOT, copy_of_demo_site, free_port, start_redis

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the test suite (make test-postgres)",
)

PASSWORD = "scale-out-password-1"
# The operator's authenticator app: the admin needs a second factor.
OPS_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
SECRET = "scale-out-" + "s3cr3t!" * 10
SITE_HOST = "medlex.test"  # the name nginx passes on to every app server


def wait_until_up(url, process, log):
    deadline = time.time() + 40
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited:\n{log.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:  # refused, reset or timed out while the server starts
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not start:\n{log.read_text()}")


@pytest.fixture(scope="module")
def cluster():
    workdir = Path(tempfile.mkdtemp(prefix="medlex-scale-"))
    processes = []
    try:
        redis_port = free_port()
        redis = start_redis(redis_port, workdir)
        processes.append(redis)
        env = dict(
            {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            MEDLEX_ENV="production",
            MEDLEX_SECRET_KEY=SECRET,
            MEDLEX_ALLOWED_HOSTS=f"127.0.0.1,localhost,{SITE_HOST}",
            MEDLEX_TRUSTED_PROXY_COUNT="1",
            MEDLEX_SSL_REDIRECT="false",
            MEDLEX_MEDIA_ROOT=str(workdir / "media"),
            MEDLEX_STATIC_ROOT=str(workdir / "static"),
            DATABASE_URL=copy_of_demo_site(workdir, static=True),
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        )

        def manage(*args):
            result = subprocess.run(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
            )
            assert result.returncode == 0, result.stdout + result.stderr
            return result.stdout

        manage(
            "shell",
            "--no-imports",
            "-c",
            "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
            "from accounts.states import VERIFIED_PROFESSIONALS_GROUP\n"
            f"u = get_user_model().objects.create_user('scale@example.org', 'scale@example.org', '{PASSWORD}')\n"
            "u.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))\n"
            f"ops = get_user_model().objects.create_superuser('ops@example.org', 'ops@example.org', '{PASSWORD}')\n"
            "from allauth.account.models import EmailAddress\n"
            "for user in (u, ops): EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)\n"
            "from allauth.mfa.models import Authenticator\n"
            "from allauth.mfa.utils import encrypt\n"
            f"Authenticator.objects.create(user=ops, type=Authenticator.Type.TOTP, data={{'secret': encrypt('{OPS_SECRET}')}})",
        )
        servers = []
        for name in ("a", "b"):
            port = free_port()
            log = workdir / f"{name}.log"
            process = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "medlex.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(log, "w"),
            )
            processes.append(process)
            wait_until_up(f"http://127.0.0.1:{port}/healthz", process, log)
            servers.append(f"http://127.0.0.1:{port}")
        yield {"a": servers[0], "b": servers[1], "manage": manage}
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


class BehindTlsProxy(http.cookiejar.DefaultCookiePolicy):
    """The servers sit behind a TLS-terminating proxy, so secure cookies do travel."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """Just enough of a browser behind nginx: one cookie jar and client address, any server.

    Each request carries what deploy/nginx.conf adds in front of the app servers: the
    site's host name, the TLS scheme and the client's address.
    """

    def __init__(self, client_ip="192.0.2.10"):
        self.jar = http.cookiejar.CookieJar(policy=BehindTlsProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.headers = {"Host": SITE_HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": client_ip}

    def _open(self, url, data=None, headers=()):
        request = urllib.request.Request(url, data=data, headers={**self.headers, **dict(headers)})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, url):
        return self._open(url)

    def post(self, url, data):
        path = urllib.parse.urlsplit(url).path
        return self._open(url, urllib.parse.urlencode(data).encode(), {"Referer": f"https://{SITE_HOST}{path}"})

    def csrf_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def try_log_in(self, base, email, password):
        status, html = self.get(f"{base}/en/accounts/login/")
        assert status == 200
        return self.post(
            f"{base}/en/accounts/login/",
            {"csrfmiddlewaretoken": self.csrf_token(html), "login": email, "password": password, "next": "/en/"},
        )

    def log_in(self, base, email, totp_secret=None):
        status, html = self.try_log_in(base, email, PASSWORD)
        if totp_secret is not None:  # then allauth asks for the code
            assert 'name="code"' in html
            status, html = self.post(
                f"{base}/en/accounts/2fa/authenticate/",
                {"csrfmiddlewaretoken": self.csrf_token(html), "code": totp_code(totp_secret)},
            )
        # A refused login shows the form again, with the e-mail address still filled in.
        assert status == 200 and email in html and 'name="password"' not in html, "login failed"


ARTICLE = "/en/cno-syndrome/"
GATED_HEADING = 'id="therapy-heading"'


def test_login_on_one_server_is_valid_on_the_other(cluster):
    browser = Browser()
    browser.log_in(cluster["a"], "scale@example.org")
    status, html = browser.get(cluster["b"] + ARTICLE)
    assert status == 200 and GATED_HEADING in html
    assert therapy_is_open(html)


def test_unpublish_on_one_server_is_seen_through_the_other_at_once(cluster):
    reader, operator = Browser(), Browser()
    assert reader.get(cluster["b"] + "/en/sapho-syndrome/")[0] == 200  # cached on b
    operator.log_in(cluster["a"], "ops@example.org", OPS_SECRET)
    page_id = cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from articles.models import ArticlePage; print(ArticlePage.objects.get(url_path__endswith='/sapho-syndrome/').pk)",
    ).strip()
    status, html = operator.get(f"{cluster['a']}/admin/pages/{page_id}/unpublish/")
    assert status == 200
    status, _ = operator.post(
        f"{cluster['a']}/admin/pages/{page_id}/unpublish/", {"csrfmiddlewaretoken": operator.csrf_token(html)}
    )
    assert status == 200
    assert reader.get(cluster["b"] + "/en/sapho-syndrome/")[0] == 404
    assert "sapho-syndrome" not in reader.get(cluster["b"] + ARTICLE)[1]  # related link gone from cached CNO page


def test_revocation_on_one_server_takes_effect_on_the_other_at_once(cluster):
    browser = Browser()
    browser.log_in(cluster["b"], "scale@example.org")
    assert therapy_is_open(browser.get(cluster["b"] + ARTICLE)[1])
    cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.get(username='scale@example.org').groups.clear()",
    )
    assert not therapy_is_open(browser.get(cluster["b"] + ARTICLE)[1])
    assert not therapy_is_open(browser.get(cluster["a"] + ARTICLE)[1])


def test_deactivating_an_account_on_one_server_logs_it_out_on_both_at_once(cluster):
    """Both servers serve the reader from cached user rows; the deactivation must still be seen at once."""
    cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
        "from allauth.account.models import EmailAddress\n"
        "from accounts.states import VERIFIED_PROFESSIONALS_GROUP\n"
        f"u = get_user_model().objects.create_user('leaving@example.org', 'leaving@example.org', '{PASSWORD}')\n"
        "u.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))\n"
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)",
    )
    browser = Browser()
    browser.log_in(cluster["a"], "leaving@example.org")
    for server in ("a", "b", "a", "b"):  # the second round is served warm, user rows from the cache
        assert "leaving@example.org" in browser.get(cluster[server] + ARTICLE)[1]
    cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "u = get_user_model().objects.get(username='leaving@example.org')\n"
        "u.is_active = False\n"
        "u.save()",
    )
    for server in ("b", "a"):
        html = browser.get(cluster[server] + ARTICLE)[1]
        assert "leaving@example.org" not in html and not therapy_is_open(html)


TOO_MANY_ATTEMPTS = "Too many failed login attempts"


def test_failed_logins_count_across_both_servers(cluster):
    """Five wrong passwords spread over both servers lock that address out of the account on either."""
    attacker = Browser(client_ip="198.51.100.7")
    for attempt in range(5):
        server = cluster["a" if attempt % 2 else "b"]
        status, html = attacker.try_log_in(server, "scale@example.org", f"wrong-password-{attempt}")
        assert status == 200 and TOO_MANY_ATTEMPTS not in html
    status, html = attacker.try_log_in(cluster["a"], "scale@example.org", PASSWORD)
    assert TOO_MANY_ATTEMPTS in html
    status, html = attacker.get(cluster["b"] + "/en/accounts/professional/")
    assert 'name="password"' in html  # still anonymous: the account page sends to the login form


def test_per_address_limit_counts_the_client_behind_the_proxy_not_the_proxy(cluster):
    """Ten failures from one address block that address only, on both servers."""
    noisy = Browser(client_ip="203.0.113.66")
    for attempt in range(10):
        noisy.try_log_in(cluster["a" if attempt % 2 else "b"], f"nobody{attempt}@example.org", "wrong-password")
    assert TOO_MANY_ATTEMPTS in noisy.try_log_in(cluster["b"], "someone-else@example.org", "wrong-password")[1]
    colleague = Browser(client_ip="203.0.113.67")  # same hospital proxy, different client
    colleague.log_in(cluster["b"], "scale@example.org")  # wrong passwords from elsewhere (above) do not lock it


def test_a_readers_note_and_recently_read_stay_theirs_on_both_servers_warm_pages(cluster):
    """Notes are a reader part of the shared page: another reader's warm view on either server never shows them."""
    cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
        "from allauth.account.models import EmailAddress\n"
        "from accounts.states import VERIFIED_PROFESSIONALS_GROUP\n"
        "for email in ('nora@example.org', 'cem@example.org'):\n"
        f"    u = get_user_model().objects.create_user(email, email, '{PASSWORD}')\n"
        "    u.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))\n"
        "    EmailAddress.objects.create(user=u, email=email, verified=True, primary=True)",
    )
    nora, cem = Browser(), Browser("192.0.2.11")
    nora.log_in(cluster["a"], "nora@example.org")
    cem.log_in(cluster["b"], "cem@example.org")
    for server in ("a", "b"):  # the professional shell is warm on both servers
        assert therapy_is_open(cem.get(cluster[server] + ARTICLE)[1])
    status, html = nora.get(cluster["a"] + ARTICLE)
    new_note = re.search(r'href="(/en/notes/new/\?article=(\d+)[^"]*)"', html)
    status, form = nora.get(cluster["a"] + new_note.group(1).replace("&amp;", "&"))
    assert status == 200
    status, html = nora.post(
        f"{cluster['a']}/en/notes/new/",
        {
            "csrfmiddlewaretoken": nora.csrf_token(form),
            "article": new_note.group(2),
            "section": "therapy",
            "text": "Nora's private note on therapy.",
        },
    )
    assert status == 200 and "Nora&#x27;s private note on therapy." in html
    for server in ("a", "b"):
        assert "Nora&#x27;s private note" in nora.get(cluster[server] + ARTICLE)[1]
        for _ in range(2):
            status, html = cem.get(cluster[server] + ARTICLE)
            assert status == 200 and therapy_is_open(html) and "Nora" not in html and 'id="your-notes"' in html
    recent = cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from notes.models import ReadingEntry\n"
        "readers = ReadingEntry.objects.filter(user__email__in=['nora@example.org', 'cem@example.org'])\n"
        "print(sorted(readers.values_list('user__email', flat=True)))",
    )
    assert recent.strip().splitlines()[-1] == "['cem@example.org', 'nora@example.org']"
