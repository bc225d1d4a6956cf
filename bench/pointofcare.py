#!/usr/bin/env python
"""HL7 Infobutton and CDS Hooks latency at a large corpus (p50/p95/p99, milliseconds).

Builds a fresh database (SQLite in a temporary file or the one MEDLEX_SQLITE_PATH
names, or the PostgreSQL database DATABASE_URL points at), loads the demo content
and grows the synthetic corpus to --size articles with ``search.corpus.generate``:
pages and their search index rows are bulk-inserted, not published one by one
through Wagtail. That is honest for these endpoints: they read only the search
index (pointofcare.matching), which holds the same rows a publish would write
(search.indexing.document_for).

Each request goes through Django's test client, so middleware, URL routing,
JWT verification (ES384, a fresh token per call, made outside the timing) and
JSON or Atom rendering are counted; the target is p95 ≤ 30 ms at 20,000 articles.

    .venv/bin/python bench/pointofcare.py [--size 20000] [--rounds 20]
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/pointofcare.py
"""

import argparse
import json
import os
import platform
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search import percentiles, print_by_query, set_up_demo_database, timed  # noqa: E402

WHO = "2.16.840.1.113883.6.3"
CM = "2.16.840.1.113883.6.90"
GM = "1.2.276.0.76.5.417"
# (code, system, display name): a GM subdivision, WHO codes of every kind, CM codes that
# fall back to their WHO parent, and one that leads nowhere and is searched by name.
PROBLEMS = [
    ("M86.96", GM, ""),
    ("M86.9", WHO, ""),
    ("A15.0", WHO, ""),
    ("S72.0", WHO, ""),
    ("C40", WHO, ""),
    ("I10", CM, ""),
    ("E11.9", CM, ""),
    ("M86.661", CM, ""),
    ("S52.521A", CM, ""),
    ("U99.9", WHO, "Palmoplantar pustulosis"),
]
RESPONSE_TYPES = ["application/atom+xml", "application/json", "text/html"]
SERVICE = "/cds-services/medlex-patient-view"
ISSUER = "https://ehr.bench.example"


def infobutton_queries():
    queries = []
    for kind in RESPONSE_TYPES:
        for code, system, display in PROBLEMS:
            params = {
                "mainSearchCriteria.v.c": code,
                "mainSearchCriteria.v.cs": system,
                "informationRecipient.languageCode.c": "en",
                "knowledgeResponseType": kind,
            }
            if display:
                params["mainSearchCriteria.v.dn"] = display
            queries.append(params)
    queries.append({"mainSearchCriteria.v.ot": "tuberculosis of lung", "knowledgeResponseType": "application/json"})
    return queries


def condition(code, system="http://hl7.org/fhir/sid/icd-10"):
    return {
        "resourceType": "Condition",
        "clinicalStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]
        },
        "code": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": "Patient/bench"},
    }


def cds_bodies():
    """Patients with 1, 5 and 20 active problems (the last with codes repeated, as problem lists have them)."""
    codes = [code for code, _system, _display in PROBLEMS if code != "U99.9"]
    bodies = {}
    for count in (1, 5, 20):
        conditions = [condition(codes[n % len(codes)]) for n in range(count)]
        bodies[f"{count} conditions"] = json.dumps(
            {
                "hook": "patient-view",
                "hookInstance": str(uuid.uuid4()),
                "context": {"userId": "Practitioner/bench", "patientId": "bench"},
                "prefetch": {
                    "conditions": {
                        "resourceType": "Bundle",
                        "type": "searchset",
                        "entry": [{"resource": c} for c in conditions],
                    }
                },
            }
        )
    return bodies


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--by-query", action="store_true", help="print p50/p95 of each request, slowest first")
    args = parser.parse_args()
    set_up_demo_database()
    import jwt
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from search import corpus
    from search.models import SearchDocument

    started = time.perf_counter()
    corpus.generate(args.size)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started

    key = ec.generate_private_key(ec.SECP384R1())
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    settings.MEDLEX_CDS_HOOKS_CLIENTS = {ISSUER: {"public_key": public.decode()}}

    def token():
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": f"http://testserver{SERVICE}", "iat": now, "exp": now + 290}
        return jwt.encode(claims | {"jti": str(uuid.uuid4())}, key, algorithm="ES384")

    client = Client()
    queries = infobutton_queries()
    bodies = cds_bodies()

    def ask(index):
        response = client.get("/infobutton", queries[index])
        assert response.status_code in (200, 302), response.content[:200]

    def call(name):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.pop()}"}
        response = client.post(SERVICE, bodies[name], content_type="application/json", **headers)
        assert response.status_code == 200, response.content[:200]

    total = SearchDocument.objects.count()
    print(
        f"# point-of-care latency, {connection.vendor}, {platform.node()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}"
    )
    print("| articles | what | p50 ms | p95 ms | p99 ms |")
    print("|---:|---|---:|---:|---:|")
    by_query = {"infobutton": {}, "CDS Hooks": {}}
    for _warm in range(2):
        timed(ask, range(len(queries)), 1)
    infobutton = timed(ask, range(len(queries)), args.rounds, by_query["infobutton"])
    # signed just before, outside the timing: a token is valid for five minutes at most
    tokens = [token() for _ in range(len(bodies) * (args.rounds + 2))]
    timed(call, list(bodies), 2)
    first = SearchDocument.objects.values_list("pk", flat=True).first()
    rows = {
        "baseline: one index row by key": timed(lambda q: SearchDocument.objects.get(pk=first), queries, args.rounds),
        "baseline: /healthz through the same client and middleware": timed(
            lambda q: client.get("/healthz"), queries, args.rounds
        ),
        "infobutton (Atom, JSON, HTML; by code, by name)": infobutton,
        "CDS Hooks patient-view (1, 5, 20 conditions)": timed(call, list(bodies), args.rounds, by_query["CDS Hooks"]),
    }
    # CPU time of this process per request: what the request costs, whatever else the machine runs
    tokens += [token() for _ in range(len(bodies) * args.rounds)]
    rows |= {
        "CPU: /healthz": timed(lambda q: client.get("/healthz"), queries, args.rounds, clock=time.process_time),
        "CPU: infobutton": timed(ask, range(len(queries)), args.rounds, clock=time.process_time),
        "CPU: CDS Hooks patient-view": timed(call, list(bodies), args.rounds, clock=time.process_time),
    }
    for what, samples in rows.items():
        p50, p95, p99 = percentiles(samples)
        print(f"| {total} | {what} | {p50:.2f} | {p95:.2f} | {p99:.2f} |", flush=True)
    if args.by_query:
        labels = {index: " ".join(f"{k.split('.')[-1]}={v}" for k, v in q.items()) for index, q in enumerate(queries)}
        print_by_query("infobutton", {labels[i]: s for i, s in by_query["infobutton"].items()})
        print_by_query("CDS Hooks", by_query["CDS Hooks"])
    print(f"<!-- corpus grown to {total} in {built:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
