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
from core.fragments import placeholder
from delivery import parts

pytestmark = pytest.mark.django_db


def greeting(request, facts):
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
    pieces = parts.split(f"<header>{placeholder('account-menu')}</header>")
    assert pieces[1] == "account-menu"
    request = rf.get("/")
    request.user = verified_user
    request.META["CSRF_COOKIE"] = "a" * 32
    assert b"Dana Doc" in parts.fill(pieces, request)


def no_stand_in_left(html):
    return not any(stand_in in html for stand_in in parts.STAND_INS.values())


def test_parts_rendered_once_carry_each_readers_own_csrf_token_and_address(verified_user, django_user_model):
    """The Follow, Bookmark and notes parts are rendered once per worker; each reader's copy posts with their own token."""
    url = cno().url
    colleague = django_user_model.objects.create_user("cem@example.org", "cem@example.org", "pw-long-enough-1")
    colleague.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))
    for user in (verified_user, colleague):
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(user)
        html = reader.get(url).content.decode()
        assert no_stand_in_left(html)
        form = re.search(r'<form class="follow-article" method="post" action="([^"]+)">(.*?)</form>', html, re.S)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[2])[1]
        assert re.search(r'name="next" value="([^"]+)"', form[2])[1] == url
        response = reader.post(form[1], {"csrfmiddlewaretoken": token, "action": "follow", "next": url})
        assert response.status_code == 302 and response["Location"] == url
        assert ">Following</button>" in reader.get(url).content.decode()


def test_parts_lead_back_to_the_address_the_reader_opened_with_its_query(verified_client):
    url = cno().url
    html = verified_client.get(f"{url}?from=search&q=a%20b").content.decode()
    assert f'name="next" value="{url}?from=search&amp;q=a%20b"' in html  # the Bookmark and Follow forms
    assert f"next={url}%3Ffrom%3Dsearch%26q%3Da%2520b" in html  # the link to a new note
    assert no_stand_in_left(html)
