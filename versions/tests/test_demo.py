"""A fresh demo site carries the content's own editorial dates and version histories, not the day it was installed."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticlePage
from articles.tests.helpers import cno

pytestmark = pytest.mark.django_db


def test_last_updated_is_the_contents_own_date_not_the_install_day(client):
    html = client.get(cno("en").url).content.decode()
    assert 'Last updated on: <time datetime="2026-06-22">' in html
    today = timezone.localdate()
    assert all(page.last_updated().date() != today for page in ArticlePage.objects.live())


def test_every_demo_article_has_review_dates_none_in_the_future():
    today = datetime.date.today()
    for page in ArticlePage.objects.live():
        assert page.medically_reviewed_on and page.medically_reviewed_on <= today
        assert page.literature_reviewed_through and page.literature_reviewed_through <= today
        assert page.next_review_due > page.medically_reviewed_on


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "Diagnostics: the 2025 EULAR/ACR classification criteria"),
        ("de", "Diagnostik: EULAR/ACR-Klassifikationskriterien 2025"),
    ],
)
def test_the_cno_article_has_a_history_of_three_versions(lang, summary):
    versions = list(cno(lang).versions.order_by("number"))
    assert [(v.number, v.kind, timezone.localdate(v.published_at).isoformat()) for v in versions] == [
        (1, "", "2025-03-17"),
        (2, "new_evidence", "2026-06-22"),
        (3, "editorial", "2026-09-14"),
    ]
    assert versions[1].summary.startswith(summary)
    assert versions[2].revision_id == cno(lang).live_revision_id


def test_the_demo_history_shows_what_each_version_changed(verified_client):
    html = verified_client.get(f"{cno('en').url}versions/").content.decode()
    added = '<span class="visually-hidden">[added: </span>on chromosome 18q21.3–18q22 was reported from a small study'
    assert added in html
    assert '<span class="visually-hidden">[removed: </span>The severe form is called' in html


def test_an_older_demo_version_names_no_review_later_than_itself(client):
    first = client.get(f"{cno('en').url}versions/1/").content.decode()
    assert "Medically reviewed on" not in first
    assert "The severe form is called chronic recurrent multifocal osteomyelitis" in first
    assert 'Last updated on: <time datetime="2025-03-17">' in first


def test_loading_the_demo_again_keeps_the_history_and_the_dates():
    page = cno("en")
    before = list(page.versions.values_list("pk", "revision_id", "published_at"))
    call_command("load_demo", verbosity=0)
    page = ArticlePage.objects.get(pk=page.pk)
    assert list(page.versions.values_list("pk", "revision_id", "published_at")) == before
    assert timezone.localdate(page.last_updated()).isoformat() == "2026-06-22"
