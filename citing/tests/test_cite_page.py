"""Cite this article: a page under the article's address for verified readers, and the files for reference managers."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno, make_article
from references import importing
from versions.addresses import version_url

pytestmark = pytest.mark.django_db


def permalink(page):
    return "http://testserver" + version_url(page, page.versions.order_by("-number").first().number)


def test_a_verified_reader_reads_the_citation_in_vancouver_and_apa_with_permalink_and_access_date(verified_client):
    page = cno("en")
    response = verified_client.get(f"{page.url}cite/")
    assert response.status_code == 200
    html = response.content.decode()
    with override("en"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert "<h2>Vancouver</h2>" in html and "<h2>APA</h2>" in html
    assert f"[cited {today}]. Available from: {permalink(page)}" in html
    assert "(Version 3). medlex. " + permalink(page) in html
    assert "no-store" in response["Cache-Control"]
    for name in ("ris", "bibtex", "csl-json"):
        assert f'href="{page.url}cite/{name}/"' in html


def test_the_german_citation_page_is_german_with_a_german_access_date(verified_client):
    page = cno("de")
    html = verified_client.get(f"{page.url}zitieren/").content.decode()
    with override("de"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert "Diesen Artikel zitieren" in html and f"[zitiert {today}]. Verfügbar unter: {permalink(page)}" in html
    assert f'href="{page.url}zitieren/ris/"' in html
    for english in ("Cite this article", "Accessed on", "reference manager", "Back to the article"):
        assert english not in html


@pytest.mark.parametrize(
    ("name", "media_type", "suffix"),
    [
        ("ris", "application/x-research-info-systems", "ris"),
        ("bibtex", "application/x-bibtex", "bib"),
        ("csl-json", "application/vnd.citationstyles.csl+json", "json"),
    ],
)
def test_each_file_is_a_download_that_reads_back_as_this_version(verified_client, name, media_type, suffix):
    page = cno("en")
    response = verified_client.get(f"{page.url}cite/{name}/")
    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert response["Content-Disposition"] == f'attachment; filename="medlex-cno-syndrome-v3.{suffix}"'
    [entry] = importing.read(f"download.{suffix}", response.content)
    assert entry["title"] == page.title and entry["url"] == permalink(page)


@pytest.mark.parametrize("who", ["anonymous", "unverified"])
@pytest.mark.parametrize("tail", ["cite/", "cite/ris/", "cite/bibtex/", "cite/csl-json/"])
def test_readers_who_are_not_verified_get_the_gate_and_no_citation(client, plain_user, who, tail):
    if who == "unverified":
        client.force_login(plain_user)
    page = cno("en")
    response = client.get(f"{page.url}{tail}")
    assert response.status_code == 403
    html = response.content.decode()
    assert "for verified health professionals" in html
    assert "Available from" not in html and "versions/3/" not in html and "Content-Disposition" not in response


def test_an_unknown_file_format_or_article_is_not_found(verified_client):
    assert verified_client.get(f"{cno('en').url}cite/endnote/").status_code == 404
    assert verified_client.get("/en/no-such-article/cite/").status_code == 404


def test_an_article_behind_a_view_restriction_cannot_be_cited(verified_client):
    page = make_article("Restricted citable", lang="en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody's group"))
    assert verified_client.get(f"{page.url}cite/").status_code == 404
    assert verified_client.get(f"{page.url}cite/ris/").status_code == 404


def test_a_title_is_shown_as_text_whatever_it_holds(verified_client):
    page = make_article("<b>Bold</b> & <script>x</script>", lang="en", slug="odd-title")
    html = verified_client.get(f"{page.url}cite/").content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_the_article_links_citation_and_pdf_for_verified_readers_only(client, plain_user, verified_user):
    page = cno("en")
    links = f'<a href="{page.url}cite/">Cite this article</a> · <a href="{page.url}pdf/" type="application/pdf">PDF</a>'
    assert links not in client.get(page.url).content.decode()
    unverified = Client()
    unverified.force_login(plain_user)
    assert links not in unverified.get(page.url).content.decode()
    verified = Client()
    verified.force_login(verified_user)
    assert links in verified.get(page.url).content.decode()  # rendered, kept as the professional shell
    html = verified.get(page.url).content.decode()  # from the shell: the part filled for this reader
    assert links in html and "reader-part" not in html


def test_the_german_article_links_the_german_citation_page(verified_client):
    page = cno("de")
    html = verified_client.get(page.url).content.decode()
    assert f'<a href="{page.url}zitieren/">Diesen Artikel zitieren</a>' in html


def test_an_older_version_links_no_citation_of_the_current_one(verified_client):
    page = cno("en")
    html = verified_client.get(version_url(page, 1)).content.decode()
    assert "cite/" not in html and "Cite this article" not in html


@pytest.mark.parametrize("tail", ["cite/", "cite/ris/", "pdf/"])
def test_a_post_is_refused_and_changes_nothing(verified_client, tail):
    assert verified_client.post(f"{cno('en').url}{tail}").status_code == 405
