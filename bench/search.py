#!/usr/bin/env python
"""Search, type-ahead and A–Z index latency at growing corpus sizes (p50/p95/p99, milliseconds).

Builds a fresh database (SQLite in a temporary file or the one MEDLEX_SQLITE_PATH
names, or the PostgreSQL database DATABASE_URL points at), loads the demo content
and grows the synthetic corpus (manage.py generate_corpus) to each size, then
times the search and suggest services in-process for a fixed mix of queries:
names, prefixes, abbreviations, ICD-10 codes, umlaut spellings and typos; and
the whole A–Z page (request, queries, template) for a set of letters and pages,
through Django's test client. A primary-key lookup of one index row is timed in
the same run as the baseline (one database round trip), and so is counting a
search in the search log (search.log, one committed UPSERT), which the results
page and the API add to every search.

    .venv/bin/python bench/search.py [--sizes 1000 10000 20000] [--rounds 20]
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/search.py

--by-query adds, per size, the p50/p95 of each query of the mix, slowest first,
to see which queries make the tail. With MEDLEX_SQLITE_PATH (or DATABASE_URL)
naming a database that already holds the corpus, the build step only adds what
is missing, so repeated runs on a kept SQLite file start at once.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCH_QUERIES = [
    "CRMO",
    "CNO",
    "chronisch rekurrierende multifokale Osteomyelitis",
    "M86.9",
    "m869",
    "M86.9-",
    "Knochenmarkentzuendung",
    "osteomielitis",
    "Ewing",
    "sarcoma",
    "tuberculosis of lung",
    "A15",
    "Cholera",
    "plague",
    "syphilis unspecified",
    "brucelosis",
    "S72.0",
    "fracture of femur",
    "diabetes",
    "Langerhans",
]
SUGGEST_QUERIES = [
    "cr",
    "crm",
    "ost",
    "osteo",
    "m8",
    "m86",
    "ewi",
    "tub",
    "tuberc",
    "chol",
    "syph",
    "lan",
    "a1",
    "s72",
    "frac",
    "diab",
    "sap",
    "pus",
    "hist",
    "knoch",
]
# Letters with the most synthetic articles (the WHO chapters' first letters), a later page, digits.
A_TO_Z_PAGES = ["?letter=A", "?letter=C", "?letter=M", "?letter=S", "?letter=S&page=5", "?letter=T", "?letter=0-9", ""]


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return pick(0.50) * 1000, pick(0.95) * 1000, pick(0.99) * 1000


def timed(call, queries, rounds, by_query=None, clock=time.perf_counter):
    """Seconds per call; ``clock=time.process_time`` counts this process's CPU time, steadier on a busy machine."""
    samples = []
    for _ in range(rounds):
        for query in queries:
            started = clock()
            call(query)
            elapsed = clock() - started
            samples.append(elapsed)
            if by_query is not None:
                by_query.setdefault(query, []).append(elapsed)
    return samples


def print_by_query(what, by_query):
    print(f"<!-- {what}, per query (p95 / p50 ms), slowest first:")
    ranked = sorted(by_query.items(), key=lambda item: -percentiles(item[1])[1])
    for query, samples in ranked:
        p50, p95, _p99 = percentiles(samples)
        print(f"     {p95:7.2f} {p50:7.2f}  {query}")
    print("-->", flush=True)


def ensure_postgres_database(url):
    """The throwaway cluster of scripts/with_postgres.py has no application database yet."""
    from urllib.parse import parse_qs, urlparse

    import psycopg

    parts = urlparse(url)
    options = parse_qs(parts.query)
    name = parts.path.lstrip("/")
    host = options.get("host", [parts.hostname])[0]
    port = options.get("port", [parts.port])[0]
    with psycopg.connect(dbname="postgres", user=parts.username, host=host, port=port, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def set_up_demo_database():
    """Django set up on a throwaway database, migrated, with the demo content.

    PostgreSQL with DATABASE_URL; else SQLite in MEDLEX_SQLITE_PATH or a new file, with
    medlex's own SQLite settings (medlex.env.database: write-ahead log, synchronous=NORMAL).
    """
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("MEDLEX_SQLITE_PATH", f"{tempfile.mkdtemp(prefix='medlex-bench-')}/bench.sqlite3")
    elif os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 20000])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--by-query", action="store_true", help="print p50/p95 of each query, slowest first")
    args = parser.parse_args()
    set_up_demo_database()
    from django.db import connection
    from django.test import Client

    from search import corpus, log, services
    from search.models import SearchDocument

    print(
        f"# search latency, {connection.vendor}, {platform.node()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}"
    )
    print("| articles | what | p50 ms | p95 ms | p99 ms |")
    print("|---:|---|---:|---:|---:|")
    reader = Client()
    for size in args.sizes:
        started = time.perf_counter()
        corpus.generate(size)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        total = SearchDocument.objects.count()
        first = SearchDocument.objects.values_list("pk", flat=True).first()
        for _warm in range(2):
            timed(lambda q: services.search(q, lang="en"), SEARCH_QUERIES, 1)
            timed(lambda q: reader.get("/en/a-z/" + q), A_TO_Z_PAGES, 1)
        per_query = {"search": {}, "suggest": {}}
        rows = {
            "baseline: one index row by key": timed(
                lambda q, first=first: SearchDocument.objects.get(pk=first), SEARCH_QUERIES, args.rounds
            ),
            "search": timed(lambda q: services.search(q, lang="en"), SEARCH_QUERIES, args.rounds, per_query["search"]),
            "suggest": timed(
                lambda q: services.suggest(q, lang="en"), SUGGEST_QUERIES, args.rounds, per_query["suggest"]
            ),
            "A–Z page": timed(lambda q: reader.get("/en/a-z/" + q), A_TO_Z_PAGES, args.rounds),
            # what a reader's search costs besides: counting it in the search log (one UPSERT, committed)
            "search log: one count": timed(lambda q: log.record_search(q, 1), SEARCH_QUERIES, args.rounds),
        }
        for what, samples in rows.items():
            p50, p95, p99 = percentiles(samples)
            print(f"| {total} | {what} | {p50:.2f} | {p95:.2f} | {p99:.2f} |", flush=True)
        if args.by_query:
            for what, by_query in per_query.items():
                print_by_query(f"{what} at {total} articles", by_query)
        print(f"<!-- corpus grown to {total} in {built:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
