"""Editors translate and review in the Wagtail admin; reviewing needs its own permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.users.models import UserProfile

from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from translation.models import GlossaryTerm
from translation.services import section_states
from translation.tests.test_workflow import english, german_article, translate

pytestmark = pytest.mark.django_db


def admin_client(client, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return log_in_with_second_factor(client, user)


@pytest.fixture
def editor(django_user_model):
    """A Moderator-like editor who may edit pages but not review translations."""
    user = django_user_model.objects.create_user(
        "ed@example.org", "ed@example.org", "a-long-test-password", first_name="Eda", last_name="Editor"
    )
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="change_page")
    )
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename="publish_page")
    )
    user.groups.add(group)
    return user


def test_without_an_engine_the_admin_says_so_plainly(client, editor, monkeypatch):
    monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
    monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)
    page = ArticlePage.objects.filter(locale__language_code="en").first()
    html = admin_client(client, editor).get(reverse("translation_page", args=[page.pk])).content.decode()
    assert "No machine translation engine is configured" in html
    assert "Translate manually" in html
    assert "A person" in html  # the demo's English sections were written by us


def test_editor_starts_a_translation_and_sees_progress(client, editor, deepl_server, run_translation_worker):
    source = german_article()
    client = admin_client(client, editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("translation_translate", args=[source.pk]),
            {"locale": Locale.objects.get(language_code="en").pk, "engine": "deepl"},
            follow=True,
        )
    assert "Translation started" in response.content.decode()
    run_translation_worker()
    html = client.get(reverse("translation_jobs")).content.decode()
    assert "2 of 2 sections" in html and "Done" in html


def test_failed_job_shows_the_engines_reason_in_the_admin(client, editor, deepl_server):
    source = german_article()
    deepl_server.fail_with = (429, {"message": "Too many requests"})
    translate(source, "deepl")
    html = admin_client(client, editor).get(reverse("translation_page", args=[source.pk])).content.decode()
    assert "429: too many requests – try again later (Too many requests)" in html
    assert "nothing was published" in html


def test_mark_as_reviewed_needs_the_review_permission(client, editor, deepl_server):
    source = german_article()
    translate(source, "deepl")
    target = english(source)
    block_id = target.body[0].id
    client = admin_client(client, editor)
    url = reverse("translation_review", args=[target.pk, block_id])
    assert "Mark as reviewed" not in client.get(reverse("translation_page", args=[target.pk])).content.decode()
    assert client.post(url)["Location"] == "/admin/"  # Wagtail answers "permission denied" this way
    assert section_states(target)[block_id].state == "machine"
    editor.groups.first().permissions.add(Permission.objects.get(codename="review_machine_translation"))
    editor = type(editor).objects.get(pk=editor.pk)
    client = admin_client(client, editor)
    assert "Mark as reviewed" in client.get(reverse("translation_page", args=[target.pk])).content.decode()
    client.post(url)
    state = section_states(target)[block_id]
    assert (state.state, state.reviewer) == ("reviewed", "Eda Editor")


def test_glossary_is_edited_as_a_snippet(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.org", "root@example.org", "a-long-test-password")
    GlossaryTerm.objects.create(german="Methotrexat", english="methotrexate")
    html = admin_client(client, admin).get(reverse("wagtailsnippets_translation_glossaryterm:list")).content.decode()
    assert "Methotrexat" in html


def test_article_edit_view_links_to_its_translation_page(client, editor):
    page = ArticlePage.objects.filter(locale__language_code="en").first()
    html = admin_client(client, editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("translation_page", args=[page.pk]) in html
