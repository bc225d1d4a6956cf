"""Authors and reviewers have public profiles in both languages; articles name them and link there."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import ProtectedError
from wagtail.models import PageViewRestriction

from articles.models import ArticleAuthor, ArticlePage, ArticleReviewer
from articles.tests.helpers import cno
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def physician():
    return Person.objects.create(
        name="Profile Person",
        degree="Dr. med.",
        specialty_de="Kinderrheumatologie",
        specialty_en="Paediatric rheumatology",
        affiliation="Example University Hospital",
        orcid="0000-0002-1825-0097",
        disclosure_de="Vortragshonorare von Firma X.",
        disclosure_en="Speaker fees from company X.",
    )


def name_on(article, person, kind="author"):
    model = ArticleAuthor if kind == "author" else ArticleReviewer
    links = getattr(article, "authors" if kind == "author" else "reviewers")
    links.add(model(person=person))
    article.save_revision().publish()


def test_the_profile_shows_name_degree_specialty_affiliation_orcid_link_and_disclosure_in_each_language(
    client, physician
):
    english = client.get(f"/en/people/{physician.slug}/")
    assert english.status_code == 200
    html = english.content.decode()
    for text in ("Profile Person", "Dr. med.", "Paediatric rheumatology", "Example University Hospital"):
        assert text in html
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in html
    assert "Speaker fees from company X." in html and "Vortragshonorare" not in html

    german = client.get(f"/de/personen/{physician.slug}/").content.decode()
    assert "Kinderrheumatologie" in german and "Vortragshonorare von Firma X." in german
    assert "Interessenkonflikte" in german


def test_the_profile_lists_the_published_articles_of_its_language_as_author_and_as_reviewer(client, physician):
    english_cno, german_cno = cno("en"), cno("de")
    name_on(english_cno, physician, "author")
    name_on(german_cno, physician, "reviewer")
    english = client.get(physician.get_absolute_url("en")).content.decode()
    assert f'href="{english_cno.url}"' in english and "(author)" in english
    assert german_cno.url not in english
    german = client.get(physician.get_absolute_url("de")).content.decode()
    assert f'href="{german_cno.url}"' in german and "medizinische Prüfung" in german
    assert english_cno.url not in german


def test_an_unpublished_or_restricted_article_is_not_listed_on_a_profile(client, physician):
    article = cno("en")
    name_on(article, physician)
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody reads this"))
    assert article.url not in client.get(physician.get_absolute_url("en")).content.decode()
    restriction.delete()
    assert article.url in client.get(physician.get_absolute_url("en")).content.decode()
    article.unpublish()
    assert (
        "No published articles in this language yet." in client.get(physician.get_absolute_url("en")).content.decode()
    )


def test_an_unknown_profile_is_not_found(client):
    assert client.get("/en/people/nobody-of-that-name/").status_code == 404


def test_an_article_names_its_authors_and_medical_reviewers_with_degree_linking_their_profiles(client):
    html = client.get(cno("en").url).content.decode()
    authors = re.search(r'<span class="authors">(.*?)</span>', html).group(1)
    reviewers = re.search(r'<span class="reviewers">(.*?)</span>', html).group(1)
    assert 'href="/en/people/demo-author/">Demo author, Dr. med.</a>' in authors
    assert 'href="/en/people/demo-co-author/">Demo co-author, MD</a>' in authors
    assert 'href="/en/people/demo-reviewer/">Demo reviewer, Dr. med.</a>' in reviewers
    assert re.search(r'Medically reviewed on <time[^>]*>[^<]+</time> <span class="reviewers">by <a', html)
    german = client.get(cno("de").url).content.decode()
    assert 'href="/de/personen/demo-reviewer/"' in german
    assert re.search(r'Medizinisch geprüft am <time[^>]*>[^<]+</time> <span class="reviewers">von <a', german)


def test_the_demo_content_names_only_fictional_placeholders_and_no_editorial_team():
    for page in ArticlePage.objects.live():
        people = [a.person for a in page.authors.all()] + [r.person for r in page.reviewers.all()]
        assert people and page.reviewers.exists()
        assert all(person.name.startswith("Demo ") for person in people)
        assert all("fictional" in person.affiliation for person in people)
    assert not Person.objects.filter(name__icontains="editorial team").exists()
    assert not Person.objects.filter(name__icontains="Redaktion").exists()


def test_a_person_named_on_an_article_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        Person.objects.get(slug="demo-author").delete()


def test_loading_the_demo_again_removes_the_former_editorial_team_byline_of_an_upgraded_site():
    Person.objects.create(name="medlex editorial team", affiliation="Editorial office", disclosure_en="")
    named = Person.objects.create(name="medlex-Redaktion", disclosure_en="")
    article = cno("de")
    article.authors.add(ArticleAuthor(person=named))
    article.save_revision().publish()
    call_command("load_demo", verbosity=0)
    assert list(Person.objects.filter(name__startswith="medlex").values_list("name", flat=True)) == []


def test_the_api_names_the_authors_and_medical_reviewers_of_an_article(client):
    article = client.get(f"/api/v1/articles/{cno('en').pk}").json()
    assert article["authors"] == ["Demo author, Dr. med.", "Demo co-author, MD"]
    assert article["reviewers"] == ["Demo reviewer, Dr. med."]
