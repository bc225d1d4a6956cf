"""Degraded modes as production runs them: gunicorn, PostgreSQL and Redis, one part stopped at a time.

Redis is stopped and started again (empty) mid-test; the database refuses connections
and drops the app's for a while. What readers see is in docs/operations.md, "Degraded
modes"; everything recovers with no restart of the app server.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from articles.tests.helpers import therapy_is_open
from core.tests.test_scale_out import ARTICLE, PASSWORD, SECRET, SITE_HOST, Browser, wait_until_up
from delivery.redis_cache import RETRY_AFTER
from medlex.testing import ROOT, copy_of_demo_site, free_port, start_redis

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the test suite (make test-postgres)",
)

READER = "steady@example.org"


class Site:
    """One gunicorn app server with its own PostgreSQL database and a Redis the test can stop."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.redis_port = free_port()
        self.redis = start_redis(self.redis_port, workdir)
        self.database_url = copy_of_demo_site(workdir, static=True)
        self.env = dict(
            {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            MEDLEX_ENV="production",
            MEDLEX_SECRET_KEY=SECRET,
            MEDLEX_ALLOWED_HOSTS=f"127.0.0.1,localhost,{SITE_HOST}",
            MEDLEX_TRUSTED_PROXY_COUNT="1",
            MEDLEX_SSL_REDIRECT="false",
            MEDLEX_MEDIA_ROOT=str(workdir / "media"),
            MEDLEX_PRIVATE_ROOT=str(workdir / "private"),
            MEDLEX_STATIC_ROOT=str(workdir / "static"),
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
        )
        (workdir / "private").mkdir()
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", CREATE_READER],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = workdir / "app.log"
        self.app = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "medlex.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),
        )
        wait_until_up(self.url + "/healthz", self.app, log)

    def stop_redis(self):
        self.redis.terminate()
        self.redis.wait(timeout=10)

    def start_redis(self):
        self.redis = start_redis(self.redis_port, self.workdir)
        time.sleep(RETRY_AFTER + 0.2)  # the app server asks Redis again after this

    def database_connections(self, allowed):
        """Let the app's database take connections, or refuse them and drop the open ones."""
        import psycopg

        url = urlparse(self.database_url)
        name = url.path.lstrip("/")
        with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
            if not allowed:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])

    def health(self):
        return Browser()._open(self.url + "/healthz")

    def close(self):
        for process in (self.app, self.redis):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)


CREATE_READER = (
    "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
    "from allauth.account.models import EmailAddress\n"
    "from accounts.states import VERIFIED_PROFESSIONALS_GROUP\n"
    f"u = get_user_model().objects.create_user('{READER}', '{READER}', '{PASSWORD}')\n"
    "u.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))\n"
    "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)"
)


@pytest.fixture(scope="module")
def site():
    workdir = Path(tempfile.mkdtemp(prefix="medlex-degraded-"))
    site = None
    try:
        site = Site(workdir)
        yield site
    finally:
        if site is not None:
            site.close()
        shutil.rmtree(workdir, ignore_errors=True)


def test_with_redis_down_readers_read_on_stay_logged_in_and_sign_in_is_briefly_unavailable(site):
    reader, anonymous, newcomer = Browser(), Browser(), Browser(client_ip="192.0.2.20")
    reader.log_in(site.url, READER)
    assert therapy_is_open(reader.get(site.url + ARTICLE)[1])
    assert anonymous.get(site.url + ARTICLE)[0] == 200

    site.stop_redis()
    for _ in range(3):
        assert anonymous.get(site.url + ARTICLE)[0] == 200
        assert anonymous.get(site.url + "/de/")[0] == 200
        status, html = reader.get(site.url + ARTICLE)
        assert status == 200 and therapy_is_open(html)
    status, html = newcomer.try_log_in(site.url, READER, PASSWORD)
    assert status == 503 and "Sign-in is briefly unavailable" in html
    status, report = site.health()
    assert status == 200 and '"cache": {"status": "degraded"' in report

    site.start_redis()  # empty: it kept nothing
    status, html = reader.get(site.url + ARTICLE)
    assert status == 200 and therapy_is_open(html), "still logged in"
    newcomer.log_in(site.url, READER)
    status, report = site.health()
    assert status == 200 and report.startswith('{"status": "ok"')


def test_with_the_database_down_cached_pages_are_served_and_changes_answer_503_until_it_returns(site):
    reader, anonymous = Browser(), Browser()
    reader.log_in(site.url, READER)
    assert anonymous.get(site.url + ARTICLE)[0] == 200  # kept as a page shell in Redis
    logout_form = reader.get(site.url + "/de/accounts/logout/")[1]

    site.database_connections(allowed=False)
    try:
        assert anonymous.get(site.url + ARTICLE)[0] == 200
        status, html = reader.post(
            site.url + "/de/accounts/logout/", {"csrfmiddlewaretoken": reader.csrf_token(logout_form)}
        )
        assert status == 503
        assert "medlex ist kurz nicht erreichbar" in html and 'lang="de"' in html
        status, report = site.health()
        assert status == 503 and '"database": {"status": "error"' in report
    finally:
        site.database_connections(allowed=True)

    assert therapy_is_open(reader.get(site.url + ARTICLE)[1]), "the refused logout changed nothing"
    status, report = site.health()
    assert status == 200 and '"database": {"status": "ok"}' in report
