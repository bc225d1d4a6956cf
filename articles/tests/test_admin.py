"""Editors write articles in the Wagtail admin; mistakes get messages that say what to fix."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from articles.tests.helpers import author_person
from home.models import HomePage
from references.models import record_for
from specialties.models import Specialty

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "editor@example.org", "editor@example.org", "a-long-test-password"
    )
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    return log_in_with_second_factor(client, admin)


def article_form(
    codes=("M86.9-",), cites="[1]", references=1, slug="new-article", kinds=("definition",), specialties=None
):
    specialties = Specialty.objects.filter(slug_en="rheumatology") if specialties is None else specialties
    form = nested_form_data(
        {
            "title": "Neuer Artikel",
            "slug": slug,
            "synonyms": "Abk",
            "icd10_codes": inline_formset([{"code": code} for code in codes], min=1),
            "authors": inline_formset([{"person": author_person().pk}], min=1),
            "reviewers": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "kind": kind,
                            "access": "public",
                            "text": rich_text(f"<p>Text {cites}</p>"),
                            "figures": {"count": 0},
                        },
                    )
                    for kind in kinds
                ]
            ),
            "references": inline_formset(
                [{"reference": record_for(authors="Doe J", year=2020, title="T", container="J").pk}] * references
            ),
            "related_articles": inline_formset([]),
            "action-publish": "publish",
        }
    )
    form["specialties"] = [specialty.pk for specialty in specialties]
    return form


def add_url():
    home = HomePage.objects.get(locale__language_code="de")
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", home.id))


def test_editor_publishes_a_valid_article(editor_client):
    response = editor_client.post(add_url(), article_form())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ArticlePage.objects.get(slug="new-article")
    assert page.live
    assert [c.code for c in page.icd10_codes.all()] == ["M86.9-"]
    assert page.last_updated() is not None


def test_the_published_article_is_filed_under_the_specialties_the_editor_ticked(editor_client):
    response = editor_client.post(add_url(), article_form(slug="filed-article"))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="filed-article")
    assert [s.slug_en for s in page.specialties.all()] == ["rheumatology"]
    assert '<a href="/de/fachgebiete/rheumatologie/">Rheumatologie</a>' in Client().get(page.url).content.decode()


def test_an_article_without_a_specialty_is_not_published_and_the_editor_is_told_why(editor_client):
    response = editor_client.post(add_url(), article_form(slug="unfiled-article", specialties=[]))
    assert response.status_code == 200
    assert "Choose at least one specialty." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="unfiled-article").exists()


def test_a_draft_may_be_saved_before_its_specialty_is_chosen(editor_client):
    form = article_form(slug="draft-without-specialty", specialties=[])
    form.pop("action-publish")
    assert editor_client.post(add_url(), form).status_code == 302
    assert not ArticlePage.objects.get(slug="draft-without-specialty").live


def test_lowercase_code_without_dot_is_normalised(editor_client):
    editor_client.post(add_url(), article_form(codes=("m869",), slug="normalised"))
    assert [c.code for c in ArticlePage.objects.get(slug="normalised").icd10_codes.all()] == ["M86.9"]


def test_unknown_icd10_code_is_refused_naming_code_and_parent(editor_client):
    response = editor_client.post(add_url(), article_form(codes=("M86.99X",), slug="bad-code"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "M86.99X" in html and "M86.9" in html
    assert not ArticlePage.objects.filter(slug="bad-code").exists()


def test_citation_beyond_the_literature_list_is_refused(editor_client):
    response = editor_client.post(add_url(), article_form(cites="[1, 3]", references=2, slug="bad-cite"))
    assert response.status_code == 200
    assert "cites [3], but the literature list has 2 entries" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="bad-cite").exists()


def test_a_section_kind_may_appear_only_once(editor_client):
    response = editor_client.post(add_url(), article_form(kinds=("therapy", "therapy"), slug="twice"))
    assert response.status_code == 200
    assert "appears twice" in response.content.decode()


def test_editor_sees_what_the_typed_values_were_after_an_error(editor_client):
    response = editor_client.post(add_url(), article_form(codes=("M86.99X",), slug="kept-input"))
    html = response.content.decode()
    assert 'value="kept-input"' in html and "Neuer Artikel" in html


def test_german_speaking_editor_gets_the_message_in_german(editor_client, django_user_model):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor@example.org"))
    profile.preferred_language = "de"
    profile.save()
    response = editor_client.post(add_url(), article_form(cites="[4]", references=2, slug="bad-cite-de"))
    assert "zitiert [4], das Literaturverzeichnis hat aber 2 Eintr" in response.content.decode()


def test_preview_shows_the_editors_unsaved_article_and_caches_nothing(editor_client):
    home = HomePage.objects.get(locale__language_code="de")
    url = reverse("wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", home.id))
    form = article_form(slug="preview-only") | {"title": "Vorschau eines Entwurfs"}
    assert editor_client.post(url, form).json()["is_valid"] is True
    response = editor_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Vorschau eines Entwurfs" in html and "M86.9-" in html
    assert "Doe J" in html  # the literature list of the draft
    assert "no-store" in response["Cache-Control"]
    assert not ArticlePage.objects.filter(slug="preview-only").exists()


def test_preview_of_a_change_leaves_the_live_article_alone(editor_client, django_user_model, rf):
    page = ArticlePage.objects.get(locale__language_code="de", icd10_codes__code="M86.9-")
    live_title = page.title
    reader = Client()
    assert live_title in reader.get(page.url).content.decode()  # the live page is cached now
    draft = page.get_latest_revision_as_object()
    draft.title = "Entwurfstitel"
    request = rf.get(page.url)
    request.user = django_user_model.objects.get(username="editor@example.org")
    preview = draft.serve_preview(request, draft.default_preview_mode).content.decode()
    assert "<h1>Entwurfstitel" in preview
    assert "<!--medlex:" not in preview  # the editor's menu and messages are filled in
    live = reader.get(page.url).content.decode()
    assert "Entwurfstitel" not in live and live_title in live
