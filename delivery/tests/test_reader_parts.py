"""A per-reader part of a page is one entry in delivery.parts and one template tag; shells fill it per reader.

The part registered here exists only in this test, as the next feature's part
(a bookmark button, a note) would: no cache machinery of its own, and the page
works without JavaScript because the part is filled on the server.
"""

import re
import shutil

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.states import VERIFIED_PROFESSIONALS_GROUP
from articles.tests.helpers import cno
from delivery import parts

pytestmark = pytest.mark.django_db


def greeting(request):
    user = request.user
    return f"<p class='greeting'>Hello {user.first_name if user.is_authenticated else 'guest'}</p>"


@pytest.fixture
def page_with_a_greeting(settings, monkeypatch, tmp_path):
    """The site's base template with a ``greeting`` part in its header, from a template folder of the test's own."""
    monkeypatch.setitem(parts.PARTS, "greeting", greeting)
    base = (django_settings.BASE_DIR / "core" / "templates" / "base.html").read_text()
    assert '{% reader_part "account-menu" %}' in base
    (tmp_path / "base.html").write_text(
        base.replace('{% reader_part "account-menu" %}', '{% reader_part "account-menu" %}{% reader_part "greeting" %}')
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    yield cno().url
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_each_reader_gets_their_own_part_from_one_shell(page_with_a_greeting, verified_user, django_user_model):
    url = page_with_a_greeting
    colleague = django_user_model.objects.create_user("cem@example.org", "cem@example.org", "pw-long-enough-1")
    colleague.first_name = "Cem"
    colleague.save()
    colleague.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))
    dana, cem = Client(), Client()
    dana.force_login(verified_user)
    cem.force_login(colleague)
    assert "Hello Dana" in dana.get(url).content.decode()  # rendered, kept as the professional shell
    cem.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = cem.get(url).content.decode()
    assert "Hello Cem" in html and "Hello Dana" not in html
    # The session, then the shell, filled for Cem: no rendering. One small query for each
    # part about the article (Follow and Bookmark buttons, his notes) and one cache read
    # for whether he opened it minutes ago (notes.reading).
    assert len(queries) <= 6
    assert "reader-part" not in html


def test_anonymous_readers_get_the_part_in_the_page_itself(page_with_a_greeting, client):
    for _ in range(2):
        html = client.get(page_with_a_greeting).content.decode()
        assert "Hello guest" in html and "reader-part" not in html
        # No script fills it: the page's only scripts are static enhancements (the citation preview), none inline.
        assert not re.search(r"<script(?![^>]*\ssrc=\"/static/)", html.split("<main")[1])


def test_a_page_kept_for_many_readers_holds_the_placeholder_and_is_filled_per_request(rf, verified_user):
    pieces = parts.split(f"<header>{parts.placeholder('account-menu')}</header>")
    assert pieces[1] == "account-menu"
    request = rf.get("/")
    request.user = verified_user
    request.META["CSRF_COOKIE"] = "a" * 32
    assert b"Dana Doc" in parts.fill(pieces, request)
