#!/usr/bin/env python
"""Article page throughput against a bare Django view, served the production way.

Starts gunicorn (DEBUG off, production settings, MEDLEX_WORKERS workers) on a
copy of the demo database, then measures with wrk: the CNO article for an
anonymous reader and for a verified professional, and a bare Django view that
returns the same bytes, in the same run. Prints requests/s, latency and the
ratio to the bare view, and the SQL queries per article view.

    .venv/bin/python bench/article_page.py [--duration 10] [--connections 16]
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def wait_for(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url, duration, connections, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return rps, p99


SETUP = """
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from access.policy import VERIFIED_PROFESSIONALS_GROUP
from articles.models import ArticlePage
User = get_user_model()
user, _ = User.objects.get_or_create(username="bench@example.org", defaults={"email": "bench@example.org"})
user.set_unusable_password(); user.save()
user.groups.add(Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0])
s = SessionStore(); s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"; s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s.create()
page = ArticlePage.objects.get(locale__language_code="en", icd10_codes__code="M86.9-")
print(s.session_key, page.url)
"""

QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
c = Client(HTTP_HOST="localhost"); c.force_login(get_user_model().objects.get(username="bench@example.org"))
url = "{url}"
c.get(url)
with CaptureQueriesContext(connection) as q:
    assert c.get(url).status_code == 200
print(len(q))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("MEDLEX_WORKERS", "2")))
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="medlex-bench-"))
    env = dict(
        os.environ,
        MEDLEX_ENV="production",
        MEDLEX_SECRET_KEY="bench-" + "k3y!" * 16,
        MEDLEX_ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDLEX_SSL_REDIRECT="false",
        MEDLEX_SQLITE_PATH=str(workdir / "bench.sqlite3"),
        MEDLEX_MEDIA_ROOT=str(workdir / "media"),
    )
    print("Preparing a production-mode database with the demo content ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    session_key, article_url = manage(env, "shell", "--no-imports", "-c", SETUP).split()
    queries = manage(env, "shell", "--no-imports", "-c", QUERIES.replace("{url}", article_url)).strip()

    servers = []

    def gunicorn(module, port):
        command = [str(ROOT / ".venv/bin/gunicorn"), module, "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"]
        servers.append(subprocess.Popen(command, cwd=ROOT, env=dict(env, MEDLEX_BENCH_BODY=str(workdir / "body.html"))))

    try:
        port, bare_port = free_port(), free_port()
        gunicorn("medlex.wsgi", port)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        # The baseline returns exactly the bytes of the article page.
        (workdir / "body.html").write_bytes(urllib.request.urlopen(base + article_url).read())
        gunicorn("bench.bare_wsgi", bare_port)
        bare = f"http://127.0.0.1:{bare_port}/bare"
        wait_for(bare)
        cookie = f"sessionid={session_key}"
        print(f"gunicorn, {args.workers} workers, wrk -t2 -c{args.connections} -d{args.duration}s; {os.cpu_count()} CPUs", flush=True)
        results = {}
        for name, url, c in (
            ("bare Django view (same bytes)", bare, None),
            ("article, anonymous", base + article_url, None),
            ("article, verified professional", base + article_url, cookie),
        ):
            wrk(url, 2, args.connections, c)  # warm-up
            results[name] = wrk(url, args.duration, args.connections, c)
        bare_rps = results["bare Django view (same bytes)"][0]
        print(f"{'case':34} {'req/s':>9} {'p99':>9} {'ratio':>7}")
        for name, (rps, p99) in results.items():
            print(f"{name:34} {rps:9.1f} {p99:>9} {rps / bare_rps:7.1%}")
        print(f"SQL queries per article view (verified, warm): {queries}")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
