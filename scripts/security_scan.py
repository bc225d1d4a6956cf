#!/usr/bin/env python3
"""Scan medlex with sqlmap and wapiti, as an outside tester would, on this machine only.

Starts medlex in production mode (gunicorn, demo content, a verified reader) behind the
documented nginx with a throwaway TLS certificate on 127.0.0.1, installs the scanners
into var/scan-venv (pinned versions, apart from the project's own virtualenv), and runs:

* sqlmap on every query parameter of the API and the search page, anonymous and logged in;
* wapiti's default modules on the English site, anonymous and as the verified reader.

Prints each finding with its level and writes the full reports to var/scan/. Exits 1
if anything is found above wapiti's informational level or sqlmap finds an injection.

    .venv/bin/python scripts/security_scan.py
"""

import json
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medlex.testing import ROOT, production_env, running_nginx, running_server  # noqa: E402

SCANNERS = ["sqlmap==1.10.10", "wapiti3==3.2.3"]
VENV = ROOT / "var" / "scan-venv"
REPORTS = ROOT / "var" / "scan"
READER = ("scan@example.org", "Scan-Password-4711")
SQLMAP_TARGETS = [
    "/api/v1/search?q=osteomyelitis&limit=5",
    "/api/v1/suggest?q=osteo",
    "/api/v1/articles?offset=0&limit=5&language=en",
    "/api/v1/articles/{article_id}*",  # "*": sqlmap tests the path segment itself
    "/api/v1/icd10/M86.9*",
    "/en/search/?q=osteomyelitis",
]
# wapiti's levels: 1 low, 2 medium, 3 high, 4 critical; informational findings are in "additionals".
WAPITI_MAX_SCAN_SECONDS = "900"


def step(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def install_scanners():
    if not (VENV / "bin" / "wapiti").exists():
        step(f"installing {', '.join(SCANNERS)} into {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "--quiet", *SCANNERS], check=True, stderr=subprocess.DEVNULL
        )


def first_article_id(base):
    """The id of a published article, so the detail operation is scanned where it answers."""
    insecure = ssl.create_default_context()
    insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE  # our own throwaway certificate
    with urllib.request.urlopen(f"{base}/api/v1/articles?limit=1", context=insecure) as response:
        return json.load(response)["results"][0]["id"]


def sqlmap(base, cookie):
    findings = []
    article_id = first_article_id(base)
    for target in (target.format(article_id=article_id) for target in SQLMAP_TARGETS):
        for who, extra in (("anonymous", []), ("verified", ["--cookie", cookie])):
            result = subprocess.run(
                [
                    str(VENV / "bin" / "sqlmap"),
                    "-u",
                    base + target,
                    "--batch",
                    "--level=2",
                    "--risk=1",
                    "--disable-coloring",
                    "--flush-session",
                    f"--output-dir={REPORTS / 'sqlmap'}",
                    *extra,
                ],
                capture_output=True,
                text=True,
            )
            lines = result.stdout.splitlines()
            tested = sorted(
                {line.split("'")[1] for line in lines if "does not seem to be injectable" in line and "'" in line}
            )
            step(f"sqlmap {who} {target}: not injectable: {', '.join(tested) or 'nothing tested'}")
            injectable = [
                line for line in lines if "is vulnerable" in line or ("appears to be" in line and "injectable" in line)
            ]
            findings += [f"sqlmap {who} {target}: {line}" for line in injectable]
    return findings


def wapiti(base, cookie):
    findings = []
    for who, extra in (("anonymous", []), ("verified", ["-C", cookie])):
        report = REPORTS / f"wapiti-{who}.json"
        step(f"wapiti {who} (at most {WAPITI_MAX_SCAN_SECONDS} s)")
        subprocess.run(
            [
                str(VENV / "bin" / "wapiti"),
                "-u",
                f"{base}/en/",
                "--scope",
                "folder",
                "-d",
                "3",
                "--max-links-per-page",
                "30",
                # Logging out or deleting the account would end the scan's session; the ICD-10
                # catalogue is 12,000 pages of the same template.
                "-x",
                f"{base}/en/accounts/logout/",
                "-x",
                f"{base}/en/accounts/professional/delete/",
                "-x",
                f"{base}/en/icd10/*",
                "--max-scan-time",
                WAPITI_MAX_SCAN_SECONDS,
                "--max-attack-time",
                "240",
                "--flush-session",
                "-f",
                "json",
                "-o",
                str(report),
                *extra,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(report.read_text())
        step(f"wapiti {who}: {data['infos']['crawled_pages_nbr']} pages crawled")
        for kind in ("vulnerabilities", "anomalies"):
            for name, items in data[kind].items():
                findings += [
                    f"wapiti {who} {kind}: {name} (level {item['level']}) at {item['path']}: {item['info']}"
                    for item in items
                ]
    return findings


def main():
    REPORTS.mkdir(parents=True, exist_ok=True)
    install_scanners()
    production = production_env(MEDLEX_ALLOWED_HOSTS="127.0.0.1", MEDLEX_ACCEL_REDIRECT_PREFIX="/_protected/")
    step("starting medlex (production mode, gunicorn) and nginx with TLS")
    with running_server(production, gunicorn=True) as server, running_nginx(server, tls=True) as base:
        server.create_user(*READER)
        cookie = server.session_cookie(READER[0])
        findings = sqlmap(base, cookie) + wapiti(base, cookie)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s) above informational; reports in {REPORTS}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
