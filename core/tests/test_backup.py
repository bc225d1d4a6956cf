"""The backup procedure of docs/operations.md works: pg_dump, restore into a new database, same content."""

import glob
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def pg_tool(name):
    return sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are described for PostgreSQL")
def test_pg_dump_and_restore_round_trip(tmp_path):
    params = connection.get_connection_params()
    args = ["-h", params["host"], "-p", str(params["port"]), "-U", params["user"]]
    dump = tmp_path / "medlex.dump"
    subprocess.run([pg_tool("pg_dump"), *args, "-Fc", "-f", str(dump), params["dbname"]], check=True)
    restored = f"medlex_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run([pg_tool("createdb"), *args, restored], check=True)
    subprocess.run([pg_tool("pg_restore"), *args, "--no-owner", "-d", restored, str(dump)], check=True)
    with psycopg.connect(host=params["host"], port=params["port"], user=params["user"], dbname=restored) as conn:
        titles = sorted(
            row[0]
            for row in conn.execute(
                "SELECT p.title FROM wagtailcore_page p JOIN articles_articlepage a ON a.page_ptr_id = p.id WHERE p.live"
            )
        )
    assert titles == sorted(ArticlePage.objects.live().values_list("title", flat=True))
    assert len(titles) >= 12
