"""Staff work needs a second factor, and nobody approves their own verification.

Superusers, editors and reviewers used to reach the admin and identity documents
with a password alone. Now no admin page opens, and no proof document is sent,
before the session has passed a second factor: a session from a password alone
(as the old admin login made them, or one from before the rule) is asked for a
code, an account without an authenticator is sent to set one up. A reviewer's
own verification request must be decided by someone else.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from accounts import services
from accounts.models import VerificationRequest
from accounts.states import in_verified_group
from accounts.tests.conftest import PASSWORD
from accounts.tests.second_factor import authenticator_secret, log_in_with_second_factor, totp_code
from accounts.tests.test_access_matrix import every_route

pytestmark = pytest.mark.django_db

ACTIVATE = "/en/accounts/2fa/totp/activate/"
CONFIRM = "/en/accounts/2fa/reauthenticate/"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDLEX_PRIVATE_ROOT = tmp_path / "private"


def reviewer_without_admin(django_user_model, email="reviewer@example.org"):
    """A holder of "Verify professionals" only: no other admin permission."""
    user = django_user_model.objects.create_user(email, email, PASSWORD)
    group = Group.objects.create(name=f"Reviewers {email}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="verify_professionals")
    )
    user.groups.add(group)
    return user


def proof_of(user):
    return services.submit_proof(user, [("licence.pdf", "application/pdf", b"%PDF-1.4 test")])


def admin_paths():
    """A sample path for every admin route, Wagtail's and ours (logging out aside)."""
    return sorted(path for path in every_route() if path.startswith("/admin/") and not path.startswith("/admin/logout"))


def password_only(user):
    """A session begun with a password alone, as the old admin login made them."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", ["staff", "editor"])
def test_no_admin_page_opens_for_an_account_without_a_second_factor(reader, kind):
    client = password_only(reader(kind))
    paths = admin_paths()
    assert len(paths) > 100
    opened = []
    for path in paths:
        response = client.get(path)
        if not (response.status_code == 302 and response["Location"] == ACTIVATE):
            opened.append(f"{path} answered {response.status_code} {response.get('Location', '')}")
    assert not opened, "; ".join(opened[:10])
    assert "set it up now" in client.get(ACTIVATE, follow=True).content.decode()


def test_a_password_session_of_an_account_with_an_authenticator_is_asked_for_the_code(reader):
    staff = reader("staff")
    secret = authenticator_secret(staff)
    client = password_only(staff)
    for path in ("/admin/", "/admin/pages/", "/admin/professionals/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == f"{CONFIRM}?next={path.replace('/', '%2F')}"
    assert client.post("/admin/professionals/revoke/1/", {"reason": "x"})["Location"].startswith(CONFIRM)

    # A wrong code leaves it shut; the right one opens it and goes where the staff member wanted.
    wrong = next(code for code in ("000000", "111111") if code != totp_code(secret))
    assert client.post(CONFIRM, {"code": wrong}).status_code == 200
    assert client.get("/admin/").status_code == 302
    response = client.post(f"{CONFIRM}?next=/admin/pages/", {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_reviewer_sees_no_queue_and_no_proof_document_without_a_second_factor(django_user_model, reader, settings):
    reviewer = reviewer_without_admin(django_user_model)
    document = proof_of(reader("proof_missing")).documents.get()
    urls = ["/admin/professionals/", f"/admin/professionals/document/{document.pk}/"]
    client = password_only(reviewer)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == ACTIVATE
        assert not response.streaming

    # The document view asks for it itself too, should the admin's middleware be missing.
    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if entry != "accounts.second_factor.admin_middleware"]
    response = client.get(urls[1])
    assert response.status_code == 302 and response["Location"] == ACTIVATE and not response.streaming

    log_in_with_second_factor(client, reviewer)
    response = client.get(urls[1])
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_new_admin_from_createsuperuser_logs_in_and_is_led_to_set_up_the_second_factor(
    monkeypatch, django_user_model, settings
):
    settings.MFA_TOTP_TOLERANCE = 1  # a slow machine may cross a 30-second boundary
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "amber-lighthouse-77")
    call_command("createsuperuser", "--noinput", email="root@klinik.example", stdout=open("/dev/null", "w"))
    admin = django_user_model.objects.get(email="root@klinik.example")
    assert admin.is_superuser

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/?next=/admin/")
    response = client.post(response["Location"], {"login": "root@klinik.example", "password": "amber-lighthouse-77"})
    assert response.status_code == 302 and response["Location"] == "/admin/", "the address counts as confirmed"
    response = client.get("/admin/")
    assert response["Location"] == ACTIVATE

    # allauth's set-up page, after the password once more: the secret shown, a code from the app.
    response = client.get(ACTIVATE)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert client.post(response["Location"], {"password": "amber-lighthouse-77"})["Location"] == ACTIVATE
    html = client.get(ACTIVATE).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', html).group(1)
    assert client.post(ACTIVATE, {"code": totp_code(secret)}).status_code == 302
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()

    # The admin opens once the session has passed a code.
    response = client.get("/admin/")
    assert response["Location"].startswith(CONFIRM)
    assert client.post(response["Location"], {"code": totp_code(secret)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_cannot_turn_off_their_last_second_factor(reader):
    staff = reader("staff")
    client = log_in_with_second_factor(Client(), staff)
    response = client.post("/en/accounts/2fa/totp/deactivate/", {})
    assert response.status_code == 200
    assert "you cannot turn it off" in response.content.decode()
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_a_reader_may_still_turn_off_their_own(reader):
    user = reader("verified")
    client = log_in_with_second_factor(Client(), user)
    assert client.post("/en/accounts/2fa/totp/deactivate/", {}).status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize(
    "decision",
    [{"decision": "approve"}, {"decision": "reject", "reason": "x"}, {"decision": "more_info", "reason": "x"}],
)
def test_a_reviewer_cannot_decide_their_own_request(django_user_model, decision):
    reviewer = reviewer_without_admin(django_user_model)
    own = proof_of(reviewer)
    client = log_in_with_second_factor(Client(HTTP_ACCEPT_LANGUAGE="en"), reviewer)

    html = client.get(f"/admin/professionals/{own.pk}/").content.decode()
    assert "This is your own verification request. Another reviewer must decide it." in html
    assert 'name="decision"' not in html

    response = client.post(f"/admin/professionals/{own.pk}/", decision, follow=True)
    assert "Another reviewer must decide it." in response.content.decode()
    own.refresh_from_db()
    assert own.status == VerificationRequest.Status.PENDING and own.decided_by is None
    assert not in_verified_group(reviewer)


def test_the_services_refuse_a_decision_on_ones_own_request_and_accept_another_reviewers(django_user_model):
    reviewer, colleague = (
        reviewer_without_admin(django_user_model),
        reviewer_without_admin(django_user_model, "colleague@example.org"),
    )
    own = proof_of(reviewer)
    for decide in (
        lambda: services.approve(own, reviewer),
        lambda: services.reject(own, reviewer, "x"),
        lambda: services.request_more_information(own, reviewer, "x"),
    ):
        with pytest.raises(services.OwnRequestError):
            decide()
    own.refresh_from_db()
    assert own.status == VerificationRequest.Status.PENDING and not in_verified_group(reviewer)
    services.approve(own, colleague)
    assert in_verified_group(reviewer)


def test_the_own_request_message_is_in_german_in_the_german_admin(django_user_model):
    reviewer = reviewer_without_admin(django_user_model)
    own = proof_of(reviewer)
    client = log_in_with_second_factor(Client(), reviewer)
    html = client.get(f"/admin/professionals/{own.pk}/").content.decode()
    assert (
        "Dies ist Ihre eigene Verifizierungsanfrage. Darüber muss eine andere Person aus der Prüfung entscheiden."
        in html
    )
