"""An editor imports a file in the admin: the preview, then the confirmation (screenshots in var/screenshots/)."""

import base64

import pytest

from accounts.tests.second_factor import browser_log_in
from medlex.testing import screenshot
from references.tests.conftest import FILES

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-refs"
EDITOR = "editor.references@example.org"
EDITOR_SECRET = base64.b32encode(b"reference-editor-app").decode()  # of the editor's authenticator app


@pytest.fixture(scope="module")
def editor(site_server):
    site_server.create_user(EDITOR, PASSWORD, group="Editors", first_name="Erika", last_name="Editor")
    site_server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from allauth.mfa.models import Authenticator\n"
        "from allauth.mfa.utils import encrypt\n"
        f"u = get_user_model().objects.get(email={EDITOR!r})\n"
        f"Authenticator.objects.create(user=u, type=Authenticator.Type.TOTP, data={{'secret': encrypt({EDITOR_SECRET!r})}})"
    )
    return EDITOR


def test_an_editor_uploads_a_file_sees_the_preview_and_confirms(site_server, browser, editor):
    context, page = browser_log_in(browser, site_server.url, editor, PASSWORD, EDITOR_SECRET)
    try:
        page.goto(f"{site_server.url}/admin/")
        page.get_by_role("link", name="Import references").click()
        page.wait_for_load_state()
        page.locator("input[type=file][name=file]").set_input_files(str(FILES / "cno-pubmed.nbib"))
        page.get_by_role("button", name="Show preview").click()
        page.wait_for_load_state()

        rows = page.locator("table.import-preview tbody tr")
        assert rows.count() == 4
        assert "Already in the library (same DOI)" in rows.nth(0).inner_text()  # Roderick 2016, cited by CNO
        assert "Will be created." in rows.nth(1).inner_text()
        assert "Already in the library (same DOI)" in rows.nth(2).inner_text()
        assert "Nothing has been saved yet." in page.content()
        screenshot(page, "references-import-preview")

        page.get_by_role("button", name="Create 1 reference").click()
        page.wait_for_load_state()
        assert "1 reference imported from cno-pubmed.nbib; 3 duplicates left out." in page.content()
        assert "Kostik MM, Maletin AS, Petukhova VV, Mushkin AY" in page.content()
        screenshot(page, "references-import-done")
    finally:
        context.close()
