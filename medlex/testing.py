"""Test support: a real medlex server in a subprocess, and Chromium through Playwright.

Browser tests run against the server the way a user meets it (own process, own
database with the demo content), on SQLite or, when DATABASE_URL points at
PostgreSQL, on a fresh database of that cluster.

Migrating and loading the demo content is the slow part of a server's start, and
its result is the same for every server. So it is done once per test run, into a
template (``demo_template``), and each server gets a copy of its own: the database
(copied with SQLite's backup, or created from the template database by PostgreSQL),
the media files the demo content refers to, and for production servers the
collected static files. What one server's tests change stays in that server's copy.
The test run's own database goes through the same steps, so the template is a copy
of it when there is one (``keep_as_demo_template``), and the steps run only once.
"""

import atexit
import glob
import io
import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
import uuid
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import close_caches
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import FileField

from medlex.env import DATABASE_CACHE_TABLE

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


def start_redis(port, workdir, *options):
    """A throwaway redis-server on 127.0.0.1:``port`` that keeps nothing on disk; returns the process once it answers."""
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(workdir), *options],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    return server
        except OSError as error:
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("redis-server did not start") from error
        time.sleep(0.05)


def fresh_database_url(workdir, template=None):
    """A new, empty PostgreSQL database of DATABASE_URL's cluster (a copy of ``template`` if given); None on SQLite."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    import psycopg

    name = f"medlex_e2e_{uuid.uuid4().hex[:8]}"
    parsed = urlparse(url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return parsed._replace(path=f"/{name}").geturl()


def _drop_database(url):
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}"')


def _manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _site_env(workdir, database_url=None, **settings):
    """The environment of a medlex process whose database, media and static files are in ``workdir``.

    Only what is given here (and ``settings``) configures it; no setting of the test
    process leaks in.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLEX_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        MEDLEX_SQLITE_PATH=str(workdir / "db.sqlite3"),
        MEDLEX_MEDIA_ROOT=str(workdir / "media"),
        MEDLEX_STATIC_ROOT=str(workdir / "static"),
        **settings,
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


# Migrated, with the demo content and an empty cache: what every server starts from.
PREPARE_DEMO_SITE = """
from django.core.cache import cache
from django.core.management import call_command
call_command("migrate", "--noinput", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("load_demo", verbosity=0)
cache.clear()
"""
_demo_template = None


def demo_template():
    """The database, media and static files every test server starts from, made once per test run.

    Built by a medlex process of its own like a server's database used to be
    (migrate, cache table, demo content), then its cache is emptied, so a copy
    starts as a freshly deployed site does. Static files are collected the first
    time a production server needs them. Removed when the test run ends.
    """
    global _demo_template
    if _demo_template is None:
        workdir = Path(tempfile.mkdtemp(prefix="medlex-template-"))
        database_url = fresh_database_url(workdir)
        template = _new_template(workdir, database_url)
        _manage(template.env, "shell", "--no-imports", "-c", PREPARE_DEMO_SITE)
        _demo_template = template
    return _demo_template


def _new_template(workdir, database_url):
    """The template of ``workdir`` and its database, removed when the test run ends."""
    template = SimpleNamespace(
        workdir=workdir, database_url=database_url, env=_site_env(workdir, database_url), static=None
    )
    atexit.register(_remove_demo_template, template)
    return template


def keep_as_demo_template():
    """Make the test process's database, just migrated and given the demo content, the servers' template.

    Called by the test run's database set-up before any test changes it; a copy is
    what ``demo_template`` would otherwise build in a process of its own. The copy
    gets the demo's media files and, as a freshly deployed site has, an empty cache.
    A template made already (a server test that ran before any database test) stays.
    """
    global _demo_template
    if _demo_template is not None:
        return
    workdir = Path(tempfile.mkdtemp(prefix="medlex-template-"))
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.close()  # PostgreSQL copies only a database nobody is connected to
        database_url = fresh_database_url(workdir, template=name)
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as copy:
            copy.execute(f'DELETE FROM "{DATABASE_CACHE_TABLE}"')
    else:
        database_url = None
        connection.ensure_connection()
        copy = sqlite3.connect(workdir / "db.sqlite3")
        try:
            connection.connection.backup(copy)
            copy.execute(f'DELETE FROM "{DATABASE_CACHE_TABLE}"')
            copy.commit()
        finally:
            copy.close()
    (workdir / "media").mkdir()
    for name in _media_files_named_in_the_database():
        source = Path(settings.MEDIA_ROOT) / name
        if source.is_file():
            (workdir / "media" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, workdir / "media" / name)
    _demo_template = _new_template(workdir, database_url)


def _media_files_named_in_the_database():
    """The names of the files that any file field of any row refers to (the demo's images, their renditions, ...).

    Only these, not all of MEDIA_ROOT, which earlier test runs on the same checkout fill up.
    """
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                yield from model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)


def _remove_demo_template(template):
    if template.database_url:
        _drop_database(template.database_url)
    shutil.rmtree(template.workdir, ignore_errors=True)


def copy_of_demo_site(workdir, static=False):
    """Give ``workdir`` its own copy of the demo site; return the DATABASE_URL of its database (None on SQLite).

    ``static``: also the static files as ``collectstatic`` leaves them in production.
    """
    template = demo_template()
    if template.database_url:
        database_url = fresh_database_url(workdir, template=urlparse(template.database_url).path.lstrip("/"))
    else:
        database_url = None
        # The backup API copies what the write-ahead log holds too.
        source, copy = sqlite3.connect(template.workdir / "db.sqlite3"), sqlite3.connect(workdir / "db.sqlite3")
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
    shutil.copytree(template.workdir / "media", workdir / "media", symlinks=True)
    if static:
        if template.static is None:
            _manage({**template.env, **production_env()}, "collectstatic", "--noinput", "--verbosity", "0")
            template.static = template.workdir / "static"
        shutil.copytree(template.static, workdir / "static", dirs_exist_ok=True)
    return database_url


class Server:
    def __init__(self, workdir, env, port):
        self.workdir, self.env, self.port = workdir, env, port
        self.url = f"http://127.0.0.1:{port}"
        self._shell = None

    def manage(self, *args):
        return _manage(self.env, *args)

    def shell(self, code):
        """What ``manage.py shell -c code`` prints, run in this server's settings by its ``ShellSession``."""
        if self._shell is None:
            self._shell = ShellSession(self.env, self.workdir / "shell.log")
        return self._shell.run(code)

    def close(self):
        if self._shell is not None:
            self._shell.close()

    def create_user(self, email, password, group=None, first_name="", last_name=""):
        """A user with a confirmed e-mail address in ``group`` (by name; the verified professionals' by default)."""
        self.shell(
            "from django.contrib.auth import get_user_model; from django.contrib.auth.models import Group\n"
            "from accounts.states import VERIFIED_PROFESSIONALS_GROUP\n"
            f"u = get_user_model().objects.create_user({email!r}, {email!r}, {password!r}, first_name={first_name!r}, last_name={last_name!r})\n"
            f"u.groups.add(Group.objects.get_or_create(name={group!r} or VERIFIED_PROFESSIONALS_GROUP)[0])\n"
            "from allauth.account.models import EmailAddress\n"
            "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)"
        )
        return email

    def create_verified_user(self, email, password, first_name, last_name):
        """A user of the verified professionals' group, to log in with in the browser."""
        return self.create_user(email, password, first_name=first_name, last_name=last_name)

    def session_cookie(self, email):
        """``name=value`` of a session logged in as ``email``, for a client that does not go through the login form."""
        output = self.shell(
            "from django.conf import settings; from django.contrib.auth import get_user_model; from django.test import Client\n"
            f"client = Client(); client.force_login(get_user_model().objects.get(email={email!r}))\n"
            "print(settings.SESSION_COOKIE_NAME + '=' + client.cookies[settings.SESSION_COOKIE_NAME].value)"
        )
        return output.strip().splitlines()[-1]

    def browser_cookie(self, email):
        """The session of ``email`` as a cookie for a browser context (Playwright's ``add_cookies``): logged in, no form."""
        name, value = self.session_cookie(email).split("=", 1)
        return {"name": name, "value": value, "url": self.url}


class ShellSession:
    """One medlex process that runs snippets as ``manage.py shell -c`` does, one after another.

    A new Django process costs seconds of CPU before it runs a line (settings, every
    app's models, Wagtail's hooks), many times what a test's snippet needs (create a
    user, read an id). This process starts once per server and runs each snippet
    through the same ``shell`` command. Between snippets it closes its database and cache
    connections, as a process that ends would, so it holds no lock or connection
    while the server works.
    """

    def __init__(self, env, log):
        self._log = open(log, "a")
        self._process = subprocess.Popen(
            [sys.executable, "-c", "from medlex.testing import serve_shell_session; serve_shell_session()"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )

    def run(self, code):
        self._process.stdin.write(json.dumps(code) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the shell session ended; its log: {self._log.name}")
        succeeded, output = json.loads(answer)
        if not succeeded:
            raise RuntimeError(f"manage.py shell -c failed:\n{output}")
        return output

    def close(self):
        self._process.stdin.close()
        self._process.wait(timeout=10)
        self._log.close()


def serve_shell_session():
    """The process behind ``ShellSession``: each line of stdin is a snippet, each line of stdout its result."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
    django.setup()
    results = sys.stdout
    for line in sys.stdin:
        output = io.StringIO()
        try:
            with redirect_stdout(output):
                call_command("shell", command=json.loads(line))
            succeeded = True
        except (Exception, SystemExit):
            output.write(traceback.format_exc())
            succeeded = False
        finally:
            connections.close_all()
            close_caches()
        results.write(json.dumps([succeeded, output.getvalue()]) + "\n")
        results.flush()


def production_env(**settings):
    """Production mode behind the documented nginx on this machine, for ``running_server(..., gunicorn=True)``.

    nginx redirects plain HTTP itself, and the app's own redirect would refuse the
    start-up check, which asks gunicorn directly; so that one is off. ``settings``
    adds to or overrides these.
    """
    return {
        "MEDLEX_ENV": "production",
        "MEDLEX_SECRET_KEY": secrets.token_urlsafe(64),
        "MEDLEX_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDLEX_SSL_REDIRECT": "false",
        "MEDLEX_TRUSTED_PROXY_COUNT": "1",
        **settings,
    }


@contextmanager
def running_server(extra_env=None, gunicorn=False):
    """Start medlex with its own database and the demo content; yield a Server.

    ``gunicorn``: serve as in production (gunicorn, collected static files in
    ``workdir/static`` next to ``workdir/media``) instead of with runserver; production
    settings come through ``extra_env``.
    """
    workdir = Path(tempfile.mkdtemp(prefix="medlex-e2e-"))
    env = dict(
        os.environ,
        MEDLEX_SQLITE_PATH=str(workdir / "db.sqlite3"),
        MEDLEX_MEDIA_ROOT=str(workdir / "media"),
        MEDLEX_STATIC_ROOT=str(workdir / "static"),
    )
    database_url = copy_of_demo_site(workdir, static=gunicorn)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra_env or {})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = Server(workdir, env, free_port())
    if gunicorn:
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "medlex.wsgi",
            "--bind",
            f"127.0.0.1:{server.port}",
            "--workers",
            "1",
        ]
    else:
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{server.port}"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(workdir / "server.log", "w")
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(server.url + "/healthz", timeout=2)
                break
            except Exception as error:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("server did not start:\n" + (workdir / "server.log").read_text()) from error
                time.sleep(0.2)
        yield server
    finally:
        server.close()
        process.terminate()
        process.wait(timeout=10)


NGINX_CONF = ROOT / "deploy" / "nginx.conf"
# Debian's libnginx-mod-http-cache-purge (deploy/nginx.conf purges cached pages with it).
NGINX_PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"


def nginx_site_config(app_port, port, workdir, media_root, static_root, purge_port=None, tls=False):
    """deploy/nginx.conf as documented, with its ports and paths pointed at a test set-up.

    ``purge_port``: where nginx takes purges of cached pages (a free port if not given).
    ``tls``: HTTPS with a throwaway self-signed certificate made in ``workdir``, as a
    scanner meets the site; otherwise plain HTTP on 127.0.0.1. Everything else is the
    file as shipped. Each replaced line must be found, so a changed deploy file fails
    here instead of being tested half-way.
    """
    config = NGINX_CONF.read_text()
    if tls:
        certificate, key = workdir / "cert.pem", workdir / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(certificate),
            ],
            check=True,
            capture_output=True,
        )
    replacements = [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("proxy_cache_path /var/cache/nginx/medlex ", f"proxy_cache_path {workdir}/cache "),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl;" if tls else f"listen 127.0.0.1:{port};"),
        ("ssl_certificate     /etc/ssl/certs/medlex.pem;", f"ssl_certificate {certificate};" if tls else ""),
        ("ssl_certificate_key /etc/ssl/private/medlex.key;", f"ssl_certificate_key {key};" if tls else ""),
        ("alias /srv/medlex/var/static/;", f"alias {static_root}/;"),
        ("alias /srv/medlex/var/media/;", f"alias {media_root}/;"),
        ("listen 80;", f"listen 127.0.0.1:{free_port()};"),
        ("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{purge_port or free_port()};"),
    ]
    for old, new in replacements:
        if config.count(old) != 1:
            raise RuntimeError(
                f"{NGINX_CONF} no longer has exactly one {old!r}; update medlex.testing.nginx_site_config"
            )
        config = config.replace(old, new)
    return config


@contextmanager
def running_nginx(server, tls=False):
    """Debian's nginx with deploy/nginx.conf in front of ``server`` (see running_server); yield its base URL.

    Its workers run as nginx's default unprivileged user, as www-data would in
    production, so the server's work directory is made readable to them. Purges are
    taken where the server's MEDLEX_PURGE_URL points, so the pages it publishes are
    purged here; Debian's cache purge module is loaded as its package does.
    """
    workdir = Path(tempfile.mkdtemp(prefix="medlex-nginx-"))
    port = free_port()
    purge_url = server.env.get("MEDLEX_PURGE_URL")
    purge_port = urlparse(purge_url).port if purge_url else None
    site = nginx_site_config(
        server.port, port, workdir, server.workdir / "media", server.workdir / "static", purge_port, tls
    )
    (workdir / "medlex.conf").write_text(site)
    temp_paths = "".join(
        f"    {kind}_temp_path {workdir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (workdir / "nginx.conf").write_text(
        f"load_module {NGINX_PURGE_MODULE};\ndaemon off;\npid {workdir}/nginx.pid;\nerror_log {workdir}/error.log;\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {workdir}/access.log;\n{temp_paths}"
        f"    include {workdir}/medlex.conf;\n}}\n"
    )
    for directory in (workdir, server.workdir):
        directory.chmod(0o755)
    process = subprocess.Popen(
        ["nginx", "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(workdir / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError as error:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("nginx did not start:\n" + (workdir / "error.log").read_text()) from error
                time.sleep(0.1)
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
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


def screenshot(page, name, full_page=True):
    """The whole page, or with ``full_page=False`` what the reader sees in the window."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def save_screenshot_image(image, name):
    """A picture made outside the browser (a Pillow image, e.g. a PDF's page), kept beside the screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOTS / f"{name}.png")


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Production's PBKDF2, with far fewer rounds, for the test process's own database.

    Its million rounds cost half a second of CPU per password set or checked, and
    the suite's fixtures set thousands; the hashes keep production's format and
    every password check goes the same way. Servers that tests start in a process
    of their own (``running_server``) hash as production does.
    """

    iterations = 1000


def postgres_program(name):
    """A program of the newest PostgreSQL server installed (Debian keeps them per version)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise RuntimeError("PostgreSQL server programs not found: install Debian's postgresql package.")
    return candidates[-1]


def as_postgres_user(args):
    """initdb and postgres refuse to run as root; Debian's package brings a postgres user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


class PostgresCluster:
    """A throwaway PostgreSQL cluster in ``workdir``, listening on 127.0.0.1:``port``, user ``medlex``.

    ``primary``: WAL for streaming replicas and a ``replicator`` role allowed to take it
    (pg_hba). A replica is made with ``replica_of``: ``pg_basebackup -R`` from a primary.
    """

    def __init__(self, workdir, port):
        self.workdir, self.port = Path(workdir), port
        self.data = self.workdir / "data"
        self.log = self.workdir / "server.log"

    @classmethod
    def primary(cls, workdir):
        cluster = cls(workdir, free_port())
        cluster.prepare_workdir()
        subprocess.run(
            as_postgres_user(
                [postgres_program("initdb"), "-D", str(cluster.data), "-U", "medlex", "-A", "trust"]
                + ["-E", "UTF8", "--no-sync", "--locale=C.UTF-8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(cluster.data / "pg_hba.conf", "a") as hba:
            hba.write("host replication replicator 127.0.0.1/32 trust\n")
        cluster.start("-c wal_level=replica -c max_wal_senders=4")
        cluster.sql("CREATE ROLE replicator WITH REPLICATION LOGIN")
        return cluster

    @classmethod
    def replica_of(cls, primary, workdir):
        cluster = cls(workdir, free_port())
        cluster.prepare_workdir()
        subprocess.run(
            as_postgres_user(
                [postgres_program("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "replicator"]
                + ["-D", str(cluster.data), "-R", "-X", "stream", "--no-sync"]
            ),
            check=True,
            capture_output=True,
        )
        cluster.start("-c hot_standby=on")
        return cluster

    def prepare_workdir(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")

    def start(self, options=""):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.workdir} -c fsync=off {options}"
        subprocess.run(
            as_postgres_user([postgres_program("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options])
            + ["-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        subprocess.run(
            as_postgres_user([postgres_program("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def url(self, database="medlex"):
        return f"postgres://medlex@127.0.0.1:{self.port}/{database}"

    def sql(self, query, database="postgres"):
        """The rows of ``query``, run in autocommit."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(query)
            return cursor.fetchall() if cursor.description else []


def query_plan(sql):
    """The database's plan for ``sql``, its lines joined by " | ".

    On PostgreSQL with sequential scans switched off for the transaction: a test
    database is small enough that scanning a table would win, and a test asks which
    indexes a query can use at the sizes the site serves.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return " | ".join(str(row) for row in cursor.fetchall())
