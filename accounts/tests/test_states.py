"""Each reader is in exactly one state, and every gate names that state's one next step."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from access.policy import Tier, tier_for
from accounts.states import State, state_for
from accounts.tests.conftest import READER_STATES
from articles.models import ArticlePage

pytestmark = pytest.mark.django_db

NEXT_STEP = {
    "en": {
        "anonymous": ("Registration is free", "/en/accounts/login/"),
        "email_unconfirmed": ("Please confirm your e-mail address", "/en/accounts/email/"),
        "proof_missing": ("One step left: your proof of profession", "/en/accounts/professional/proof/"),
        "under_review": ("We are checking your proof of profession", "working days"),
        "more_info": ("We need more information from you", "Please send the back of your ID card."),
        "rejected": ("We could not confirm your profession", "Please send the back of your ID card."),
        "expired": ("Your verification has expired", "/en/accounts/professional/proof/"),
    },
    "de": {
        "anonymous": ("Die Registrierung ist kostenlos", "/de/accounts/login/"),
        "email_unconfirmed": ("Bitte bestätigen Sie Ihre E-Mail-Adresse", "/de/accounts/email/"),
        "proof_missing": ("Nur noch ein Schritt: Ihr Berufsnachweis", "/de/accounts/professional/proof/"),
        "under_review": ("Wir prüfen Ihren Berufsnachweis", "Werktage"),
        "more_info": ("Wir benötigen weitere Angaben von Ihnen", "Please send the back of your ID card."),
        "rejected": ("Wir konnten Ihren Beruf nicht bestätigen", "Please send the back of your ID card."),
        "expired": ("Ihre Verifizierung ist abgelaufen", "/de/accounts/professional/proof/"),
    },
}


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("kind", READER_STATES)
def test_each_fixture_reader_is_in_the_state_it_is_named_after(reader, kind):
    user = reader(kind)
    from django.contrib.auth.models import AnonymousUser

    assert state_for(user or AnonymousUser()).state == State(kind)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("kind", [k for k in READER_STATES if k != "verified"])
def test_the_gate_shows_the_message_and_next_step_for_the_readers_state(reader, kind, lang):
    page = ArticlePage.objects.live().filter(locale__language_code=lang).first()
    html = client_for(reader(kind)).get(page.url).content.decode()
    headline, next_step = NEXT_STEP[lang][kind]
    assert headline in html
    assert next_step in html
    others = [h for k, (h, _) in NEXT_STEP[lang].items() if k != kind]
    assert not any(other in html for other in others), "one state, one message"


def test_only_verified_unexpired_readers_get_the_professional_tier(reader):
    tiers = {kind: tier_for(user) for kind in READER_STATES if (user := reader(kind)) is not None}
    assert {k for k, t in tiers.items() if t == Tier.PROFESSIONAL} == {"verified"}


def test_a_students_approval_lapses_after_twelve_months(reader):
    student = reader("verified")
    student.profile.profession = "medical_student"
    student.profile.verified_at = timezone.now() - timedelta(days=364)
    student.profile.save()
    assert state_for(student).state == State.VERIFIED
    assert state_for(student, now=timezone.now() + timedelta(days=2)).state == State.EXPIRED


def test_a_physicians_approval_does_not_lapse(reader):
    physician = reader("verified")
    assert state_for(physician, now=timezone.now() + timedelta(days=3650)).state == State.VERIFIED


def test_the_account_page_shows_state_and_history(reader):
    from accounts import services

    user = reader("proof_missing")
    services.record(user, "submitted")
    html = client_for(user).get("/en/accounts/professional/").content.decode()
    assert "Proof of profession missing" in html
    assert "Proof submitted" in html
