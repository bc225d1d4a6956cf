"""Editors manage people in the admin: a listing with search, and messages that say what to fix, in German and English."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.tests.conftest import make_reader
from accounts.tests.second_factor import log_in_with_second_factor
from people.models import Person

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_people_person:add"
LIST = "wagtailsnippets_people_person:list"


@pytest.fixture
def editor(django_user_model):
    return make_reader(django_user_model, "editor")


def editor_client(client, editor, language):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    return log_in_with_second_factor(client, editor)


def person_form(**changes):
    return {
        "name": "Admin Person",
        "degree": "MD",
        "specialty_de": "Pädiatrie",
        "specialty_en": "Paediatrics",
        "affiliation": "Example Hospital",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "disclosure_de": "Keine angegeben",
        "disclosure_en": "None declared",
        "slug": "",
        "user": "",
        **changes,
    }


def test_an_editor_adds_a_person_whose_orcid_link_is_kept_as_the_bare_id_and_whose_address_comes_from_the_name(
    client, editor
):
    response = editor_client(client, editor, "en").post(reverse(ADD), person_form())
    assert response.status_code == 302
    person = Person.objects.get(name="Admin Person")
    assert person.orcid == "0000-0002-1825-0097" and person.slug == "admin-person"
    assert client.get(person.get_absolute_url("en")).status_code == 200


def test_a_wrong_check_digit_and_an_empty_disclosure_are_refused_in_english_and_nothing_is_saved(client, editor):
    response = editor_client(client, editor, "en").post(
        reverse(ADD), person_form(orcid="0000-0002-1825-0098", disclosure_en="   ")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "its check digit does not match" in html
    assert "If there are none, write &quot;None declared&quot;" in html
    assert not Person.objects.filter(name="Admin Person").exists()


def test_a_german_speaking_editor_reads_the_messages_in_german(client, editor):
    response = editor_client(client, editor, "de").post(
        reverse(ADD), person_form(orcid="0000-0002-1825-009", disclosure_de="")
    )
    html = response.content.decode()
    assert "ist keine ORCID iD" in html
    assert "Bitte geben Sie die Interessenkonflikte an" in html
    assert not Person.objects.filter(name="Admin Person").exists()


def test_the_listing_finds_a_person_by_name(client, editor):
    client = editor_client(client, editor, "en")
    html = client.get(reverse(LIST), {"q": "reviewer"}).content.decode()
    assert "Demo reviewer" in html and "Demo co-author" not in html


def test_one_orcid_id_belongs_to_one_person(client, editor):
    client = editor_client(client, editor, "en")
    client.post(reverse(ADD), person_form())
    response = client.post(reverse(ADD), person_form(name="Someone Else"))
    assert response.status_code == 200
    assert "Another person already has this ORCID iD." in response.content.decode()
    assert Person.objects.filter(orcid="0000-0002-1825-0097").count() == 1
