"""Editors keep the list of specialties in the admin; the demo content files every article under its specialties."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.tests.conftest import make_reader
from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticlePage
from articles.tests.helpers import cno
from specialties.models import Specialty

pytestmark = pytest.mark.django_db


def specialty_form(**changes):
    return {"name_de": "Neurologie", "name_en": "Neurology", "slug_de": "neurologie", "slug_en": "neurology", **changes}


def test_an_editor_adds_a_specialty_in_the_admin_and_readers_find_its_page_in_both_languages(client, django_user_model):
    editor = log_in_with_second_factor(client, make_reader(django_user_model, "editor"))
    response = editor.post(reverse("wagtailsnippets_specialties_specialty:add"), specialty_form())
    assert response.status_code == 302
    assert "<h1>Neurology</h1>" in client.get("/en/specialties/neurology/").content.decode()
    assert "<h1>Neurologie</h1>" in client.get("/de/fachgebiete/neurologie/").content.decode()


def test_a_second_specialty_with_the_same_name_or_address_is_refused(client, django_user_model):
    editor = log_in_with_second_factor(client, make_reader(django_user_model, "editor"))
    response = editor.post(
        reverse("wagtailsnippets_specialties_specialty:add"),
        specialty_form(name_en="Dermatology", slug_de="dermatologie"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name_en", "slug_de"}
    assert Specialty.objects.filter(name_en="Dermatology").count() == 1


def test_every_demo_article_is_filed_under_its_specialties_in_both_languages():
    for lang in ("de", "en"):
        page = cno(lang)
        assert sorted(s.slug_en for s in page.specialties.all()) == ["paediatrics", "rheumatology"]
    assert all(page.specialties.exists() for page in ArticlePage.objects.live())


def test_loading_the_demo_again_files_articles_of_an_older_demo_site_and_changes_nothing_else():
    for page in ArticlePage.objects.live():
        page.specialties.clear()  # a site loaded before specialties existed
    call_command("load_demo", verbosity=0)
    assert all(page.specialties.exists() for page in ArticlePage.objects.live())
    with translation.override("en"):
        assert Specialty.objects.get(slug_en="dermatology").get_absolute_url() == "/en/specialties/dermatology/"
    revisions = {page.pk: page.latest_revision_id for page in ArticlePage.objects.all()}
    call_command("load_demo", verbosity=0)
    assert {page.pk: page.latest_revision_id for page in ArticlePage.objects.all()} == revisions
