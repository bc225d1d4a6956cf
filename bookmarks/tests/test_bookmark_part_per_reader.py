"""The bookmark button is a reader part (delivery.parts): a warm shared page shows each reader their own state,
at the cost of one small query."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.tests.helpers import cno
from bookmarks.models import Bookmark
from bookmarks.tests.helpers import bookmark_form_action, colleague

pytestmark = pytest.mark.django_db


def test_reader_a_s_bookmark_never_shows_in_reader_b_s_view_of_the_same_warm_page(verified_user, django_user_model):
    page = cno()
    dana, cem = Client(), Client()
    dana.force_login(verified_user)
    cem.force_login(colleague(django_user_model))
    dana.post("/en/bookmarks/article/", {"article": page.pk, "action": "add"})
    assert bookmark_form_action(dana.get(page.url).content.decode()) == "remove"  # kept as the professional shell
    assert bookmark_form_action(cem.get(page.url).content.decode()) == "add"
    assert bookmark_form_action(dana.get(page.url).content.decode()) == "remove"
    cem_html = cem.get(page.url).content.decode()
    assert bookmark_form_action(cem_html) == "add" and "Bookmarked ✓" not in cem_html
    # The shell holds the placeholder, never a reader's state or token.
    assert "reader-part" not in cem_html


def test_the_part_costs_no_query_on_a_warm_page(verified_client):
    page = cno()
    verified_client.get(page.url)
    Bookmark.objects.all().delete()
    verified_client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = verified_client.get(page.url).content.decode()
    assert bookmark_form_action(html) == "add"
    # The reader's bookmarks are among their facts, read with the shell (delivery.reader_facts).
    assert not any("bookmarks_bookmark" in q["sql"] for q in queries)
    assert not any("articles_articlepage" in q["sql"] for q in queries), "served from the shell, not rendered"


def test_the_part_is_filled_for_the_article_shown_under_the_other_language_s_address(verified_client):
    german = cno("de")
    verified_client.post("/en/bookmarks/article/", {"article": german.pk, "action": "add"})
    html = verified_client.get(german.url).content.decode()
    assert f'name="article" value="{german.pk}"' in html and bookmark_form_action(html) == "remove"


def test_a_bookmark_made_on_the_phone_shows_at_once_on_the_desktop(verified_user):
    """The desktop's page was answered from the reader's stored facts; the bookmark retires them."""
    page = cno()
    desktop, phone = Client(), Client()
    desktop.force_login(verified_user)
    phone.force_login(verified_user)
    assert bookmark_form_action(desktop.get(page.url).content.decode()) == "add"
    phone.post("/en/bookmarks/article/", {"article": page.pk, "action": "add"})
    assert bookmark_form_action(desktop.get(page.url).content.decode()) == "remove"
    phone.post("/en/bookmarks/article/", {"article": page.pk, "action": "remove"})
    assert bookmark_form_action(desktop.get(page.url).content.decode()) == "add"
