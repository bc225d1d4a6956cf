"""What the benchmarks share: a production-mode stack with the demo content, served by gunicorn.

``Stack`` prepares a fresh database with the demo content (SQLite in a temporary
folder, or a new PostgreSQL database when ``DATABASE_URL`` is set), optionally a
Redis server for cache and sessions, a verified professional's session, and
starts gunicorn the way production does (``MEDLEX_ENV=production``, DEBUG off).
The code served is the checkout the benchmark runs from, or another one
(``app_dir``: a commit checked out next to it), so a benchmark can measure a
commit it does not itself contain.

The helpers measure from outside: ``wrk`` for requests/s and latency, and the
workers' CPU time from ``/proc``, which varies far less than requests/s on a
shared virtual machine.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from medlex.testing import free_port, fresh_database_url, start_redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")


def wait_for(url, timeout=60, headers=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def fetch(url, cookie=None):
    """One GET: (status, headers, body). Error answers are returned, not raised."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    return response.status, response.headers, response.read()


def wrk(url, duration, connections, cookie=None, script=None, threads=2):
    """Run wrk against ``url``: (requests/s, p99 in ms, requests). Any error answer stops the benchmark."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return rps, p99, int(re.search(r"(\d+) requests in", out).group(1))


def workers(master, column):
    """One ``ps`` column of each gunicorn worker (the master's children)."""
    return subprocess.run(
        ["ps", "-o", f"{column}=", "--ppid", str(master.pid)], capture_output=True, text=True
    ).stdout.split()


def worker_rss_mib(master):
    """Resident memory of each worker, in MiB."""
    return sorted(int(kib) / 1024 for kib in workers(master, "rss"))


def worker_cpu_seconds(master):
    """CPU time (user + system) used so far by the gunicorn master's workers."""
    ticks = 0
    for pid in workers(master, "pid"):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(server, url, duration, connections, cookie=None):
    """wrk against one server: (requests/s, p99 in ms, the workers' CPU milliseconds per request)."""
    cpu_before = worker_cpu_seconds(server)
    rps, p99, requests = wrk(url, duration, connections, cookie)
    return rps, p99, (worker_cpu_seconds(server) - cpu_before) * 1000 / requests


# A verified professional with a session made the way a login makes it, and the
# article every benchmark measures: the English CNO article.
SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from accounts.states import VERIFIED_PROFESSIONALS_GROUP
from articles.models import ArticlePage
User = get_user_model()
user, _ = User.objects.get_or_create(username="bench@example.org", defaults={"email": "bench@example.org"})
user.set_unusable_password(); user.save()
user.groups.add(Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0])
page = ArticlePage.objects.get(locale__language_code="en", icd10_codes__code="M86.9-")
others = ArticlePage.objects.live().filter(locale__language_code="en").exclude(translation_key=page.translation_key)
print(page.url, *(other.url for other in others.order_by("pk")[:10]))
"""

# A session for the verified professional, as a login with the settings in force makes it
# (its authentication backend must be one of AUTHENTICATION_BACKENDS).
SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, SESSION_KEY, HASH_SESSION_KEY
user = get_user_model().objects.get(username="bench@example.org")
s = import_module(settings.SESSION_ENGINE).SessionStore()
s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]; s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.create()
print(s.session_key)
"""


class Stack:
    """A production-mode medlex with the demo content, its database and (optionally) Redis.

    Use as a context manager: everything it started is stopped, and its
    temporary folder removed, on the way out.
    """

    def __init__(self, app_dir=None, redis=False, workers=2):
        self.app_dir = Path(app_dir).resolve() if app_dir else ROOT
        self.redis = redis
        self.workers = workers
        self.workdir = Path(tempfile.mkdtemp(prefix="medlex-bench-"))
        self.servers = []
        self.env = dict(
            os.environ,
            MEDLEX_ENV="production",
            MEDLEX_SECRET_KEY="bench-" + "k3y!" * 16,
            MEDLEX_ALLOWED_HOSTS="127.0.0.1,localhost",
            MEDLEX_SSL_REDIRECT="false",
            MEDLEX_SQLITE_PATH=str(self.workdir / "bench.sqlite3"),
            MEDLEX_MEDIA_ROOT=str(self.workdir / "media"),
            MEDLEX_BENCH_BODY=str(self.workdir / "body.html"),
            MEDLEX_BENCH_READER_BODY=str(self.workdir / "reader-body.html"),
        )
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.env.pop("MEDLEX_DELIVERY_OFF", None)

    def __enter__(self):
        # Stopped with SIGTERM or SIGINT (even when started in the background, where
        # SIGINT is ignored), the run still stops what it started on the way out.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, signal.default_int_handler)
        return self

    def __exit__(self, *exc):
        for server in self.servers:
            self._terminate(server)
        shutil.rmtree(self.workdir, ignore_errors=True)

    @property
    def database(self):
        return "PostgreSQL" if self.env.get("DATABASE_URL") else "SQLite"

    def describe(self):
        cache = "Redis" if self.redis else "database"
        where = "" if self.app_dir == ROOT else f", code from {self.app_dir}"
        return f"{self.database}, {cache} cache and sessions; gunicorn, {self.workers} workers{where}; {os.cpu_count()} CPUs"

    def manage(self, *args, env=None):
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=self.app_dir,
            env=env or self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code, env=None):
        return self.manage("shell", "--no-imports", "-c", code, env=env)

    def prepare(self):
        """Database (and Redis) with the demo content; returns the verified reader's session key and article URLs."""
        if os.environ.get("DATABASE_URL"):
            self.env["DATABASE_URL"] = fresh_database_url(self.workdir)
        if self.redis:
            redis_port = free_port()
            self.servers.append(start_redis(redis_port, self.workdir))
            self.env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        print("Preparing a production-mode database with the demo content ...", flush=True)
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput")
        article_url, *others = self.shell(SETUP).split()
        return self.session(), article_url, others

    def session(self, env=None):
        """A new session key of the verified professional, made under ``env``'s settings (default: the stack's)."""
        return self.shell(SESSION, env).strip()

    def environment(self, extra_env=None, harness_code=False):
        """The stack's environment with ``extra_env``.

        ``harness_code``: a module it names (a WSGI module, a settings module) is
        one of the benchmark's own files, which the measured checkout may not
        contain; it is then found after the measured code on the import path.
        """
        env = dict(self.env, **(extra_env or {}))
        if harness_code and self.app_dir != ROOT:
            env["PYTHONPATH"] = os.pathsep.join([str(self.app_dir), str(ROOT)])
        return env

    def gunicorn(self, module, extra_env=None, harness_code=False):
        """Start gunicorn serving ``module``; returns (the master process, its base URL), once it answers."""
        env = self.environment(extra_env, harness_code)
        port = free_port()
        command = [
            GUNICORN,
            module,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
        ]
        server = subprocess.Popen(command, cwd=self.app_dir, env=env)
        self.servers.append(server)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while not self._answers(base):
            if server.poll() is not None or time.time() > deadline:
                raise SystemExit(f"gunicorn {module} ({extra_env or {}}) did not start")
            time.sleep(0.2)
        return server, base

    @staticmethod
    def _answers(base):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
        except urllib.error.HTTPError:
            return True  # any answer from Django, even a 404, means the server is up
        except Exception:
            return False
        return True

    def stop(self, server):
        self._terminate(server)
        self.servers.remove(server)

    @staticmethod
    def _terminate(server):
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def verified_cookie(self, base, article_url, session_key):
        """The cookies a verified reader's browser sends: the session and the CSRF cookie of its first page.

        A browser sends back the CSRF cookie it got, so the server does not mint a
        new token on every request.
        """
        status, headers, _ = fetch(base + article_url, f"sessionid={session_key}")
        if status != 200:
            raise SystemExit(f"{base}{article_url}: HTTP {status} for the verified reader")
        csrf = re.search(r"csrftoken=([^;]+)", "; ".join(headers.get_all("Set-Cookie") or [])).group(1)
        return f"sessionid={session_key}; csrftoken={csrf}"
