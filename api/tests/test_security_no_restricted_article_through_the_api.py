"""An article behind a Wagtail view restriction stays behind it in the API.

Editors can restrict a page to a password, to logged-in readers or to groups.
The page itself then asks for the password or sends the reader to log in; the
API must not hand the same article, or its text, to a caller who does not pass
the restriction: the detail answers 404 (as for an article that does not exist),
and the list, related articles, translations, search, type-ahead and the ICD-10
code's articles leave it out. A caller who passes the restriction (a member of
the group, or a session that entered the password on the page) gets it as usual.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.models import RelatedArticle
from articles.tests.helpers import cno, logged_in

pytestmark = pytest.mark.django_db

TEAM = "Paediatric rheumatology team"
PASSWORD = "open-sesame-42"


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


@pytest.fixture
def team():
    return Group.objects.create(name=TEAM)


@pytest.fixture
def restricted(team):
    """The English CNO article, restricted to a group; the German one is open."""
    page = cno("en")
    restrict(page, PageViewRestriction.GROUPS, team)
    return page


def article_ids(client, url):
    return {item["id"] for item in client.get(url).json()["results"]}


def test_a_verified_reader_outside_the_group_gets_a_404_for_the_restricted_article(verified_client, restricted):
    response = verified_client.get(f"/api/v1/articles/{restricted.pk}")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found.", "details": []}


def test_a_verified_member_of_the_group_reads_the_restricted_article(verified_client, verified_user, restricted, team):
    verified_user.groups.add(team)
    response = verified_client.get(f"/api/v1/articles/{restricted.pk}")
    assert response.status_code == 200
    assert any(not s["locked"] and s["html"] for s in response.json()["sections"] if s["access"] == "professional")


def test_the_restricted_translation_is_not_reached_through_the_other_languages_id(verified_client, restricted):
    german = cno("de")
    assert verified_client.get(f"/api/v1/articles/{german.pk}?lang=en").status_code == 404
    open_german = verified_client.get(f"/api/v1/articles/{german.pk}").json()
    assert "en" not in open_german["translations"]


def test_the_list_leaves_the_restricted_article_out_for_outsiders_only(
    verified_client, verified_user, restricted, team
):
    listed = verified_client.get("/api/v1/articles?lang=en").json()
    assert restricted.pk not in {item["id"] for item in listed["results"]}
    assert listed["count"] == len(listed["results"])
    verified_user.groups.add(team)
    assert restricted.pk in article_ids(logged_in(verified_user), "/api/v1/articles?lang=en")


def test_related_articles_leave_the_restricted_article_out(verified_client, restricted):
    other = next(
        page for page in type(restricted).objects.live().filter(locale=restricted.locale) if page.pk != restricted.pk
    )
    RelatedArticle.objects.create(page=other, target=restricted)
    related = verified_client.get(f"/api/v1/articles/{other.pk}").json()["related"]
    assert restricted.pk not in {item["id"] for item in related}


def test_search_suggest_and_icd10_leave_the_restricted_article_out(verified_client, restricted):
    hits = verified_client.get("/api/v1/search?q=CNO&lang=en").json()["results"]
    assert hits, "the open German article is still found"
    assert restricted.pk not in {hit["id"] for hit in hits}
    assert all(restricted.url not in hit["translations"].values() and hit["url"] != restricted.url for hit in hits)
    suggestions = verified_client.get("/api/v1/suggest?q=CNO&lang=en").json()["results"]
    assert all(entry["url"] != restricted.url for entry in suggestions)
    coded = verified_client.get("/api/v1/icd10/M86.9?lang=en").json()["articles"]
    assert restricted.pk not in {article["id"] for article in coded}


def test_an_anonymous_caller_gets_nothing_of_a_login_restricted_article(client):
    page = cno("en")
    restrict(page, PageViewRestriction.LOGIN)
    assert client.get(f"/api/v1/articles/{page.pk}").status_code == 404
    assert page.pk not in article_ids(client, "/api/v1/articles?lang=en")
    assert client.get(page.url).status_code == 302  # the page sends the reader to log in


def test_a_password_restricted_article_is_withheld_until_the_page_has_been_unlocked(verified_client):
    page = cno("en")
    restriction = restrict(page, PageViewRestriction.PASSWORD)
    assert verified_client.get(f"/api/v1/articles/{page.pk}").status_code == 404
    assert page.pk not in article_ids(verified_client, "/api/v1/articles?lang=en")
    html = verified_client.get(page.url)
    assert html.status_code == 200 and b'name="password"' in html.content
    # The password is entered on the page (the only place that unlocks it); the same session then reads it in the API.
    unlock = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    assert verified_client.post(unlock, {"password": PASSWORD, "return_url": page.url}).status_code == 302
    assert verified_client.get(f"/api/v1/articles/{page.pk}").status_code == 200
    assert Client().get(f"/api/v1/articles/{page.pk}").status_code == 404


def test_the_restricted_page_itself_still_sends_outsiders_to_log_in_and_lets_members_read(
    verified_client, verified_user, restricted, team
):
    assert verified_client.get(restricted.url).status_code == 302
    verified_user.groups.add(team)
    member = logged_in(verified_user)
    assert member.get(restricted.url).status_code == 200
