"""A test server's ``shell`` runs each snippet as ``manage.py shell -c`` would, in one process that stays up.

The browser tests' shared server (``site_server``) answers here, so this costs no
server of its own; the PostgreSQL run leaves it out with the other tests of that server.
"""

import pytest

pytestmark = pytest.mark.same_on_every_database


def test_one_process_runs_the_snippets_and_each_sees_what_the_last_one_wrote(site_server):
    first = site_server.shell(
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_user('shell-session@example.org', 'shell-session@example.org', 'a-long-pass-42')\n"
        "print(os.getpid())"
    )
    second = site_server.shell(
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "print(os.getpid(), get_user_model().objects.filter(email='shell-session@example.org').count())"
    )
    pid = first.split()[-1]
    assert second.split()[-2:] == [pid, "1"]


def test_a_snippet_starts_without_a_database_connection_as_a_new_process_would(site_server):
    site_server.shell("from articles.models import ArticlePage\nprint(ArticlePage.objects.count())")
    assert site_server.shell("from django.db import connection\nprint(connection.connection is None)").split()[-1] == (
        "True"
    )


def test_a_failing_snippet_raises_with_its_traceback_and_the_next_one_still_runs(site_server):
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        site_server.shell("print(1 / 0)")
    assert site_server.shell("print('still here')").split()[-1] == "here"


def test_the_models_are_imported_as_in_manage_py_shell(site_server):
    assert site_server.shell("print(ArticlePage.objects.live().count() > 0)").split()[-1] == "True"
