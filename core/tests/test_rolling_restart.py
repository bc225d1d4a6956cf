"""A deploy restarts the app server under load without losing a request.

gunicorn (production mode, two workers) serves the demo site while four clients keep
asking for pages; a SIGHUP, as docs/operations.md has the deploy send, replaces every
worker with one that loads the code anew. Not one request may fail.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from medlex.testing import ROOT, copy_of_demo_site, free_port, production_env

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the test suite (make test-postgres)",
)

PAGES = [
    "/healthz",
    "/en/",
    "/de/",
    "/en/cno-syndrome/",
    "/en/specialties/rheumatology/",
    "/en/search/?q=osteomyelitis",
]


def workers(master):
    """The process ids of gunicorn's workers."""
    return set(Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split())


def wait_for(condition, seconds, what):
    deadline = time.time() + seconds
    while not condition():
        assert time.time() < deadline, what
        time.sleep(0.1)


@pytest.fixture
def gunicorn():
    workdir = Path(tempfile.mkdtemp(prefix="medlex-rolling-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLEX_", "DJANGO_"))}
    env.update(
        production_env(),
        MEDLEX_MEDIA_ROOT=str(workdir / "media"),
        MEDLEX_STATIC_ROOT=str(workdir / "static"),
        DATABASE_URL=copy_of_demo_site(workdir, static=True),
    )
    port = free_port()
    log = workdir / "gunicorn.log"
    master = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "medlex.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--graceful-timeout", "30"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return requests.get(url + "/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    try:
        wait_for(answers, 60, "gunicorn did not start")
        yield master, url, log
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


def test_a_graceful_reload_under_steady_load_loses_no_request(gunicorn):
    master, url, log = gunicorn
    first_workers = workers(master)
    stop, failures, answered = threading.Event(), [], []

    def client(number):
        session = requests.Session()
        page = number
        while not stop.is_set():
            path = PAGES[page % len(PAGES)]
            page += 1
            started = time.monotonic()
            try:
                response = session.get(url + path, timeout=120, headers={"X-Forwarded-Proto": "https"})
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code}")
                answered.append(time.monotonic() - started)
            except requests.RequestException as error:
                failures.append(f"{path}: {error}")

    with ThreadPoolExecutor(max_workers=4) as pool:
        for number in range(4):
            pool.submit(client, number)
        time.sleep(2)
        before = len(answered)
        master.send_signal(signal.SIGHUP)
        wait_for(lambda: not workers(master) & first_workers, 60, "the old workers did not stop")
        wait_for(lambda: len(answered) > before + 40, 120, "the new workers did not answer")
        stop.set()

    assert failures == [], log.read_text()[-3000:]
    assert len(workers(master)) == 2 and not workers(master) & first_workers
    assert before > 0 and len(answered) > before + 40
