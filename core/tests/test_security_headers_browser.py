"""No page breaks its own Content-Security-Policy in Chromium.

Every kind of page is opened and used the way a reader or an editor does (type-ahead
open, a function's live result, the admin's page editor), and every report of a
violated policy fails the test: the ``securitypolicyviolation`` event of each
document and Chromium's "Refused to ..." console messages.
"""

import base64

import pytest

from accounts.tests.second_factor import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-csp"
READER = "dr.csp@example.org"
EDITOR = "editor.csp@example.org"
EDITOR_SECRET = base64.b32encode(b"csp-editor-app-key").decode()  # of the editor's authenticator app

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`);
});
"""


@pytest.fixture(scope="module")
def accounts(site_server):
    site_server.create_verified_user(READER, PASSWORD, "Clara", "Sommer")
    site_server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        f"u = get_user_model().objects.create_superuser({EDITOR!r}, {EDITOR!r}, {PASSWORD!r})\n"
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)\n"
        "from allauth.mfa.models import Authenticator\n"
        "from allauth.mfa.utils import encrypt\n"
        f"Authenticator.objects.create(user=u, type=Authenticator.Type.TOTP, data={{'secret': encrypt({EDITOR_SECRET!r})}})"
    )
    page_id = site_server.shell(
        "from articles.models import ArticlePage; print(ArticlePage.objects.get(url_path__endswith='/cno-syndrome/').pk)"
    ).split()[-1]
    return {"cno_id": page_id}


class Watched:
    """A browser context whose pages report every CSP violation into ``violations``."""

    def __init__(self, browser, site_server):
        self.url = site_server.url
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.violations = []
        self.page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text or text.startswith("Refused to"):
            self.violations.append(f"{self.page.url}: {text}")

    def visit(self, path):
        response = self.page.goto(self.url + path)
        assert response.status < 400, path
        assert "content-security-policy" in response.headers, path  # a page without a policy would report nothing
        self.page.wait_for_load_state("load")
        return self.page

    def log_in(self, email, app_secret=None):
        """Through the login page; with ``app_secret``, also the code the authenticator app shows."""
        page = self.visit("/en/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()
        if app_secret:
            page.locator("#id_code").fill(totp_code(app_secret))
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_load_state()
            assert page.locator("#id_code").count() == 0, "the code was accepted"

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, site_server):
    opened = []

    def open_context():
        opened.append(Watched(browser, site_server))
        return opened[-1]

    yield open_context
    for context in opened:
        context.close()


def test_public_pages_run_without_a_policy_violation(watched):
    anonymous = watched()
    for path in (
        "/de/",
        "/en/",
        "/en/cno-syndrome/",
        "/de/cno-syndrom/",
        "/en/search/?q=osteitis",
        "/en/icd10/",
        "/en/icd10/M86/",
        "/en/functions/kostik-nbo-score/",
        "/en/accounts/signup/",
        "/en/accounts/login/",
    ):
        anonymous.visit(path)
    page = anonymous.visit("/en/")
    box = page.get_by_role("combobox")
    box.fill("crm")
    page.get_by_role("option").first.wait_for()  # suggestions open
    assert anonymous.violations == []


def test_a_verified_readers_pages_run_without_a_policy_violation(watched, accounts):
    reader = watched()
    reader.log_in(READER)
    for path in ("/en/cno-syndrome/", "/en/cno-syndrome/", "/de/", "/en/accounts/professional/", "/en/accounts/2fa/"):
        reader.visit(path)
    page = reader.visit("/en/cno-syndrome/")
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    page = reader.visit("/en/functions/kostik-nbo-score/")
    page.locator("#id_crp").fill("60")
    page.locator("#id_crp_unit").select_option("mg/L")
    page.get_by_role("group", name="Multifocal involvement").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Femur involvement").get_by_label("Yes", exact=True).check()
    page.locator("#id_band_neutrophils").fill("0.3")
    page.locator("#id_band_neutrophils_unit").select_option("10^9/L")
    page.locator("#result").get_by_text("Total: 17 of 0–115 points").wait_for()  # drawn by the page's script
    assert reader.violations == []


def test_the_admin_runs_without_a_policy_violation(watched, accounts):
    editor = watched()
    editor.log_in(EDITOR, EDITOR_SECRET)
    page = editor.visit("/admin/")
    page.get_by_role("heading").first.wait_for()
    page = editor.visit(f"/admin/pages/{accounts['cno_id']}/edit/")
    page.locator("form#page-edit-form").wait_for()
    page.wait_for_load_state("networkidle")
    assert editor.violations == []
