"""Editors say what each publish changes; the admin asks for it and offers it empty again for the next one."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage
from articles.tests.helpers import author_person
from articles.tests.test_admin import add_url, article_form, editor_client  # noqa: F401 (fixture)
from references.models import record_for

pytestmark = pytest.mark.django_db


def edit_form(page, action="action-publish", **fields):
    """The edit form of the article made by ``article_form``, with ``fields`` and the given button."""
    form = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "synonyms": "Abk",
            "icd10_codes": inline_formset([{"code": "M86.9-"}], min=1),
            "authors": inline_formset([{"person": author_person().pk}], min=1),
            "reviewers": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "kind": "definition",
                            "access": "public",
                            "text": rich_text(fields.pop("text", "<p>Text [1]</p>")),
                            "figures": {"count": 0},
                        },
                    )
                ]
            ),
            "references": inline_formset(
                [{"reference": record_for(authors="Doe J", year=2020, title="T", container="J").pk}]
            ),
            "related_articles": inline_formset([]),
            action: "1",
        }
    )
    form["specialties"] = [specialty.pk for specialty in page.specialties.all()]
    return form | fields


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


@pytest.fixture
def published(editor_client):  # noqa: F811
    response = editor_client.post(add_url(), article_form(slug="edited-article"))
    assert response.status_code == 302
    return ArticlePage.objects.get(slug="edited-article")


def test_the_first_publish_needs_no_kind_and_is_the_first_version(published):
    assert [(v.number, v.kind) for v in published.versions.all()] == [(1, "")]


def test_publishing_a_change_without_kind_and_summary_is_refused_with_a_clear_message(editor_client, published):  # noqa: F811
    response = editor_client.post(edit_url(published), edit_form(published, text="<p>Changed [1]</p>"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose the kind of change you are publishing" in html
    assert "Say in a sentence what changed" in html
    assert published.versions.count() == 1
    assert "Changed" not in ArticlePage.objects.get(pk=published.pk).body.raw_data[0]["value"]["text"]


def test_a_change_with_kind_and_summary_is_published_as_the_next_version(editor_client, published):  # noqa: F811
    form = edit_form(
        published, text="<p>Changed [1]</p>", change_kind="correction", change_summary="Definition corrected."
    )
    assert editor_client.post(edit_url(published), form).status_code == 302
    latest = published.versions.order_by("-number").first()
    assert (latest.number, latest.kind, latest.summary) == (2, "correction", "Definition corrected.")


def test_the_next_edit_offers_kind_and_summary_empty_again(editor_client, published):  # noqa: F811
    form = edit_form(
        published, text="<p>Changed [1]</p>", change_kind="correction", change_summary="Definition corrected."
    )
    editor_client.post(edit_url(published), form)
    html = editor_client.get(edit_url(published)).content.decode()
    assert "Definition corrected." not in html
    assert 'value="correction" selected' not in html


def test_a_saved_draft_keeps_its_kind_and_summary(editor_client, published):  # noqa: F811
    form = edit_form(
        published,
        action="action-save",
        text="<p>Draft [1]</p>",
        change_kind="new_evidence",
        change_summary="New study added.",
    )
    assert editor_client.post(edit_url(published), form).status_code == 302
    html = editor_client.get(edit_url(published)).content.decode()
    assert "New study added." in html
    assert published.versions.count() == 1


def test_the_next_review_must_come_after_the_medical_review(editor_client, published):  # noqa: F811
    form = edit_form(
        published,
        action="action-save",
        medically_reviewed_on="2026-06-15",
        next_review_due="2026-06-01",
    )
    response = editor_client.post(edit_url(published), form)
    assert response.status_code == 200
    assert "The next review must come after the medical review" in response.content.decode()
    assert ArticlePage.objects.get(pk=published.pk).get_latest_revision_as_object().next_review_due is None


def test_a_medical_review_in_the_future_is_refused(editor_client, published):  # noqa: F811
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = editor_client.post(
        edit_url(published), edit_form(published, action="action-save", medically_reviewed_on=tomorrow.isoformat())
    )
    assert "This date is in the future" in response.content.decode()


def test_review_dates_are_saved_and_shown_on_the_article(editor_client, client, published):  # noqa: F811
    form = edit_form(
        published,
        change_kind="editorial",
        change_summary="Review dates added.",
        medically_reviewed_on="2026-06-15",
        literature_reviewed_through="2026-05-01",
        next_review_due="2027-06-15",
    )
    assert editor_client.post(edit_url(published), form).status_code == 302
    html = client.get(ArticlePage.objects.get(pk=published.pk).url).content.decode()
    assert "Medizinisch geprüft am" in html and "15.06.2026" in html and "Mai 2026" in html and "15.06.2027" in html
