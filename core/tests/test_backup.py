"""A backup holds everything an installation has, and a restore gives back all of it or changes nothing.

`manage.py backup` writes one archive of the database, the media files, the private
proof documents and a manifest of their checksums; `manage.py restore` puts it into
another, empty installation (a second SQLite file, or a second PostgreSQL database of
the test run's cluster) in a process of its own, as an operator would run it.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from accounts.models import ProofDocument
from accounts.tests.conftest import make_reader
from articles.models import ArticlePage
from medlex.testing import ROOT, fresh_database_url

pytestmark = pytest.mark.django_db

PROOF = b"%PDF-1.7\n% a licence to practise medicine, as the proof check stores it\n%%EOF\n"


@pytest.fixture(scope="module")
def instance(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, a reader whose proof of profession waits for review, their document on disk; backed up.

    Made once for the module, committed (pg_dump reads what is committed) and removed afterwards.
    Yields the archive, the rows of every table and the file roots as they were backed up.
    """
    workdir = tmp_path_factory.mktemp("instance")
    media, private = workdir / "media", workdir / "private"
    shutil.copytree(settings.MEDIA_ROOT, media)  # the demo's images and their renditions
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, MEDLEX_PRIVATE_ROOT=private):
        assert ArticlePage.objects.filter(locale__language_code="en").exists()
        assert ArticlePage.objects.filter(locale__language_code="de").exists()
        reader = make_reader(get_user_model(), "under_review", email="backup-reader@example.org")
        document = ProofDocument.objects.create(
            request=reader.verification_requests.get(),
            original_name="approbation.pdf",
            content_type="application/pdf",
            size=len(PROOF),
        )
        document.path.parent.mkdir(parents=True)
        document.path.write_bytes(PROOF)
        try:
            archive = workdir / "medlex.tar"
            call_command("backup", str(archive), verbosity=0)
            with open_database() as db:
                rows = every_row(db)
            yield SimpleNamespace(archive=archive, rows=rows, media=media, private=private, document=document)
        finally:
            reader.delete()


def empty_installation(workdir):
    """The environment of a medlex process with an empty database and no files, all in ``workdir``."""
    workdir.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLEX_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        MEDLEX_SQLITE_PATH=str(workdir / "db.sqlite3"),
        MEDLEX_MEDIA_ROOT=str(workdir / "media"),
        MEDLEX_PRIVATE_ROOT=str(workdir / "private"),
    )
    database_url = fresh_database_url(workdir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return SimpleNamespace(workdir=workdir, env=env, database_url=database_url)


def restore(installation, archive, *options):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), *options],
        cwd=ROOT,
        env=installation.env,
        capture_output=True,
        text=True,
    )


def open_database(installation=None):
    """A plain DB-API connection to the test database, or to ``installation``'s: both sides are read alike."""
    if connection.vendor == "sqlite":
        name = installation.env["MEDLEX_SQLITE_PATH"] if installation else connection.settings_dict["NAME"]
        return sqlite3.connect(name, uri=True, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    if installation:
        return psycopg.connect(installation.database_url)
    params = connection.get_connection_params()
    return psycopg.connect(**{key: params[key] for key in ("host", "port", "user", "dbname") if params.get(key)})


def every_row(db):
    """{table: its rows, sorted} for every table of the database."""
    if connection.vendor == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    tables = [row[0] for row in db.execute(query).fetchall()]
    return {table: sorted(map(repr, db.execute(f'SELECT * FROM "{table}"').fetchall())) for table in tables}


def checksums(root):
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def tables_of(installation):
    with open_database(installation) as db:
        return every_row(db)


def test_a_restored_backup_has_every_row_and_every_file_of_the_installation(instance, tmp_path):
    original = instance.rows
    copy = empty_installation(tmp_path / "copy")
    result = restore(copy, instance.archive)
    assert result.returncode == 0, result.stderr
    assert "restored" in result.stdout

    restored = tables_of(copy)
    assert sorted(restored) == sorted(original)
    for table, rows in original.items():
        assert restored[table] == rows, f"{table} differs after the restore"
    assert len(original["accounts_proofdocument"]) == 1 and original["wagtailcore_page"]
    assert checksums(copy.workdir / "media") == checksums(instance.media) != {}
    assert checksums(copy.workdir / "private") == checksums(instance.private)
    assert (copy.workdir / "private" / "proof" / instance.document.stored_name).read_bytes() == PROOF


def test_a_restore_into_an_installation_that_is_not_empty_is_refused_unless_forced(instance, tmp_path):
    archive = instance.archive
    copy = empty_installation(tmp_path / "copy")
    assert restore(copy, archive).returncode == 0
    (copy.workdir / "private" / "proof" / "left-over").write_bytes(b"from before")
    with open_database(copy) as db:
        db.execute("DELETE FROM accounts_proofdocument")
        db.commit()

    refused = restore(copy, archive)
    assert refused.returncode != 0
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert tables_of(copy)["accounts_proofdocument"] == []

    forced = restore(copy, archive, "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(tables_of(copy)["accounts_proofdocument"]) == 1
    assert checksums(copy.workdir / "private") == checksums(instance.private)


def rewritten(archive, target, change):
    """A copy of ``archive`` with each member's content passed through ``change(name, data)``; None drops it."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                copy.addfile(member, io.BytesIO(data))
        if change("extra", None) is not None:
            extra = tarfile.TarInfo("media/images/planted.png")
            extra.size = 4
            copy.addfile(extra, io.BytesIO(b"\x89PNG"))
    return target


def flip_a_byte_of_the_proof(name, data):
    if data is not None and name.startswith("private/"):
        return data[:10] + bytes([data[10] ^ 1]) + data[11:]
    return data if name != "extra" else None


def drop_the_proof(name, data):
    return None if name.startswith("private/") or name == "extra" else data


def plant_a_file(name, data):
    return b"yes" if name == "extra" else data


def cut_short(archive, target):
    data = Path(archive).read_bytes()
    target.write_bytes(data[: len(data) * 2 // 3])
    return target


DAMAGES = {
    "a changed byte": (
        lambda archive, target: rewritten(archive, target, flip_a_byte_of_the_proof),
        "checksum mismatch",
    ),
    "a missing file": (lambda archive, target: rewritten(archive, target, drop_the_proof), "missing from the archive"),
    "a file too many": (lambda archive, target: rewritten(archive, target, plant_a_file), "not in the manifest"),
    "a truncated archive": (cut_short, "no manifest"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_incomplete_archive_is_refused_with_the_reason_and_changes_nothing(instance, tmp_path, damage):
    spoil, reason = DAMAGES[damage]
    spoiled = spoil(instance.archive, tmp_path / "spoiled.tar")
    copy = empty_installation(tmp_path / "copy")

    result = restore(copy, spoiled)

    assert result.returncode != 0
    assert reason in result.stderr and "nothing was changed" in result.stderr
    assert tables_of(copy) == {}
    assert not (copy.workdir / "media").exists() and not (copy.workdir / "private").exists()


def test_the_archive_names_the_database_vendor_and_each_file_with_size_and_checksum(instance):
    with tarfile.open(instance.archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names[-1] == "manifest.json"
    assert manifest["database"]["vendor"] == connection.vendor
    proof = f"private/proof/{instance.document.stored_name}"
    assert {"path": proof, "size": len(PROOF), "sha256": hashlib.sha256(PROOF).hexdigest()} in manifest["files"]
    assert sorted(entry["path"] for entry in manifest["files"]) == sorted(name for name in names[:-1])
    assert datetime.fromisoformat(manifest["created"]).tzinfo is not None
