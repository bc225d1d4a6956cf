"""From a search dead end to a synonym in one step: published through Wagtail, searchable at once, refused cleanly."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from articles.tests.helpers import cno
from editorial import dashboard
from editorial.tests.test_dashboard import make_editor, searched
from search import services

pytestmark = pytest.mark.django_db

SYNONYM = reverse("editorial_synonym")


@pytest.fixture
def moderator_client(client, django_user_model):
    return log_in_with_second_factor(client, make_editor(django_user_model))


def finds(query, page):
    return page.pk in [r.document.page_id for r in services.search(query, lang=page.locale.language_code).results]


def test_a_dead_end_becomes_a_published_synonym_and_then_finds_the_article(moderator_client):
    searched("knochenentzündung ohne keim", searches=3, empty=3)
    page = cno("de")
    assert not finds("knochenentzündung ohne keim", page)
    form = moderator_client.get(SYNONYM, {"q": "knochenentzündung ohne keim"})
    assert form.status_code == 200 and f'value="{page.pk}"' in form.content.decode()
    response = moderator_client.post(SYNONYM, {"q": "knochenentzündung ohne keim", "page": page.pk}, follow=True)
    assert "is now a synonym of" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.synonym_list()[-1] == "knochenentzündung ohne keim" and not page.has_unpublished_changes
    revision = page.live_revision
    assert revision.user.email == "moderator@example.org"
    assert finds("knochenentzündung ohne keim", page)
    assert [d.finds_now for d in dashboard.search_dead_ends()] == [1]


def test_the_article_page_shows_the_new_synonym_to_readers_at_once(moderator_client, client):
    page = cno("en")
    assert "sterile bone inflammation" not in client.get(page.url).content.decode()  # now in the page cache
    moderator_client.post(SYNONYM, {"q": "sterile bone inflammation", "page": page.pk})
    assert "sterile bone inflammation" in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please enter the synonym to add."),
        ("   ", "Please enter the synonym to add."),
        ("x" * 101, "The synonym is too long (at most 100 characters)."),
        ("?!", "A synonym needs letters or digits."),
        ("crmo", "is already a synonym or the title of"),
        ("Chronic Nonbacterial  Osteomyelitis", "is already a synonym or the title of"),
        ("cno syndrome", "is already a synonym or the title of"),
    ],
    ids=["empty", "blank", "too-long", "no-letters", "known-synonym", "other-case-and-spaces", "the-title"],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(moderator_client, text, message):
    page = cno("en")
    before = (page.synonyms, Revision.objects.count())
    response = moderator_client.post(SYNONYM, {"q": text, "page": page.pk})
    assert response.status_code == 400 and message in response.content.decode()
    page.refresh_from_db()
    assert (page.synonyms, Revision.objects.count()) == before


@pytest.mark.parametrize("chosen", ["", "x", "999999"])
def test_no_article_or_an_unknown_one_is_refused_with_a_message(moderator_client, chosen):
    revisions = Revision.objects.count()
    response = moderator_client.post(SYNONYM, {"q": "new synonym", "page": chosen})
    assert response.status_code == 400 and "Please choose a published article." in response.content.decode()
    assert Revision.objects.count() == revisions


def test_an_editor_who_may_not_publish_the_article_cannot_add_a_synonym(client, django_user_model):
    editor = make_editor(django_user_model, "writer@example.org", publish=False)
    page = cno("en")
    before = page.synonyms
    response = log_in_with_second_factor(client, editor).post(SYNONYM, {"q": "new synonym", "page": page.pk})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.synonyms == before and not finds("new synonym", page)


def test_an_article_with_unpublished_changes_is_left_alone(moderator_client):
    page = cno("en")
    page.title = "CNO syndrome (draft)"
    draft = page.save_revision()
    response = moderator_client.post(SYNONYM, {"q": "new synonym", "page": page.pk})
    assert response.status_code == 400 and "has unpublished changes" in response.content.decode()
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.latest_revision_id == draft.pk and "new synonym" not in page.synonyms


def test_the_form_finds_articles_by_title(moderator_client):
    html = moderator_client.get(SYNONYM, {"q": "x", "find": "sapho"}).content.decode()
    assert "SAPHO" in html and "CNO syndrome" not in html


def test_a_synonym_is_an_editorial_change_in_the_history_and_leaves_last_updated(moderator_client):
    page = cno("de")
    last_updated = page.last_updated()
    moderator_client.post(SYNONYM, {"q": "abakterielle Knochenentzündung", "page": page.pk})
    page = ArticlePage.objects.get(pk=page.pk)
    version = page.versions.order_by("-number").first()
    assert (version.kind, version.summary) == ("editorial", "Synonym ergänzt: abakterielle Knochenentzündung")
    assert page.last_updated() == last_updated
