"""Reads from a streaming replica: readers see their own changes, and a lagging or dead replica is left alone.

Starts its own PostgreSQL primary (wal_level=replica, a replication role in pg_hba)
with the demo content, a streaming replica made from it with ``pg_basebackup -R``, and
two medlex servers reading from that replica: one that tolerates any lag (so the
replica's staleness shows), one that tolerates a second.
"""

import io
import os
import re
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from PIL import Image

from medlex.testing import PostgresCluster, demo_template, postgres_program, running_server

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass of the test suite (make test-postgres)",
)


@pytest.fixture(scope="module")
def clusters():
    workdir = Path(tempfile.mkdtemp(prefix="medlex-replica-"))
    workdir.chmod(0o755)  # the clusters' own folders inside belong to the server's user
    primary = PostgresCluster.primary(workdir / "primary")
    replica = None
    try:
        primary.sql("CREATE DATABASE medlex")
        dump = workdir / "demo.dump"
        subprocess.run(
            [postgres_program("pg_dump"), "-Fc", "-f", str(dump), "-d", demo_template().database_url], check=True
        )
        subprocess.run(
            [postgres_program("pg_restore"), "--no-owner", "--exit-on-error", "-d", primary.url(), str(dump)],
            check=True,
        )
        replica = PostgresCluster.replica_of(primary, workdir / "replica")
        yield primary, replica
    finally:
        if replica:
            replica.stop()
        primary.stop()
        subprocess.run(["rm", "-rf", str(workdir)], check=False)


def caught_up(primary, replica):
    """Wait until the replica has replayed everything the primary wrote so far."""
    target = primary.sql("SELECT pg_current_wal_lsn()::text")[0][0]
    deadline = time.time() + 30
    while not replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0][0]:
        assert time.time() < deadline, "the replica did not catch up"
        time.sleep(0.1)


@contextmanager
def replay_paused(primary, replica):
    caught_up(primary, replica)
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
        caught_up(primary, replica)


def server_reading_from(clusters, max_lag, check_seconds=0.2):
    primary, replica = clusters
    return running_server(
        {
            "DATABASE_URL": primary.url(),
            "DATABASE_REPLICA_URL": replica.url(),
            "MEDLEX_REPLICA_MAX_LAG": str(max_lag),
            "MEDLEX_REPLICA_CHECK_SECONDS": str(check_seconds),
        }
    )


@pytest.fixture(scope="module")
def patient(clusters):
    """A server that reads from the replica however far behind it is."""
    with server_reading_from(clusters, max_lag=86400) as server:
        yield server


@pytest.fixture(scope="module")
def strict(clusters):
    """A server that reads from the replica only while it is at most a second behind."""
    with server_reading_from(clusters, max_lag=1) as server:
        yield server


@pytest.fixture(scope="module")
def seldom_checking(clusters):
    """A server that asks the replica how it is once a minute, so the replica can die between two checks."""
    with server_reading_from(clusters, max_lag=86400, check_seconds=60) as server:
        yield server


NEW_READER = (
    "from django.contrib.auth import get_user_model\n"
    "from accounts.tests.conftest import make_reader\n"
    "make_reader(get_user_model(), 'proof_missing', {email!r})"
)


def reader_session(server, email):
    """A requests session logged in as a new reader who has not sent a proof of profession yet."""
    server.shell(NEW_READER.format(email=email))
    name, value = server.session_cookie(email).split("=", 1)
    session = requests.Session()
    session.cookies.set(name, value)
    return session


def shown_state(server, session):
    """The verification state the reader's account page shows; reading it pins nobody to the primary."""
    response = session.get(f"{server.url}/en/accounts/professional/", timeout=30)
    assert response.status_code == 200
    assert "medlex_primary" not in response.cookies
    return re.search(r'class="account-state state-(\w+)"', response.text).group(1)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_reader_sees_their_own_change_on_the_next_page_while_the_replica_lags(clusters, patient):
    primary, replica = clusters
    session = reader_session(patient, "pinned@example.org")
    with replay_paused(primary, replica):
        form = session.get(f"{patient.url}/en/accounts/professional/proof/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        sent = session.post(
            f"{patient.url}/en/accounts/professional/proof/",
            data={"csrfmiddlewaretoken": token, "note": "Licence from Berlin"},
            files={"documents": ("licence.png", png(), "image/png")},
            headers={"Referer": f"{patient.url}/en/accounts/professional/proof/"},
            allow_redirects=False,
            timeout=30,
        )
        assert sent.status_code == 302, sent.text[:2000]
        assert "medlex_primary" in session.cookies

        assert shown_state(patient, session) == "under_review"
        # The same reader without the cookie reads from the replica, which has not replayed the upload.
        without_pin = requests.Session()
        without_pin.cookies.update({k: v for k, v in session.cookies.items() if k != "medlex_primary"})
        assert shown_state(patient, without_pin) == "proof_missing"


def test_a_replica_that_lags_behind_is_left_alone_and_reads_come_from_the_primary(clusters, patient, strict):
    primary, replica = clusters
    email = "lagging@example.org"
    session = reader_session(strict, email)  # the servers share the database and the sessions in it
    with replay_paused(primary, replica):
        strict.shell(
            "from accounts.models import VerificationRequest; from django.contrib.auth import get_user_model\n"
            f"VerificationRequest.objects.create(user=get_user_model().objects.get(email={email!r}))"
        )
        time.sleep(1.5)  # the replica is now more than a second behind
        assert shown_state(patient, session) == "proof_missing"  # stale, as the replica has it
        assert shown_state(strict, session) == "under_review"


def test_reads_go_on_from_the_primary_when_the_replica_stops(clusters, patient):
    primary, replica = clusters
    session = reader_session(patient, "stopped@example.org")
    caught_up(primary, replica)
    assert shown_state(patient, session) == "proof_missing"
    replica.stop()
    try:
        for _ in range(3):
            assert shown_state(patient, session) == "proof_missing"
            assert session.get(f"{patient.url}/en/", timeout=30).status_code == 200
    finally:
        replica.start("-c hot_standby=on")


def test_a_replica_that_dies_between_two_checks_costs_no_failed_page(clusters, seldom_checking):
    primary, replica = clusters
    email = "died@example.org"
    session = reader_session(seldom_checking, email)
    caught_up(primary, replica)
    replica.sql("SELECT pg_wal_replay_pause()")
    stopped = False
    try:
        seldom_checking.shell(
            "from accounts.models import VerificationRequest; from django.contrib.auth import get_user_model\n"
            f"VerificationRequest.objects.create(user=get_user_model().objects.get(email={email!r}))"
        )
        # Stale: the server has found the replica usable and reads from it for the next minute.
        assert shown_state(seldom_checking, session) == "proof_missing"
        replica.stop()
        stopped = True
        for _ in range(3):
            assert shown_state(seldom_checking, session) == "under_review"
            assert session.get(f"{seldom_checking.url}/en/", timeout=30).status_code == 200
            assert session.head(f"{seldom_checking.url}/en/accounts/professional/", timeout=30).status_code == 200
    finally:
        if stopped:
            replica.start("-c hot_standby=on")  # not paused any more: a pause ends with the server
        else:
            replica.sql("SELECT pg_wal_replay_resume()")
        caught_up(primary, replica)
