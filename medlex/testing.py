"""Test support: a real medlex server in a subprocess, and Chromium through Playwright.

Browser tests run against the server the way a user meets it (own process, own
database prepared with migrate and the demo content), on SQLite or, when
DATABASE_URL points at PostgreSQL, on a fresh database of that cluster.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Browser tests write their screenshots to a build folder; `make screenshots` points this
# at docs/screenshots to refresh the pictures in the documentation.
SCREENSHOTS = Path(os.environ.get("MEDLEX_SCREENSHOT_DIR", ROOT / "var" / "screenshots"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fresh_database_url(workdir):
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    import psycopg

    name = f"medlex_e2e_{uuid.uuid4().hex[:8]}"
    parsed = urlparse(url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return parsed._replace(path=f"/{name}").geturl()


class Server:
    def __init__(self, workdir, env, port):
        self.workdir, self.env, self.port = workdir, env, port
        self.url = f"http://127.0.0.1:{port}"

    def manage(self, *args, input=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, input=input, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "-c", code)

    def create_verified_user(self, email, password, first_name, last_name):
        """A user of the verified professionals' group, to log in with in the browser."""
        self.shell(
            "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
            "from access.policy import VERIFIED_PROFESSIONALS_GROUP\n"
            f"u = get_user_model().objects.create_user({email!r}, {email!r}, {password!r}, first_name={first_name!r}, last_name={last_name!r})\n"
            "u.groups.add(Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0])\n"
            "from allauth.account.models import EmailAddress\n"
            "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)"
        )
        return email


@contextmanager
def running_server(extra_env=None):
    """Start medlex with its own database and the demo content; yield a Server."""
    workdir = Path(tempfile.mkdtemp(prefix="medlex-e2e-"))
    env = dict(os.environ, MEDLEX_SQLITE_PATH=str(workdir / "db.sqlite3"), MEDLEX_MEDIA_ROOT=str(workdir / "media"))
    database_url = _fresh_database_url(workdir)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra_env or {})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = Server(workdir, env, free_port())
    server.manage("migrate", "--noinput")
    server.manage("createcachetable")
    server.manage("load_demo")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{server.port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "server.log", "w"),
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(server.url + "/healthz", timeout=2)
                break
            except Exception:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("server did not start:\n" + (workdir / "server.log").read_text())
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def chromium_browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
