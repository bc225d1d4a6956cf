"""The review queue: who may use it, decisions with mail and audit, revocation, retention, data rights."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from access.policy import Tier, tier_for
from accounts import services
from accounts.models import AuditEvent, ProofDocument, VerificationRequest
from accounts.states import State, state_for
from accounts.tests.second_factor import log_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDLEX_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rev@example.org", "rev@example.org", "a-long-test-password")
    group = Group.objects.create(name="Reviewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="verify_professionals")
    )
    user.groups.add(group)
    client = log_in_with_second_factor(Client(), user)
    client.user = user
    return client


def submitted(user, data=b"%PDF-1.4 test", identifier_kind="", identifier=""):
    return services.submit_proof(user, [("licence.pdf", "application/pdf", data)], identifier_kind, identifier)


def test_queue_lists_pending_requests_oldest_first_with_waiting_time(reviewer, reader):
    older, newer = reader("proof_missing", "older@example.org"), reader("proof_missing", "newer@example.org")
    first = submitted(older)
    VerificationRequest.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    submitted(newer)
    html = reviewer.get("/admin/professionals/").content.decode()
    assert html.index("older@example.org") < html.index("newer@example.org")
    assert re.search(r'class="waiting">2\xa0(days|Tage)', html)


def test_only_holders_of_the_permission_reach_the_queue_and_the_documents(client, reviewer, reader, admin_user):
    request = submitted(reader("proof_missing"))
    document = request.documents.get()
    editor = reader("editor")
    editor_client = Client()
    editor_client.force_login(editor)
    for url in [
        "/admin/professionals/",
        f"/admin/professionals/{request.pk}/",
        f"/admin/professionals/document/{document.pk}/",
    ]:
        assert client.get(url).status_code == 302, "anonymous goes to the login"
        assert editor_client.get(url).status_code in (302, 403), "editors without the permission do not"
        assert reviewer.get(url).status_code == 200
    response = reviewer.get(f"/admin/professionals/document/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_reviewer_sees_registration_data_beside_documents_and_the_check_digit_result(reviewer, reader):
    request = submitted(reader("proof_missing"), identifier_kind="npi", identifier="1234567893")
    html = reviewer.get(f"/admin/professionals/{request.pk}/").content.decode()
    assert "Alex Proof_Missing" in html and "Ärztin/Arzt" in html  # the admin speaks German by default
    assert "Prüfziffer gültig" in html
    assert f"/admin/professionals/document/{request.documents.get().pk}/" in html


def test_approval_opens_access_mails_the_user_and_is_audited(reviewer, reader, django_capture_on_commit_callbacks):
    user = reader("proof_missing")
    request = submitted(user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(f"/admin/professionals/{request.pk}/", {"decision": "approve"})
    assert state_for(user).state == State.VERIFIED
    assert tier_for(type(user).objects.get(pk=user.pk)) == Tier.PROFESSIONAL
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    event = AuditEvent.objects.filter(subject=user, action="approved").get()
    assert event.actor == reviewer.user


def test_rejection_needs_a_reason_which_reaches_the_user(reviewer, reader, django_capture_on_commit_callbacks):
    user = reader("proof_missing")
    request = submitted(user)
    response = reviewer.post(f"/admin/professionals/{request.pk}/", {"decision": "reject", "reason": ""})
    assert response.status_code == 400 and state_for(user).state == State.UNDER_REVIEW
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(
            f"/admin/professionals/{request.pk}/", {"decision": "reject", "reason": "The name on the card differs."}
        )
    assert state_for(user).state == State.REJECTED
    assert "The name on the card differs." in mail.outbox[0].body


def test_more_information_is_asked_for_and_the_user_can_send_it(reviewer, reader):
    user = reader("proof_missing")
    request = submitted(user)
    reviewer.post(
        f"/admin/professionals/{request.pk}/", {"decision": "more_info", "reason": "Please add the back of the card."}
    )
    status = state_for(user)
    assert status.state == State.MORE_INFO and status.reason == "Please add the back of the card."
    client = Client()
    client.force_login(user)
    assert "Please add the back of the card." in client.get("/en/accounts/professional/proof/").content.decode()


def test_revocation_takes_effect_on_the_next_request_of_an_existing_session(reviewer, reader):
    from articles.models import ArticlePage

    user = reader("proof_missing")
    request = submitted(user)
    reviewer.post(f"/admin/professionals/{request.pk}/", {"decision": "approve"})
    session = Client()
    session.force_login(user)
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    assert "gate-message" not in session.get(page.url).content.decode()
    reviewer.post(f"/admin/professionals/revoke/{user.pk}/", {"reason": "Licence withdrawn."})
    assert "gate-message" in session.get(page.url).content.decode()
    assert state_for(user).state == State.REJECTED
    assert AuditEvent.objects.filter(subject=user, action="revoked", reason="Licence withdrawn.").exists()


def test_the_audit_log_cannot_be_changed_or_deleted(reader):
    event = services.record(reader("proof_missing"), "submitted")
    event.reason = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_documents_are_deleted_after_the_retention_period(reviewer, reader, settings):
    old, recent = (
        submitted(reader("proof_missing", "old@example.org")),
        submitted(reader("proof_missing", "recent@example.org")),
    )
    for request, days in ((old, 31), (recent, 29)):
        services.reject(request, reviewer.user, "Unreadable.")
        VerificationRequest.objects.filter(pk=request.pk).update(decided_at=timezone.now() - timedelta(days=days))
    old_path = old.documents.get().path
    call_command("purge_proof_documents", verbosity=0)
    assert not old_path.exists() and not old.documents.exists()
    assert recent.documents.get().path.exists()
    assert AuditEvent.objects.filter(subject=old.user, action="documents_deleted").exists()


def test_deleting_the_account_deletes_the_documents_at_once(client, reader):
    user = reader("proof_missing")
    path = submitted(user).documents.get().path
    client.force_login(user)
    response = client.post("/en/accounts/professional/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not path.exists()
    assert not type(user).objects.filter(pk=user.pk).exists() and not ProofDocument.objects.exists()


def test_users_download_their_data_as_json(client, reader):
    user = reader("proof_missing")
    submitted(user, identifier_kind="npi", identifier="1234567893")
    client.force_login(user)
    data = json.loads(client.get("/en/accounts/professional/export/").content)
    assert data["profile"]["full_name"] == "Alex Proof_Missing"
    assert data["verification_requests"][0]["identifier"] == "1234567893"
    assert data["history"][0]["action"] == "submitted"


def test_createprofessional_reads_the_password_from_the_environment(monkeypatch, django_user_model):
    monkeypatch.setenv("MEDLEX_NEW_PASSWORD", "institutional-onboarding-7")
    call_command(
        "createprofessional",
        email="chef@klinik.example",
        name="Karl Chef",
        profession="physician",
        verified=True,
        stdout=open("/dev/null", "w"),
    )
    user = django_user_model.objects.get(email="chef@klinik.example")
    assert user.check_password("institutional-onboarding-7")
    assert state_for(user).state == State.VERIFIED


def test_createprofessional_has_no_default_password(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.delenv("MEDLEX_NEW_PASSWORD", raising=False)
    monkeypatch.setattr("os.isatty", lambda fd: False)
    with pytest.raises(CommandError, match="No password"):
        call_command("createprofessional", email="x@example.org", name="X Y", profession="nurse")
