"""One archive that holds a whole medlex installation, and its restore.

The archive is a tar file with the database (SQLite's online backup, or PostgreSQL's
``pg_dump -Fc``), every file under MEDLEX_MEDIA_ROOT (``media/``) and under
MEDLEX_PRIVATE_ROOT (``private/``, the proof-of-profession documents), and last a
manifest (``manifest.json``): format version, time of creation, database vendor, and
each file's path, size and SHA-256.

The manifest comes last on purpose: a backup cut short (full disk, killed process)
has no manifest, so it can never pass for a complete one. A restore reads the whole
archive and checks it against the manifest before it touches anything; a damaged,
truncated or incomplete archive is refused with the reasons.
"""

import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings

FORMAT = "medlex-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/db.sqlite3", "postgresql": "database/medlex.dump"}
CHUNK = 1024 * 1024
# How often a long run reports its progress, in seconds.
PROGRESS_EVERY = 2.0


class BackupError(Exception):
    """What an operator is told when a backup or restore cannot go ahead; nothing has been changed."""


def file_roots():
    """The folders whose files belong to an installation, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.MEDLEX_PRIVATE_ROOT)}


def pg_program(name):
    """A PostgreSQL client program, of the newest installed version (Debian keeps them per version)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    program = candidates[-1] if candidates else shutil.which(name)
    if not program:
        raise BackupError(f"{name} was not found: install the PostgreSQL client programs.")
    return program


def pg_command(connection, program, *args):
    """``program`` with the connection's server, user and database; the password goes in the environment."""
    params = connection.get_connection_params()
    command = [pg_program(program)]
    for option, key in (("-h", "host"), ("-p", "port"), ("-U", "user")):
        if params.get(key):
            command += [option, str(params[key])]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    return [*command, *args, "-d", params["dbname"]], env


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def dump_database(connection, target):
    """Write a consistent copy of the database to ``target`` while the site keeps running."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # The online backup API copies a consistent state, what the write-ahead log holds included.
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        command, env = pg_command(connection, "pg_dump", "-Fc", "-f", str(target))
        run(command, env)
    else:
        raise BackupError(f"Backups cover SQLite and PostgreSQL, not {connection.vendor}.")


def load_database(connection, source, replace):
    """Replace the database's content with the copy in ``source``; PostgreSQL's restore is all or nothing."""
    if connection.vendor == "sqlite":
        connection.close()
        target = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(source)
        try:
            copy.backup(target)
        finally:
            copy.close()
            target.close()
    else:
        options = ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error"]
        if replace:
            options += ["--clean", "--if-exists"]
        connection.close()
        command, env = pg_command(connection, "pg_restore", *options)
        run([*command, str(source)], env)


def files_to_back_up():
    """(name in the archive, file) for every file under the roots, in a stable order; links are followed."""
    for prefix, root in file_roots().items():
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield f"{prefix}/{path.relative_to(root).as_posix()}", path


class Throttled:
    """Calls ``progress(done, total)`` in megabytes, at most every few seconds and at the end."""

    def __init__(self, progress, total_bytes):
        self.progress, self.total, self.done, self.last = progress, total_bytes, 0, time.monotonic()

    def __call__(self, size):
        self.done += size
        now = time.monotonic()
        if self.progress and (self.done >= self.total or now - self.last >= PROGRESS_EVERY):
            self.last = now
            self.progress(round(self.done / 1e6, 1), round(self.total / 1e6, 1))


class Hashing:
    """A file read through it is counted and hashed on the way (tarfile reads what it archives or extracts)."""

    def __init__(self, file):
        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def create(path, connection, progress=None):
    """Write the backup archive ``path``; return its manifest.

    It is written next to ``path`` under another name and renamed when complete, so
    ``path`` is either the whole backup or not there.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="medlex-backup-") as workdir:
        database = Path(workdir) / "database"
        dump_database(connection, database)
        entries = [(DATABASE_FILES[connection.vendor], database), *files_to_back_up()]
        report = Throttled(progress, sum(source.stat().st_size for _, source in entries))
        files = []
        try:
            with tarfile.open(partial, "w", dereference=True) as archive:
                for name, source in entries:
                    info = archive.gettarinfo(str(source), arcname=name)
                    info.type, info.linkname, info.uid, info.gid, info.uname, info.gname = (
                        tarfile.REGTYPE,
                        "",
                        0,
                        0,
                        "",
                        "",
                    )
                    with open(source, "rb") as file:
                        reader = Hashing(file)
                        archive.addfile(info, reader)
                    files.append({"path": name, "size": reader.size, "sha256": reader.sha256.hexdigest()})
                    report(reader.size)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": {"vendor": connection.vendor, "path": DATABASE_FILES[connection.vendor]},
                    "files": files,
                }
                data = json.dumps(manifest, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def safe_name(name):
    """Whether an archive member may be written under our roots: relative, no ``..``, under a known prefix."""
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not PurePosixPath(name).is_absolute()
        and ".." not in parts
        and (name in DATABASE_FILES.values() or (parts[0] in file_roots() and len(parts) > 1))
    )


def read_archive(path, progress=None):
    """(manifest or None, {name: (size, sha256)}, problems) of one pass over the archive."""
    found, problems, manifest = {}, [], None
    try:
        archive = tarfile.open(path, "r:*")
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a readable tar archive ({error}).") from None
    report = Throttled(progress, os.path.getsize(path))
    with archive:
        try:
            for member in archive:
                if member.name == MANIFEST and member.isfile():
                    try:
                        manifest = json.loads(archive.extractfile(member).read())
                    except ValueError:
                        problems.append("the manifest is not valid JSON")
                    continue
                if not member.isfile():
                    problems.append(f"{member.name}: not a regular file")
                    continue
                if not safe_name(member.name):
                    problems.append(f"{member.name}: not a path a medlex backup contains")
                    continue
                reader = Hashing(archive.extractfile(member))
                while reader.read(CHUNK):
                    pass
                found[member.name] = (reader.size, reader.sha256.hexdigest())
                report(reader.size)
        except (tarfile.TarError, OSError, EOFError) as error:
            problems.append(f"the archive is truncated or damaged ({error})")
    return manifest, found, problems


def check(path, connection, progress=None):
    """Read the whole archive and compare it with its manifest; return the manifest or raise BackupError with every reason."""
    manifest, found, problems = read_archive(path, progress)
    if manifest is None:
        problems.append("it has no manifest (a backup cut short, or not made by manage.py backup)")
    elif manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        problems.append(f"its manifest is not of {FORMAT} version {VERSION}")
    else:
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            problems.append(f"it holds a {vendor} database and this installation uses {connection.vendor}")
        listed = {entry["path"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
        if manifest["database"]["path"] not in listed:
            problems.append("the manifest lists no database")
        for name, (size, sha256) in listed.items():
            if name not in found:
                problems.append(f"{name}: listed in the manifest, missing from the archive")
            elif found[name][0] != size:
                problems.append(f"{name}: {found[name][0]} bytes, the manifest says {size}")
            elif found[name][1] != sha256:
                problems.append(f"{name}: checksum mismatch")
        for name in sorted(set(found) - set(listed)):
            problems.append(f"{name}: in the archive, not in the manifest")
    if problems:
        shown = problems[:10] + ([f"… and {len(problems) - 10} more"] if len(problems) > 10 else [])
        raise BackupError(f"{path} cannot be restored; nothing was changed:\n- " + "\n- ".join(shown))
    return manifest


def what_is_there(connection):
    """What makes this installation not empty: its database's tables, files under the roots."""
    found = []
    tables = connection.introspection.table_names()
    if tables:
        found.append(f"the database has {len(tables)} tables")
    for root in file_roots().values():
        if root.is_dir() and any(root.iterdir()):
            found.append(f"{root} is not empty")
    return found


def empty_folder(root):
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def restore(path, connection, replace=False, progress=None):
    """Restore the archive ``path`` into this installation; return its manifest.

    The archive is checked in full first. An installation that is not empty is
    refused unless ``replace``; then its database and the files under both roots are
    replaced by the backup's.
    """
    manifest = check(path, connection, progress)
    existing = what_is_there(connection)
    if existing and not replace:
        raise BackupError(
            "This installation is not empty ("
            + "; ".join(existing)
            + "). Restore into an empty one, or pass --force to replace its database and files."
        )
    expected = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    roots = file_roots()
    report = Throttled(progress, sum(entry["size"] for entry in manifest["files"]))
    with tempfile.TemporaryDirectory(prefix="medlex-restore-") as workdir, tarfile.open(path, "r:*") as archive:
        staged = Path(workdir) / "database"
        with archive.extractfile(manifest["database"]["path"]) as source, open(staged, "wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
        report(staged.stat().st_size)
        load_database(connection, staged, replace)
        if replace:
            for root in roots.values():
                if root.is_dir():
                    empty_folder(root)
        for member in archive:
            prefix = PurePosixPath(member.name).parts[0]
            if member.name not in expected or prefix not in roots:
                continue
            target = roots[prefix].joinpath(*PurePosixPath(member.name).parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            reader = Hashing(archive.extractfile(member))
            with open(target, "wb") as file:
                shutil.copyfileobj(reader, file, CHUNK)
            os.chmod(target, member.mode & 0o777 or 0o600)
            if reader.sha256.hexdigest() != expected[member.name]:
                raise BackupError(f"{member.name} changed while it was restored; restore again from a safe copy.")
            report(reader.size)
    return manifest
