"""The whole journey in Chromium, with mail through a real local SMTP server.

Sign up → confirmation mail → confirm → upload proof → a reviewer approves in the
admin → gated section, figure and API field appear → the reviewer revokes → gone.
"""

import base64
import re
import tempfile
from email import message_from_bytes

import pytest
from PIL import Image

from accounts.tests.second_factor import totp_code
from medlex.testing import free_port, running_server, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "amber-window-cascade-26"
EMAIL = "ines.journey@example.org"
REVIEWER_PASSWORD = "lighthouse-orchard-2026"
# The reviewer's authenticator app: the admin needs a second factor.
REVIEWER_SECRET = base64.b32encode(b"journey-reviewer-key").decode()


class Inbox:
    """An aiosmtpd handler that keeps every message it is sent."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def bodies_to(self, address):
        out = []
        for message in self.messages:
            if address in message["To"]:
                part = message.get_payload()[0] if message.is_multipart() else message
                out.append(part.get_payload(decode=True).decode())
        return out


@pytest.fixture(scope="module")
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="module")
def journey_server(smtp):
    port, _ = smtp
    env = {
        "MEDLEX_EMAIL_HOST": "127.0.0.1",
        "MEDLEX_EMAIL_PORT": str(port),
        "MEDLEX_EMAIL_TLS": "false",
        "MEDLEX_PRIVATE_ROOT": tempfile.mkdtemp(prefix="medlex-private-"),
        "MEDLEX_NEW_PASSWORD": REVIEWER_PASSWORD,
    }
    with running_server(env) as server:
        server.manage(
            "createprofessional",
            "--email",
            "reviewer@example.org",
            "--name",
            "Rita Reviewer",
            "--profession",
            "physician",
        )
        server.shell(
            "from django.contrib.auth import get_user_model\n"
            "u = get_user_model().objects.get(email='reviewer@example.org'); u.is_superuser = True; u.is_staff = True; u.save()\n"
            "from allauth.mfa.models import Authenticator\n"
            "from allauth.mfa.utils import encrypt\n"
            f"Authenticator.objects.create(user=u, type=Authenticator.Type.TOTP, data={{'secret': encrypt({REVIEWER_SECRET!r})}})"
        )
        yield server


def licence_png(path):
    Image.new("RGB", (300, 200), "lightyellow").save(path, "PNG")
    return path


def gated_state(page, server, article_id):
    api = page.request.get(f"{server.url}/api/v1/articles/{article_id}").json()
    return {
        "gate_messages": page.locator(".gate-message").count(),
        "figures": page.locator("figure img").count(),
        "api_open": any(not s["locked"] for s in api["sections"] if s["access"] == "professional"),
    }


def test_sign_up_confirm_upload_approve_and_revoke(journey_server, browser, smtp, tmp_path):
    server, (_, inbox) = journey_server, smtp
    article_id = int(
        server.shell(
            "from articles.models import ArticlePage; print(ArticlePage.objects.live().filter(locale__language_code='en', slug__icontains='cno').first().pk)"
        ).split()[-1]
    )
    article_url = server.shell(
        f"from articles.models import ArticlePage; print(ArticlePage.objects.get(pk={article_id}).url)"
    ).split()[-1]

    reader = browser.new_context(viewport={"width": 1100, "height": 900})
    page = reader.new_page()
    page.goto(f"{server.url}/en/accounts/signup/")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_full_name").fill("Ines Journey")
    page.locator("#id_profession").select_option("physician")
    page.locator("#id_country").select_option("DE")
    page.locator("#id_accept_terms").check()
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    screenshot(page, "journey-1-sign-up")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    screenshot(page, "journey-2-confirmation-sent")

    bodies = inbox.bodies_to(EMAIL)
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", bodies[-1]).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    page.goto(server.url + article_url)
    assert "One step left: your proof of profession" in page.content()
    screenshot(page, "journey-3-proof-missing")
    page.get_by_role("link", name="Upload your proof").first.click()
    page.locator("#id_documents").set_input_files(str(licence_png(tmp_path / "licence.png")))
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    page.goto(server.url + article_url)
    assert "We are checking your proof of profession" in page.content()
    before = gated_state(page, server, article_id)
    assert before["gate_messages"] > 0 and before["figures"] == 0 and not before["api_open"]
    screenshot(page, "journey-4-under-review")

    staff = browser.new_context(viewport={"width": 1300, "height": 900}, locale="en-GB")
    admin = staff.new_page()
    admin.goto(f"{server.url}/admin/login/")  # allauth's login, then the code from the app
    admin.locator("#id_login").fill("reviewer@example.org")
    admin.locator("#id_password").fill(REVIEWER_PASSWORD)
    admin.get_by_role("button", name="Sign In").click()
    admin.wait_for_load_state()
    admin.locator("#id_code").fill(totp_code(REVIEWER_SECRET))
    admin.get_by_role("button", name="Sign In").click()
    admin.wait_for_load_state()
    assert "/accounts/" not in admin.url, "logged in with the code"
    admin.goto(f"{server.url}/admin/professionals/")
    admin.locator("table.listing a", has_text="Ines Journey").click()
    admin.wait_for_load_state()
    screenshot(admin, "journey-5-review")
    admin.locator("input[name=decision][value=approve]").check()
    admin.locator("form button[type=submit]", has_text=re.compile("Save decision|Entscheidung speichern")).click()
    admin.wait_for_load_state()

    page.goto(server.url + article_url)
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    after = gated_state(page, server, article_id)
    assert after["gate_messages"] == 0 and after["figures"] > 0 and after["api_open"]
    assert any("open" in body.lower() for body in inbox.bodies_to(EMAIL)[1:]), "approval mail arrived"
    screenshot(page, "journey-6-verified")

    admin.goto(f"{server.url}/admin/professionals/")
    admin.locator("tr", has_text=EMAIL).locator("a.button").click()
    admin.locator("textarea[name=reason]").fill("Licence withdrawn by the chamber.")
    admin.locator("button.no").click()
    admin.wait_for_load_state()

    page.reload()
    revoked = gated_state(page, server, article_id)
    assert revoked["gate_messages"] > 0 and revoked["figures"] == 0 and not revoked["api_open"]
    assert "Licence withdrawn by the chamber." in page.content()
    screenshot(page, "journey-7-revoked")
    reader.close()
    staff.close()
