"""A machine translation is reviewed by a second person: whoever asked for it cannot mark it reviewed."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Locale

from translation.models import SectionTranslation, TranslationJob
from translation.services import mark_reviewed, run_job, section_states
from translation.tests.test_admin import admin_client
from translation.tests.test_workflow import english, german_article

pytestmark = pytest.mark.django_db


def medical_reviewer(django_user_model, email, first_name):
    user = django_user_model.objects.create_user(email, email, "a-long-test-password", first_name=first_name)
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    return user


@pytest.fixture
def requester(django_user_model):
    return medical_reviewer(django_user_model, "asks@example.org", "Asking")


@pytest.fixture
def colleague(django_user_model):
    return medical_reviewer(django_user_model, "checks@example.org", "Checking")


def translated_by_request_of(user):
    source = german_article()
    job = TranslationJob.objects.create(
        source_page=source, target_locale=Locale.objects.get(language_code="en"), engine="deepl", created_by=user
    )
    run_job(job)
    return english(source)


def test_the_machine_translation_records_who_asked_for_it(deepl_server, requester):
    target = translated_by_request_of(requester)
    assert {record.requested_by for record in SectionTranslation.objects.filter(page=target)} == {requester}


def test_whoever_asked_for_a_machine_translation_is_refused_marking_it_reviewed_and_is_told_why(
    client, deepl_server, requester
):
    target = translated_by_request_of(requester)
    block_id = target.body[0].id
    client = admin_client(client, requester)
    response = client.post(reverse("translation_review", args=[target.pk, block_id]), follow=True)
    assert "You asked for this machine translation, so another reviewer has to mark it as reviewed." in (
        response.content.decode()
    )
    assert section_states(target)[block_id].state == "machine"
    with pytest.raises(ValueError):
        mark_reviewed(target, block_id, requester)


def test_a_colleague_with_the_review_permission_marks_it_reviewed(client, deepl_server, requester, colleague):
    target = translated_by_request_of(requester)
    block_id = target.body[0].id
    admin_client(client, colleague).post(reverse("translation_review", args=[target.pk, block_id]))
    state = section_states(target)[block_id]
    assert state.state == "reviewed" and state.reviewer == "Checking"


def test_medical_reviewers_hold_the_permission_to_mark_machine_translations_reviewed(colleague):
    assert colleague.has_perm("translation.review_machine_translation")
    assert Permission.objects.get(codename="review_machine_translation").group_set.filter(name="Medical reviewers")
