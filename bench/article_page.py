#!/usr/bin/env python
"""Article page throughput against a bare Django view, served the production way.

Starts gunicorn (DEBUG off, production settings, MEDLEX_WORKERS workers) on a
copy of the demo database, then measures with wrk: the CNO article for an
anonymous reader and for a verified professional, and a bare Django view that
returns the same bytes, in turns over several rounds of the same run. Prints
requests/s, latency and the ratio to the bare view, the SQL queries per article
view and the server time of the first view after a publish.

    .venv/bin/python bench/article_page.py [--rounds 5] [--duration 5] [--connections 16] [--redis]

With DATABASE_URL set (for example under scripts/with_postgres.py) it runs on a
fresh PostgreSQL database instead of SQLite; --redis starts a Redis server for
cache and sessions, as in the production stack.
"""

import argparse
import concurrent.futures
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def send(url, cookie, count, clients=4):
    """Send ``count`` GET requests from ``clients`` concurrent clients; every answer must be 200."""
    parts = urllib.parse.urlsplit(url)

    def client(n):
        for _ in range(n):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            connection.request("GET", parts.path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                raise SystemExit(f"{url}: HTTP {response.status}")

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, [count // clients] * clients))


def workers(master, column):
    """One ``ps`` column of each gunicorn worker (the master's children)."""
    return subprocess.run(
        ["ps", "-o", f"{column}=", "--ppid", str(master.pid)], capture_output=True, text=True
    ).stdout.split()


def worker_rss_mib(master):
    """Resident memory of each worker, in MiB."""
    return sorted(int(kib) / 1024 for kib in workers(master, "rss"))


def wait_for(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url, duration, connections, cookie=None, script=None, threads=2):
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


def worker_cpu_seconds(master):
    """CPU time (user + system) used so far by the gunicorn master's workers."""
    ticks = 0
    for pid in workers(master, "pid"):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


SETUP = """
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth.models import Group
from importlib import import_module
from django.conf import settings
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
from accounts.states import VERIFIED_PROFESSIONALS_GROUP
from articles.models import ArticlePage
User = get_user_model()
user, _ = User.objects.get_or_create(username="bench@example.org", defaults={"email": "bench@example.org"})
user.set_unusable_password(); user.save()
user.groups.add(Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0])
s = SessionStore(); s[SESSION_KEY] = str(user.pk); s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]; s[HASH_SESSION_KEY] = user.get_session_auth_hash(); s.create()
page = ArticlePage.objects.get(locale__language_code="en", icd10_codes__code="M86.9-")
print(s.session_key, page.url)
"""

QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from django.db import transaction
from articles.caching import invalidate_all
from articles.models import ArticlePage
c = Client(HTTP_HOST="localhost"); c.force_login(get_user_model().objects.get(username="bench@example.org"))
url = "{url}"
invalidate_all()
with CaptureQueriesContext(connection) as cold:
    assert c.get(url).status_code == 200
with transaction.atomic():  # as in a request: the article is rendered ahead when the publish commits
    lang, slug = url.strip("/").split("/")
    ArticlePage.objects.get(slug=slug, locale__language_code=lang).save_revision().publish()
with CaptureQueriesContext(connection) as published:
    assert c.get(url).status_code == 200
with CaptureQueriesContext(connection) as warm:
    assert c.get(url).status_code == 200
print(len(cold), len(published), len(warm))
"""

# The first view after a change, timed against the running server, by the server
# itself (its Server-Timing header) and by the client. Each round either publishes
# the article again (as an editor does: the publish starts a new cache generation
# and renders the article ahead for every tier) or only starts a new generation,
# so that nothing is cached at all (a complete miss, as after a cache flush or a
# change to another page).
CACHE_MISS = """
import statistics, time, urllib.request
from articles.caching import invalidate_all
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug="{slug}", locale__language_code="{lang}")
request = urllib.request.Request("{url}", headers={"Cookie": "{cookie}"})
def timed():
    start = time.perf_counter()
    response = urllib.request.urlopen(request)
    response.read()
    client = (time.perf_counter() - start) * 1000
    return float(response.headers["Server-Timing"].split("dur=")[1]), client
def figures(change):
    server, client = [], []
    for _ in range(30):
        change()
        s, c = timed()
        server.append(s); client.append(c)
    server.sort(); client.sort()
    return f"{statistics.median(server):.1f} {server[int(len(server) * 0.95)]:.1f} {statistics.median(client):.1f}"
warm = figures(lambda: None)
print(figures(lambda: page.save_revision().publish()), figures(invalidate_all), warm)
"""

# wrk's delay() pauses each connection between requests: an open-ish load at a set rate.
RATE_SCRIPT = "function delay() return {delay} end\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="turns of bare view, anonymous and verified")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("MEDLEX_WORKERS", "2")))
    parser.add_argument("--redis", action="store_true", help="start Redis for cache and sessions")
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
    servers = []
    try:
        if os.environ.get("DATABASE_URL"):
            sys.path.insert(0, str(ROOT))
            from medlex.testing import _fresh_database_url

            env["DATABASE_URL"] = _fresh_database_url(workdir)
        if args.redis:
            redis_port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        "redis-server",
                        "--port",
                        str(redis_port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
        cache_and_sessions = "Redis" if args.redis else "database"
        print("Preparing a production-mode database with the demo content ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        session_key, article_url = manage(env, "shell", "--no-imports", "-c", SETUP).split()
        queries = manage(env, "shell", "--no-imports", "-c", QUERIES.replace("{url}", article_url)).strip()

        def gunicorn(module, port):
            command = [
                str(ROOT / ".venv/bin/gunicorn"),
                module,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ]
            servers.append(
                subprocess.Popen(command, cwd=ROOT, env=dict(env, MEDLEX_BENCH_BODY=str(workdir / "body.html")))
            )
            return servers[-1]

        port, bare_port = free_port(), free_port()
        medlex_server = gunicorn("medlex.wsgi", port)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        # The baseline returns exactly the bytes of the article page.
        (workdir / "body.html").write_bytes(urllib.request.urlopen(base + article_url).read())
        bare_server = gunicorn("bench.bare_wsgi", bare_port)
        bare = f"http://127.0.0.1:{bare_port}/bare"
        wait_for(bare)
        # A browser sends back the CSRF cookie it got with its first page, so the server
        # does not mint a new token on every request.
        first = urllib.request.urlopen(
            urllib.request.Request(base + article_url, headers={"Cookie": f"sessionid={session_key}"})
        )
        csrf = re.search(r"csrftoken=([^;]+)", "; ".join(first.headers.get_all("Set-Cookie") or [])).group(1)
        cookie = f"sessionid={session_key}; csrftoken={csrf}"
        print(
            f"{database}, {cache_and_sessions} cache and sessions; gunicorn, {args.workers} workers, wrk -t2 -c{args.connections}, {args.rounds} rounds of {args.duration} s per case; {os.cpu_count()} CPUs",
            flush=True,
        )
        # The virtual machine's speed drifts by 20 % and more within seconds, so the
        # three cases are measured in turns, several rounds, and each ratio is taken
        # against the bare view of the same round. The workers' CPU time per request
        # (from /proc) varies far less than requests/s and is shown as a second ratio.
        cases = (
            ("bare Django view (same bytes)", bare, None, bare_server),
            ("article, anonymous", base + article_url, None, medlex_server),
            ("article, verified professional", base + article_url, cookie, medlex_server),
        )
        for _, url, c, _ in cases:
            wrk(url, 2, args.connections, c)  # warm-up
        rounds = {name: [] for name, _, _, _ in cases}
        for _ in range(args.rounds):
            for name, url, c, server in cases:
                cpu_before = worker_cpu_seconds(server)
                rps, p99, requests = wrk(url, args.duration, args.connections, c)
                rounds[name].append((rps, p99, (worker_cpu_seconds(server) - cpu_before) * 1000 / requests))
        bare_rounds = rounds[cases[0][0]]
        results = {}
        print(
            f"{'case (medians of the rounds)':34} {'req/s':>9} {'p99':>9} {'ratio':>7} {'CPU/req':>9} {'CPU ratio':>9}  req/s ratio per round, in order"
        )
        for name, measured in rounds.items():
            ratios = [rps / bare[0] for (rps, _, _), bare in zip(measured, bare_rounds)]
            cpu_ratios = [bare[2] / cpu for (_, _, cpu), bare in zip(measured, bare_rounds)]
            results[name] = (statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured))
            cpu = statistics.median(m[2] for m in measured)
            print(
                f"{name:34} {results[name][0]:9.1f} {results[name][1]:7.1f}ms {statistics.median(ratios):7.1%} {cpu:7.3f}ms {statistics.median(cpu_ratios):9.1%}"
                f"  {', '.join(f'{r:.0%}' for r in ratios)}"
            )
        cold_queries, published_queries, warm_queries = queries.split()
        print(
            f"SQL queries per article view (verified): {warm_queries} warm, {published_queries} first after a publish, {cold_queries} on a complete miss"
        )

        print("p99 latency at half of the measured maximum throughput (wrk with a per-connection delay):")
        for name, url, c in (
            ("article, anonymous", base + article_url, None),
            ("article, verified professional", base + article_url, cookie),
        ):
            target = results[name][0] / 2
            script = workdir / "rate.lua"
            script.write_text(RATE_SCRIPT.replace("{delay}", str(max(1, round(args.connections * 1000 / target)))))
            rps, p99, _ = wrk(url, max(10, args.duration), args.connections, c, script)
            print(f"  {name:32} target {target:7.1f} req/s, reached {rps:7.1f} req/s, p99 {p99:.1f} ms")

        lang, slug = article_url.strip("/").split("/")
        script = (
            CACHE_MISS.replace("{url}", base + article_url)
            .replace("{cookie}", cookie)
            .replace("{slug}", slug)
            .replace("{lang}", lang)
        )
        timings = manage(env, "shell", "--no-imports", "-c", script).split()
        print("Server time (Server-Timing) of one verified view, median / p95, and the client's median incl. HTTP:")
        for n, label in enumerate(("first view after a publish", "complete miss (new generation only)", "warm")):
            server_median, server_p95, client_median = timings[3 * n : 3 * n + 3]
            print(f"  {label:36} {server_median:>6} / {server_p95:>6} ms server, {client_median:>6} ms client")

        rss = {}
        for label, views_per_worker in (("1,000", 1_000), ("10,000", 9_000)):  # cumulative: 1,000 then 10,000
            send(base + article_url, cookie, views_per_worker * args.workers)
            rss[label] = worker_rss_mib(medlex_server)
            print(
                f"Worker memory after {label} further verified views each: "
                + ", ".join(f"{mib:.1f} MiB" for mib in rss[label])
            )
        growth = max(after / before - 1 for before, after in zip(rss["1,000"], rss["10,000"]))
        print(f"Largest growth per worker between 1,000 and 10,000 views: {growth:+.1%}")
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
