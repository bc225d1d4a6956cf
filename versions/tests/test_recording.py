"""Every publish of an article is a numbered version that says what kind of change it was."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from articles.models import ArticleContentStamp, ArticlePage, ChangeKind
from articles.tests.helpers import make_article
from versions.models import ArticleVersion
from versions.tests.helpers import publish_change, replace_in_section

pytestmark = pytest.mark.django_db


def test_every_publish_is_the_next_version_with_its_kind_summary_and_revision():
    page = make_article("Versioned article", lang="en")
    page = publish_change(
        page, ChangeKind.CORRECTION, "Therapy: a wrong number corrected.", replace_in_section(1, "Text 1", "Text one")
    )
    versions = list(page.versions.order_by("number"))
    assert [(v.number, v.kind, v.summary) for v in versions] == [
        (1, "", ""),
        (2, "correction", "Therapy: a wrong number corrected."),
    ]
    assert versions[1].revision_id == page.live_revision_id
    with translation.override("en"):
        assert [str(v.kind_label()) for v in versions] == ["First publication", "Correction"]


def test_numbers_count_per_article():
    first = make_article("First counted article", lang="en")
    second = make_article("Second counted article", lang="en")
    publish_change(first, ChangeKind.CONTENT_UPDATE, "More text.")
    assert list(first.versions.values_list("number", flat=True)) == [1, 2]
    assert list(second.versions.values_list("number", flat=True)) == [1]


def test_publishing_the_same_revision_again_adds_no_version():
    page = make_article("Republished article", lang="en")
    ArticlePage.objects.get(pk=page.pk).live_revision.publish()
    assert page.versions.count() == 1


def backdate_last_updated(page):
    """ "Last updated" a year ago, so that a publish now that moves it shows."""
    year_ago = timezone.now() - timedelta(days=365)
    ArticleContentStamp.objects.filter(page=page).update(changed_at=year_ago)
    return year_ago


def test_an_editorial_change_keeps_last_updated():
    page = make_article("Editorial article", lang="en")
    year_ago = backdate_last_updated(page)
    page = publish_change(page, ChangeKind.EDITORIAL, "Wording.", replace_in_section(0, "Text 0", "Text zero"))
    assert page.last_updated() == year_ago


@pytest.mark.parametrize("kind", [ChangeKind.CORRECTION, ChangeKind.CONTENT_UPDATE, ChangeKind.NEW_EVIDENCE])
def test_a_change_of_the_medicine_moves_last_updated(kind):
    page = make_article(f"Changed article {kind}", lang="en", slug=f"changed-{kind}")
    year_ago = backdate_last_updated(page)
    page = publish_change(page, kind, "Changed.", replace_in_section(0, "Text 0", "Text zero"))
    assert page.last_updated() > year_ago + timedelta(days=364)


def test_publishing_unchanged_text_does_not_move_last_updated_whatever_its_kind():
    page = make_article("Unchanged article", lang="en")
    year_ago = backdate_last_updated(page)
    page = publish_change(page, ChangeKind.CORRECTION, "Nothing really.")
    assert page.last_updated() == year_ago


def test_a_version_keeps_its_text_when_old_revisions_are_purged(client):
    page = make_article("Purged article", lang="en", access="public")
    publish_change(page, ChangeKind.CORRECTION, "Corrected.", replace_in_section(0, "Text 0", "Text zero"))
    call_command("purge_revisions", verbosity=0)
    first = page.versions.get(number=1)
    assert first.revision is None  # Wagtail deleted the working copy
    html = client.get(f"{page.url}versions/1/").content.decode()
    assert "<p>Text 0 " in html and "Text zero" not in html


def test_deleting_an_article_deletes_its_versions():
    page = make_article("Deleted article", lang="en")
    publish_change(page, ChangeKind.CORRECTION, "Corrected.")
    ArticlePage.objects.get(pk=page.pk).delete()
    assert not ArticleVersion.objects.filter(page_id=page.pk).exists()
