#!/usr/bin/env python
"""What each piece of page delivery (or each middleware) gains: an A/B test of the same code.

For each piece, two gunicorn servers run on the same prepared database: one
with every piece on, one with ``MEDLEX_DELIVERY_OFF=<piece>``. Both are warmed,
then measured in interleaved rounds (on, off, then off, on, ...), each round
wrk against the English CNO article for an anonymous reader and for a verified
professional. Per piece and reader, the throughput ratio off/on (below 100 %:
the piece makes the page faster) and the ratio of the workers' CPU time per
request off/on (above 100 %: the piece saves CPU) are reported as the median
and range (min-max) of the rounds. An A/A test (both servers with every piece
on), measured in the same run, gives the noise floor. Each piece is also timed
on the first verified view after a publish of the article (server time,
median), where pieces such as ``prerender`` act.

    .venv/bin/python bench/ablation.py [PIECE ...] [--rounds 5] [--duration 3] [--aa]
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/ablation.py --redis
    .venv/bin/python bench/ablation.py --middleware [MIDDLEWARE ...]
    .venv/bin/python bench/ablation.py --app-dir ../other-checkout     # measure another checkout

Verdict: "keep" when, for the anonymous or the verified reader, the throughput
or CPU ratio's median shows a gain of at least 5 % and lies beyond every round
of the A/A test (or the first view after a publish is at least 5 % slower
without the piece, beyond the A/A difference); otherwise "remove". For
middleware the same rule is read as a cost: "remove unless needed" when leaving
it out saves 5 % beyond the noise, else "keep"; middleware that protects
readers is measured but "required". A removal that changes the page is
"required (page changes)" and not measured.

The table is printed and written to var/bench/ablation-<stack>.md (after each
piece, so an interrupted run keeps what it measured).
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, SESSION, Stack, fetch, measure, wrk  # noqa: E402

REDIS_ONLY = frozenset({"redis-lean-client"})
DATABASE_CACHE_ONLY = frozenset({"lean-db-cache"})

# Middleware that protects readers: measured, but never removed for speed.
SECURITY_MIDDLEWARE = frozenset(
    {
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "core.security.ContentSecurityPolicyMiddleware",
        "core.security.headers_middleware",
        "accounts.second_factor.admin_middleware",
    }
)
# Without these no reader is logged in, so the verified case would measure an anonymous page.
LOGIN_MIDDLEWARE = frozenset(
    {
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "allauth.account.middleware.AccountMiddleware",
    }
)

THRESHOLD = 0.05
AA = "A/A (both on)"
READERS = ("anonymous", "verified")

# Run under a server's settings: a new verified session as a login under them makes
# it (the authentication backend may differ between the servers), then the server
# time of the first verified view after each of a few publishes of the article,
# published with the same settings (so that with "prerender" off nothing is
# rendered ahead). Prints the session key and the median server time.
SERVER_SHELL = (
    SESSION
    + """
import math, statistics, urllib.error, urllib.request
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug="{slug}", locale__language_code="{lang}")
request = urllib.request.Request("{url}", headers={"Cookie": f"sessionid={s.session_key}; {csrf}"})
def view():  # not a number when the page fails (a removal that breaks it is reported by the benchmark)
    try:
        response = urllib.request.urlopen(request)
    except urllib.error.HTTPError:
        return math.nan
    response.read()
    timing = response.headers.get("Server-Timing", "")
    return float(timing.split("dur=")[1]) if "dur=" in timing else math.nan
for _ in range(4):  # both workers have served the page before
    view()
server = []
for _ in range({views}):
    page.save_revision().publish()
    server.append(view())
print(statistics.median(server) if server and not any(map(math.isnan, server)) else "nan")
"""
)


def is_security(name):
    return name in SECURITY_MIDDLEWARE or "security" in name.lower() or "csrf" in name.lower()


def summary(values):
    """(median, min, max) of a list of ratios."""
    return statistics.median(values), min(values), max(values)


def gains(result, aa, threshold=THRESHOLD):
    """What ``result`` shows: (gains beyond the A/A test, gains of at least ``threshold`` within its noise).

    Each is a list of "reader metric gain" strings. ``result`` and ``aa`` map
    (reader, "throughput" | "cpu") to the rounds' off/on ratios, and optionally
    "first view" to the off/on ratio of the medians. A throughput ratio counts
    when its median is at most 1 - threshold, a CPU ratio when its median is at
    least 1 + threshold, the first view after a publish when off/on is at least
    1 + threshold; it is beyond the noise when the median is also beyond every
    A/A round (for the first view: beyond the A/A's difference between the two
    servers).
    """
    beyond, within = [], []
    for reader in READERS:
        throughput = statistics.median(result[reader, "throughput"])
        if throughput <= 1 - threshold:
            found = beyond if throughput < min(aa[reader, "throughput"]) else within
            found.append(f"{reader} req/s {throughput - 1:+.0%}")
        cpu = statistics.median(result[reader, "cpu"])
        if cpu >= 1 + threshold:
            found = beyond if cpu > max(aa[reader, "cpu"]) else within
            found.append(f"{reader} CPU {cpu - 1:+.0%}")
    first, aa_first = result.get("first view"), aa.get("first view")
    if first and aa_first and first >= 1 + threshold:
        found = beyond if first > max(aa_first, 1 / aa_first) else within
        found.append(f"first view after a publish {first - 1:+.0%}")
    return beyond, within


def inverted(result):
    """``result`` with every ratio turned round (on/off): what the piece or middleware costs rather than gains."""
    turned = {key: [1 / v for v in value] for key, value in result.items() if isinstance(key, tuple)}
    if result.get("first view"):
        turned["first view"] = 1 / result["first view"]
    return turned


def verdict(name, result, aa, middleware=False):
    """keep / remove / required, and why.

    A middleware speeds nothing up; what decides is what it costs. So for
    middleware the ratios are turned round (on/off): a removal that saves at
    least 5 % beyond the noise says "remove unless needed", otherwise "keep".
    """
    if result.get("page changes"):
        return f"required (page changes: {result['page changes']})"
    if not middleware:
        beyond, within = gains(result, aa)
        if beyond:
            return f"keep ({', '.join(beyond)})"
        return f"remove (within the A/A noise: {', '.join(within)})" if within else "remove"
    costs, within = gains(inverted(result), inverted(aa))
    if is_security(name):
        return "required (security)" + (f"; it costs {', '.join(costs)}" if costs else "")
    if costs:
        return f"remove unless needed (it costs {', '.join(costs)})"
    return "keep (no cost beyond the A/A noise" + (f"; within it: {', '.join(within)})" if within else ")")


def cell(values):
    if not values:
        return "–"
    median, low, high = summary(values)
    return f"{median:.1%} ({low:.0%}–{high:.0%})"


def table(results, aa_name=AA, middleware=False):
    """The markdown table of every result measured so far; the A/A row first."""
    what = "middleware left out" if middleware else "piece off"
    lines = [
        f"| {what} | anonymous req/s off/on | anonymous CPU/req off/on | verified req/s off/on | verified CPU/req off/on"
        " | first view after a publish, off / on | CPU/req with it, anonymous / verified | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    aa = results.get(aa_name)
    for name, result in results.items():
        if name == aa_name:
            outcome = "noise floor"
        elif aa is None:
            outcome = "(no A/A test in this run)"
        elif "page changes" not in result and "cpu on" not in result:
            outcome = "not measured (the run stopped)"
        else:
            outcome = verdict(name, result, aa, middleware)
        first = result.get("first view ms")
        first_cell = f"{first[0]:.1f} / {first[1]:.1f} ms" if first else "–"
        cpu_on = result.get("cpu on")
        cpu_on_cell = f"{cpu_on[0]:.2f} / {cpu_on[1]:.2f} ms" if cpu_on else "–"
        rounds = [cell(result.get((reader, metric))) for reader in READERS for metric in ("throughput", "cpu")]
        lines.append(f"| {name} | {' | '.join(rounds)} | {first_cell} | {cpu_on_cell} | {outcome} |")
    return "\n".join(lines)


def load(path):
    """The results a run kept as JSON (see ``main``), as ``table`` takes them."""
    results = json.loads(Path(path).read_text())
    return {
        name: {tuple(key.split(" ")) if key.split(" ")[0] in READERS else key: value for key, value in result.items()}
        for name, result in results.items()
    }


def similar_pages(on, off):
    """Why the page ``off`` serves differs from ``on``'s (a status or a length off by more than 2 %), or None."""
    for reader in READERS:
        (status_on, body_on), (status_off, body_off) = on[reader], off[reader]
        if status_off != status_on:
            return f"{reader} HTTP {status_off}"
        if abs(len(body_off) - len(body_on)) > 0.02 * len(body_on):
            return f"{reader} page {len(body_off)} bytes instead of {len(body_on)}"
    if (off["anonymous"][1] == off["verified"][1]) != (on["anonymous"][1] == on["verified"][1]):
        return "the verified reader gets the anonymous page"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="pieces (or with --middleware, middleware paths); default: all")
    parser.add_argument("--middleware", action="store_true", help="leave out middleware instead of pieces")
    parser.add_argument("--aa", action="store_true", help="only the A/A test (needs no switch)")
    parser.add_argument("--no-aa", action="store_true", help="leave out the A/A test")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=3, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--publish-views", type=int, default=8, help="first views after a publish per server (0: none)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", action="store_true", help="start Redis for cache and sessions")
    parser.add_argument("--app-dir", help="serve the checkout in this folder instead of this one")
    parser.add_argument("--output", help="markdown file (default var/bench/ablation[-middleware]-<stack>.md)")
    parser.add_argument("--judge", metavar="JSON", help="only print the table of the rounds a run kept in JSON")
    args = parser.parse_args()
    if args.judge:
        print(table(load(args.judge), middleware=args.middleware))
        return

    with Stack(args.app_dir, args.redis, args.workers) as stack:
        session_key, article_url, _ = stack.prepare()
        if args.middleware:
            installed = stack.shell("from django.conf import settings; print(*settings.MIDDLEWARE)").split()
            unknown = [name for name in args.names if name not in installed]
            if unknown:
                raise SystemExit(f"not in settings.MIDDLEWARE: {', '.join(unknown)}")
            names = args.names or [name for name in installed if name not in LOGIN_MIDDLEWARE]
            skipped = [name for name in installed if name not in names]
        else:
            # The pieces the served checkout can switch off (settings.DELIVERY_PIECES), so an
            # earlier commit is measured with the pieces it had.
            pieces = stack.shell("from django.conf import settings; print(*sorted(settings.DELIVERY_PIECES))").split()
            unknown = [name for name in args.names if name not in pieces]
            if unknown:
                raise SystemExit(f"unknown pieces: {', '.join(unknown)} (known: {', '.join(pieces)})")
            names = args.names or [
                name
                for name in pieces
                if (name not in REDIS_ONLY or args.redis) and (name not in DATABASE_CACHE_ONLY or not args.redis)
            ]
            skipped = []
        if args.aa:
            names = []
        if not args.no_aa:
            names = [AA, *names]

        stack_name = ("postgresql" if stack.database == "PostgreSQL" else "sqlite") + ("-redis" if args.redis else "")
        output = Path(
            args.output or ROOT / "var/bench" / f"ablation{'-middleware' if args.middleware else ''}-{stack_name}.md"
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        header = (
            f"{stack.describe()}; wrk -t2 -c{args.connections}; {args.rounds} interleaved rounds of {args.duration} s"
            f" per server and reader; started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        )
        print(header, flush=True)
        if skipped:
            print(f"Not measured (login needs them, or measured as a piece): {', '.join(skipped)}", flush=True)

        on_server, on_base = stack.gunicorn("medlex.wsgi")
        cookie = stack.verified_cookie(on_base, article_url, session_key)
        csrf_cookie = cookie.split("; ")[1]  # holds on every server: the CSRF secret is not signed
        lang, slug = article_url.strip("/").split("/")

        def readers(base, cookie):
            return {"anonymous": (base + article_url, None), "verified": (base + article_url, cookie)}

        def pages(base, cookie):
            return {reader: fetch(url, c)[::2] for reader, (url, c) in readers(base, cookie).items()}

        def server_shell(base, env):
            """A verified session made under ``env``'s settings, and the median first view after a publish."""
            script = (
                SERVER_SHELL.replace("{url}", base + article_url)
                .replace("{csrf}", csrf_cookie)
                .replace("{slug}", slug)
                .replace("{lang}", lang)
                .replace("{views}", str(args.publish_views))
            )
            session, median = stack.shell(script, env).split()
            return f"sessionid={session}; {csrf_cookie}", float(median)

        for url, c in readers(on_base, cookie).values():
            wrk(url, 2, args.connections, c)  # warm-up
        on_pages = pages(on_base, cookie)
        results = {}

        def write():
            """The table (and the rounds, as JSON) of everything measured so far; returns the table."""
            markdown = f"{header}\n\n{table(results, middleware=args.middleware)}\n"
            output.write_text(markdown)
            # The rounds themselves, to judge them again later.
            output.with_suffix(".json").write_text(
                json.dumps(
                    {
                        name: {" ".join(key) if isinstance(key, tuple) else key: value for key, value in r.items()}
                        for name, r in results.items()
                    },
                    indent=1,
                )
            )
            return markdown

        started = time.time()
        for number, name in enumerate(names, 1):
            if name == AA:
                extra = {}
            elif args.middleware:
                extra = {"DJANGO_SETTINGS_MODULE": "bench.settings_without", "MEDLEX_BENCH_WITHOUT": name}
            else:
                extra = {"MEDLEX_DELIVERY_OFF": name}
            print(f"[{number}/{len(names)}, {time.time() - started:.0f} s] {name}: starting ...", flush=True)
            off_env = stack.environment(extra, harness_code=args.middleware)
            off_server, off_base = stack.gunicorn("medlex.wsgi", extra, harness_code=args.middleware)
            result = {}
            try:
                off_cookie, off_ms = server_shell(off_base, off_env)
                on_ms = server_shell(on_base, stack.env)[1]
                if args.publish_views:
                    result["first view ms"] = (off_ms, on_ms)
                    result["first view"] = off_ms / on_ms
                changed = similar_pages(on_pages, pages(off_base, off_cookie))
                if changed:  # not measured: it would not be the same page
                    result["page changes"] = changed
                    print(f"    the page changes without it: {changed}", flush=True)
                    continue
                for url, c in readers(off_base, off_cookie).values():
                    wrk(url, 2, args.connections, c)  # warm-up
                measured = {(reader, server): [] for reader in READERS for server in ("on", "off")}
                for round_number in range(args.rounds):
                    order = ("on", "off") if round_number % 2 == 0 else ("off", "on")
                    for reader in READERS:
                        for server in order:
                            if server == "on":
                                process, url, c = on_server, *readers(on_base, cookie)[reader]
                            else:
                                process, url, c = off_server, *readers(off_base, off_cookie)[reader]
                            measured[reader, server].append(measure(process, url, args.duration, args.connections, c))
                for reader in READERS:
                    pairs = list(zip(measured[reader, "on"], measured[reader, "off"]))
                    result[reader, "throughput"] = [off[0] / on[0] for on, off in pairs]
                    result[reader, "cpu"] = [off[2] / on[2] for on, off in pairs]
                result["cpu on"] = [statistics.median(m[2] for m in measured[reader, "on"]) for reader in READERS]
            finally:
                stack.stop(off_server)
                results[name] = result
                write()
            print(
                f"    {name}: "
                + "; ".join(
                    f"{reader} req/s {cell(result.get((reader, 'throughput')))}, CPU {cell(result.get((reader, 'cpu')))}"
                    for reader in READERS
                )
                + (
                    f"; first view after a publish {off_ms:.1f} ms off, {on_ms:.1f} ms on" if args.publish_views else ""
                ),
                flush=True,
            )
        print(f"\n{write()}\nWritten to {output}", flush=True)


if __name__ == "__main__":
    main()
