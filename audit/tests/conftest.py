"""One demo server for all audits, with a verified professional's session.

The audits look at pages, which do not depend on the database: they run in the SQLite
run of the suite only (scripts/with_postgres.py sets DATABASE_URL for the other).
"""

import os
import shutil
from pathlib import Path

import pytest

from medlex.testing import ROOT, running_server

NODE_MODULES = ROOT / "node_modules"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).parent == here:
            item.add_marker(pytest.mark.audit)
            if os.environ.get("DATABASE_URL"):
                item.add_marker(pytest.mark.skip(reason="the audits run in the SQLite run only"))


@pytest.fixture(scope="session")
def audit_site():
    """A running demo server; ``.cookie`` is the ``name=value`` session of a verified professional."""
    if not (NODE_MODULES / "axe-core").is_dir():
        pytest.fail("node_modules is missing: run `make install` (npm ci)")
    with running_server() as server:
        email = server.create_verified_user("audit@example.org", "an-audit-password-42", "Ada", "Audit")
        server.cookie = server.session_cookie(email)
        yield server


def node():
    path = shutil.which("node")
    if path is None:
        pytest.fail("Node.js is needed for the audits (Debian: nodejs)")
    return path
