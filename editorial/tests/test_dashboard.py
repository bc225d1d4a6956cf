"""The editor's dashboard lists what needs an editor: reviews due, translations to review or renew, search dead ends."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile

from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from articles.tests.helpers import make_article
from editorial import dashboard
from search.models import SearchQueryDay
from translation.models import SectionTranslation
from translation.services import _sections_by_id, mark_reviewed, record_translation

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/editorial/"


def make_editor(django_user_model, email="moderator@example.org", publish=True, language="en"):
    """An editor with admin access who may edit (and, with ``publish``, publish) every page."""
    user = django_user_model.objects.create_user(
        email, email, "a-long-test-password", first_name="Mo", last_name="Derator"
    )
    group = Group.objects.create(name=f"Editors of {email}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ["change_page", "publish_page"] if publish else ["change_page"]:
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model)


@pytest.fixture
def editor_client(client, editor):
    return log_in_with_second_factor(client, editor)


def searched(query, days_ago=0, searches=1, empty=0, clicks=0):
    SearchQueryDay.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago), query=query, searches=searches, empty=empty, clicks=clicks
    )


def machine_translated(page):
    """Record the first section of ``page`` as machine-translated from itself, as the write matrix does."""
    block_id, value = next(iter(_sections_by_id(page).items()))
    record_translation(page, block_id, page, value, SectionTranslation.Method.MACHINE, engine="libretranslate")
    return block_id


def test_queries_that_found_nothing_or_whose_results_nobody_opened_are_dead_ends_with_their_counts():
    searched("osteomielitis kind", searches=4, empty=4)
    searched("osteomielitis kind", days_ago=29, searches=2, empty=2)
    searched("cno", searches=3, clicks=0)
    searched("crmo", searches=5, clicks=2)  # found and opened: no dead end
    searched("knochenschmerz", days_ago=30, searches=9, empty=9)  # older than 30 days
    found = {d.query: (d.searches, d.empty, d.clicks) for d in dashboard.search_dead_ends()}
    assert found == {"osteomielitis kind": (6, 6, 0), "cno": (3, 0, 0)}
    assert [d.query for d in dashboard.search_dead_ends()] == ["osteomielitis kind", "cno"]


def test_a_dead_end_says_how_many_articles_the_query_finds_today():
    searched("crmo", searches=2)
    searched("qqxvz", searches=2, empty=2)
    finds = {d.query: d.finds_now for d in dashboard.search_dead_ends()}
    assert finds["crmo"] >= 1 and finds["qqxvz"] == 0


def test_a_machine_translation_nobody_reviewed_waits_for_review_until_a_physician_reviews_it(editor):
    # Marking machine text reviewed is the medical reviewers' permission (review app).
    editor.groups.add(Group.objects.get(name="Medical reviewers"))
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    block_id = machine_translated(page)
    awaiting, outdated = dashboard.translation_work()
    assert [item.page.pk for item in awaiting] == [page.pk] and not outdated
    assert dashboard.awaiting_review_count() == 1
    mark_reviewed(page, block_id, editor)
    assert dashboard.translation_work() == ([], []) and dashboard.awaiting_review_count() == 0


def test_a_translation_whose_source_changed_since_is_outdated():
    page = make_article("Quelle geändert", n=2, lang="en", with_figures=False)
    machine_translated(page)
    body = page.body.raw_data
    body[0]["value"]["text"] = "<p>A corrected text [1]</p>"
    page.body = body
    page.save_revision().publish()
    awaiting, outdated = dashboard.translation_work()
    assert [item.page.pk for item in outdated] == [page.pk] and outdated[0].sections == ["Definition"]
    assert [item.page.pk for item in awaiting] == [page.pk], "still nobody has reviewed the machine's text"


def test_reviews_overdue_or_due_within_thirty_days_are_listed_soonest_first():
    today = timezone.localdate()
    overdue, soon, later = (make_article(f"Review {n}", n=1, lang="en", with_figures=False) for n in "ABC")
    for page, due in (
        (overdue, today - timedelta(days=1)),
        (soon, today + timedelta(days=30)),
        (later, today + timedelta(days=31)),
    ):
        page.next_review_due = due
        page.save_revision().publish()
    listed = [page.pk for page in dashboard.reviews_due(today)]
    assert listed.index(overdue.pk) < listed.index(soon.pk) and later.pk not in listed


def test_an_article_without_a_next_review_date_is_listed_first_as_unscheduled(editor_client):
    today = timezone.localdate()
    overdue, unscheduled = (make_article(f"Review {n}", n=1, lang="en", with_figures=False) for n in "AB")
    overdue.next_review_due = today - timedelta(days=400)
    overdue.save_revision().publish()
    listed = [page.pk for page in dashboard.reviews_due(today)]
    assert listed.index(unscheduled.pk) < listed.index(overdue.pk)
    html = editor_client.get(DASHBOARD).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[unscheduled.pk]) in html and "not scheduled" in html


def test_published_articles_without_a_medical_reviewer_are_listed():
    page = make_article("Ohne Gutachter", n=1, lang="de", with_figures=False)
    listed = dashboard.without_reviewer()
    assert page.pk in [p.pk for p in listed]
    assert all(not p.reviewers.exists() for p in listed)


def test_an_overdue_review_is_on_the_dashboard_with_a_link_to_the_article(editor_client):
    page = make_article("Überfällig", n=1, lang="en", with_figures=False)
    page.next_review_due = timezone.localdate() - timedelta(days=3)
    page.save_revision().publish()
    html = editor_client.get(DASHBOARD).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html and "overdue" in html


def test_the_dashboard_shows_each_list_with_links_to_fix_it(editor_client):
    searched("qqxvz", searches=2, empty=2)
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    machine_translated(page)
    response = editor_client.get(DASHBOARD)
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Machine translations waiting for review", "Outdated translations", "Search dead ends"):
        assert heading in html
    assert reverse("translation_page", args=[page.pk]) in html
    assert f"{reverse('editorial_synonym')}?q=qqxvz" in html


def test_the_dashboard_speaks_german_to_a_german_editor(client, django_user_model):
    editor = make_editor(django_user_model, "redaktion@example.org", language="de")
    searched("qqxvz", searches=2, empty=2)
    html = log_in_with_second_factor(client, editor).get(DASHBOARD).content.decode()
    assert "Übersicht für die Redaktion" in html and "Suchanfragen ohne Treffer" in html
    assert "Als Synonym hinzufügen" in html


def test_the_admin_home_sums_the_dashboard_up_with_a_link_to_it(editor_client):
    searched("qqxvz", searches=2, empty=2)
    html = editor_client.get("/admin/").content.decode()
    assert 'id="editorial-summary-section"' in html
    assert f'href="{DASHBOARD}#dead-ends"' in html and "1 search dead end" in html


@pytest.mark.parametrize("kind", ["anonymous", "reader", "verified"])
def test_readers_never_reach_the_dashboard(client, kind, plain_user, verified_user):
    user = {"anonymous": None, "reader": plain_user, "verified": verified_user}[kind]
    if user is not None:
        client.force_login(user)
    searched("secret query", searches=1, empty=1)
    for url in (DASHBOARD, reverse("editorial_synonym") + "?q=x"):
        response = client.get(url)
        assert response.status_code == 302 and "secret query" not in response.content.decode()
