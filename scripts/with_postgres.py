#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster.

Creates a cluster in a temporary folder with Debian's initdb/pg_ctl, starts it
on a Unix socket (no TCP port to collide with), sets DATABASE_URL for the
command, and removes everything afterwards, whatever the command's outcome.

    python scripts/with_postgres.py python -m pytest
"""

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile


def pg_bin():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        sys.exit("PostgreSQL server binaries not found: install Debian's postgresql package.")
    return os.path.dirname(candidates[-1])


def as_server_user(args):
    # initdb and postgres refuse to run as root; Debian's package brings a postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def main(argv):
    if not argv:
        sys.exit(__doc__)
    bindir = pg_bin()
    workdir = tempfile.mkdtemp(prefix="medlex-pg-")
    data, port = os.path.join(workdir, "data"), "5433"
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
    log = os.path.join(workdir, "server.log")
    try:
        subprocess.run(
            as_server_user(
                [
                    f"{bindir}/initdb",
                    "-D",
                    data,
                    "-U",
                    "medlex",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-k {workdir} -p {port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            as_server_user([f"{bindir}/pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = dict(os.environ, DATABASE_URL=f"postgres://medlex@/medlex?host={workdir}&port={port}")
        print(f"PostgreSQL ({os.path.basename(os.path.dirname(bindir))}) started in {workdir}", flush=True)
        return subprocess.run(argv, env=env).returncode
    finally:
        subprocess.run(
            as_server_user([f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
