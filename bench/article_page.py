#!/usr/bin/env python
"""Article page throughput against bare Django baselines, served the production way.

Starts gunicorn (DEBUG off, production settings, MEDLEX_WORKERS workers) on a
copy of the demo database, then measures with wrk, in turns over several rounds
of the same run: the CNO article for an anonymous reader and for a verified
professional, and two views that return the same bytes, one behind all of
medlex's settings and middleware, one in a bare Django project with no
middleware (bench/bare_project). A third view is what Django alone does for a
logged-in reader's page (bench/reader_project: session, user, CSRF token), with the
verified page's bytes. Prints requests/s, latency, CPU per request and
the ratios to both baselines, the SQL queries per article view and the server
time of the first view after a publish (of the article itself, and of another
article, viewing a third).

    .venv/bin/python bench/article_page.py [--rounds 5] [--duration 5] [--connections 16] [--redis]

With DATABASE_URL set (for example under scripts/with_postgres.py) it runs on a
fresh PostgreSQL database instead of SQLite; --redis starts a Redis server for
cache and sessions, as in the production stack. --app-dir serves another
checkout (say, a commit checked out next to this one).
"""

import argparse
import concurrent.futures
import http.client
import os
import statistics
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Stack, fetch, measure, worker_rss_mib, wrk  # noqa: E402


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


QUERIES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from django.db import transaction
from delivery.generations import retire_everything
from articles.models import ArticlePage
c = Client(HTTP_HOST="localhost"); c.force_login(get_user_model().objects.get(username="bench@example.org"))
url = "{url}"
retire_everything()
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
# itself (its Server-Timing header) and by the client. Each view follows either a
# publish of the article itself (as an editor does: the publish retires the cached
# copies of what it changed and renders the article ahead for every tier), or a
# publish of another article X, viewing a third article Y that does not link X (a
# publish should retire only what it changed, so Y stays warm), or a new
# generation only, so that nothing is cached at all (a complete miss, as after a
# cache flush).
CACHE_MISS = """
import statistics, time, urllib.request
from delivery.generations import retire_everything
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug="{slug}", locale__language_code="{lang}")
other = ArticlePage.objects.get(slug="{other_slug}", locale__language_code="{other_lang}")
def timed(url):
    start = time.perf_counter()
    response = urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": "{cookie}"}))
    response.read()
    client = (time.perf_counter() - start) * 1000
    return float(response.headers["Server-Timing"].split("dur=")[1]), client
def figures(change, url="{url}"):
    server, client = [], []
    for _ in range(30):
        change()
        s, c = timed(url)
        server.append(s); client.append(c)
    server.sort(); client.sort()
    return f"{statistics.median(server):.1f} {server[int(len(server) * 0.95)]:.1f} {statistics.median(client):.1f}"
timed("{unrelated}")  # warm before the first publish
warm = figures(lambda: None)
published = figures(lambda: page.save_revision().publish())
unrelated = figures(lambda: other.save_revision().publish(), "{unrelated}")
print(published, unrelated, figures(retire_everything), warm)
"""

# wrk's delay() pauses each connection between requests: an open-ish load at a set rate.
RATE_SCRIPT = "function delay() return {delay} end\n"

# The baselines return exactly the bytes of the anonymous article page. medlex's
# bare view runs behind all of medlex's settings and middleware (what the targets
# of 70 % anonymous and 50 % verified compare with); the bare Django project has no
# app and no middleware at all (what Django itself costs).
MEDLEX_BARE = "bare view, medlex settings and middleware"
DJANGO_BARE = "bare Django project, no middleware"
READER_BARE = "Django's session, user and CSRF token only"
ANONYMOUS = "article, anonymous"
VERIFIED = "article, verified professional"


def unrelated_articles(base, candidates):
    """Two articles, X and Y, neither the measured one, where Y neither translates nor links X.

    Every demo article links the measured one (CNO), so the view after a publish of
    another article is timed on a third: publishing X should leave Y warm.
    """
    bodies = {url: fetch(base + url)[2] for url in candidates}
    for published in candidates:
        for viewed in candidates:
            if viewed != published and published.encode() not in bodies[viewed]:
                return published, viewed
    raise SystemExit("no two demo articles where one does not link the other")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="turns of the baselines, anonymous and verified")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("MEDLEX_WORKERS", "2")))
    parser.add_argument("--redis", action="store_true", help="start Redis for cache and sessions")
    parser.add_argument("--app-dir", help="serve the checkout in this folder instead of this one")
    args = parser.parse_args()

    with Stack(args.app_dir, args.redis, args.workers) as stack:
        session_key, article_url, others = stack.prepare()
        queries = stack.shell(QUERIES.replace("{url}", article_url)).strip()

        medlex_server, base = stack.gunicorn("medlex.wsgi")
        Path(stack.env["MEDLEX_BENCH_BODY"]).write_bytes(fetch(base + article_url)[2])
        medlex_bare_server, medlex_bare = stack.gunicorn("bench.bare_wsgi", harness_code=True)
        django_bare_server, django_bare = stack.gunicorn("bench.bare_project.wsgi", harness_code=True)
        cookie = stack.verified_cookie(base, article_url, session_key)
        # The least a verified page can cost with Django's own session, user and CSRF
        # checks (bench/reader_project), with the verified page's bytes and the reader's
        # CSRF cookie, and a session made under that project's settings.
        Path(stack.env["MEDLEX_BENCH_READER_BODY"]).write_bytes(fetch(base + article_url, cookie)[2])
        reader_env = {"DJANGO_SETTINGS_MODULE": "bench.reader_project.settings"}
        reader_session = stack.session(stack.environment(reader_env, harness_code=True))
        reader_cookie = f"sessionid={reader_session}; {cookie.split('; ')[1]}"  # medlex's CSRF cookie
        reader_bare_server, reader_bare = stack.gunicorn("bench.reader_project.wsgi", harness_code=True)
        print(
            f"{stack.describe()}; wrk -t2 -c{args.connections}, {args.rounds} rounds of {args.duration} s per case",
            flush=True,
        )
        # The virtual machine's speed drifts by 20 % and more within seconds, so the
        # cases are measured in turns, several rounds, and each ratio is taken
        # against the baselines of the same round. The workers' CPU time per request
        # (from /proc) varies far less than requests/s and is shown as a second ratio.
        cases = (
            (MEDLEX_BARE, medlex_bare + "/bare", None, medlex_bare_server),
            (DJANGO_BARE, django_bare + "/bare", None, django_bare_server),
            (READER_BARE, reader_bare + "/bare", reader_cookie, reader_bare_server),
            (ANONYMOUS, base + article_url, None, medlex_server),
            (VERIFIED, base + article_url, cookie, medlex_server),
        )
        for _, url, c, _ in cases:
            wrk(url, 2, args.connections, c)  # warm-up
        rounds = {name: [] for name, _, _, _ in cases}
        for _ in range(args.rounds):
            for name, url, c, server in cases:
                rounds[name].append(measure(server, url, args.duration, args.connections, c))
        results = {}
        print(
            f"{'case (medians of the rounds)':42} {'req/s':>8} {'p99':>9} {'CPU/req':>9}"
            f"  {'ratio / CPU ratio to medlex bare':>32}  {'to Django bare':>16}  req/s ratio to medlex bare per round"
        )
        for name, measured in rounds.items():
            results[name] = (statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured))
            cpu = statistics.median(m[2] for m in measured)
            ratios = {}
            for baseline in (MEDLEX_BARE, DJANGO_BARE):
                per_round = [rps / bare[0] for (rps, _, _), bare in zip(measured, rounds[baseline])]
                cpu_ratio = statistics.median(bare[2] / m[2] for m, bare in zip(measured, rounds[baseline]))
                ratios[baseline] = (statistics.median(per_round), cpu_ratio, per_round)
            print(
                f"{name:42} {results[name][0]:8.1f} {results[name][1]:7.1f}ms {cpu:7.3f}ms"
                f"  {ratios[MEDLEX_BARE][0]:>23.1%} / {ratios[MEDLEX_BARE][1]:6.1%}"
                f"  {ratios[DJANGO_BARE][0]:>7.1%} / {ratios[DJANGO_BARE][1]:6.1%}"
                f"  {', '.join(f'{r:.0%}' for r in ratios[MEDLEX_BARE][2])}"
            )
        cold_queries, published_queries, warm_queries = queries.split()
        print(
            f"SQL queries per article view (verified): {warm_queries} warm, {published_queries} first after a publish, {cold_queries} on a complete miss"
        )

        print("p99 latency at half of the measured maximum throughput (wrk with a per-connection delay):")
        for name, url, c in ((ANONYMOUS, base + article_url, None), (VERIFIED, base + article_url, cookie)):
            target = results[name][0] / 2
            script = stack.workdir / "rate.lua"
            script.write_text(RATE_SCRIPT.replace("{delay}", str(max(1, round(args.connections * 1000 / target)))))
            rps, p99, _ = wrk(url, max(10, args.duration), args.connections, c, script)
            print(f"  {name:32} target {target:7.1f} req/s, reached {rps:7.1f} req/s, p99 {p99:.1f} ms")

        published_url, unrelated_url = unrelated_articles(base, others)
        lang, slug = article_url.strip("/").split("/")
        other_lang, other_slug = published_url.strip("/").split("/")
        script = (
            CACHE_MISS.replace("{url}", base + article_url)
            .replace("{unrelated}", base + unrelated_url)
            .replace("{cookie}", cookie)
            .replace("{slug}", slug)
            .replace("{lang}", lang)
            .replace("{other_slug}", other_slug)
            .replace("{other_lang}", other_lang)
        )
        timings = stack.shell(script).split()
        print("Server time (Server-Timing) of one verified view, median / p95, and the client's median incl. HTTP:")
        for n, label in enumerate(
            (
                "first view after a publish",
                f"first view of {unrelated_url} after a publish of {published_url}",
                "complete miss (new generation only)",
                "warm",
            )
        ):
            server_median, server_p95, client_median = timings[3 * n : 3 * n + 3]
            print(f"  {label:52} {server_median:>6} / {server_p95:>6} ms server, {client_median:>6} ms client")

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


if __name__ == "__main__":
    main()
