"""In Chromium: an author submits an article for medical review, a second physician approves and it is published.

The author has no way to publish alone; the reviewer is told by e-mail (through a
real local SMTP server). Screenshots of the workflow state in the admin, in English
and German, go to var/screenshots/ (``make screenshots``: docs/screenshots/).
"""

import base64

import pytest

from accounts.tests.second_factor import browser_log_in
from accounts.tests.test_journey_browser import smtp  # noqa: F401  (the SMTP server fixture)
from medlex.testing import running_server, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "quiet-harbour-lantern-48"
AUTHOR = "demo.author@example.org"
REVIEWER = "demo.reviewer@example.org"
SECRETS = {
    AUTHOR: base64.b32encode(b"review-author-app-key").decode(),
    REVIEWER: base64.b32encode(b"review-physician-key").decode(),
}
SYNONYM = "Submitted for review in the browser"


@pytest.fixture(scope="module")
def review_server(smtp):  # noqa: F811
    port, _ = smtp
    env = {"MEDLEX_EMAIL_HOST": "127.0.0.1", "MEDLEX_EMAIL_PORT": str(port), "MEDLEX_EMAIL_TLS": "false"}
    with running_server(env) as server:
        for email, group, person, language in (
            (AUTHOR, "Authors", "demo-author", "en"),
            (REVIEWER, "Medical reviewers", "demo-reviewer", "de"),
        ):
            server.create_user(email, PASSWORD, group=group, first_name="Demo", last_name=group)
            server.shell(
                "from django.contrib.auth import get_user_model\n"
                "from allauth.mfa.models import Authenticator\n"
                "from allauth.mfa.utils import encrypt\n"
                "from wagtail.users.models import UserProfile\n"
                "from people.models import Person\n"
                f"u = get_user_model().objects.get(email={email!r})\n"
                f"Authenticator.objects.create(user=u, type=Authenticator.Type.TOTP, data={{'secret': encrypt({SECRETS[email]!r})}})\n"
                f"Person.objects.filter(slug={person!r}).update(user=u)\n"
                f"p = UserProfile.get_for_user(u); p.preferred_language = {language!r}; p.save()"
            )
        yield server


def log_in(browser, server, email):
    return browser_log_in(browser, server.url, email, PASSWORD, SECRETS[email], viewport=(1300, 950))


def test_an_author_submits_a_second_physician_approves_and_the_article_is_published(
    review_server,
    browser,
    smtp,  # noqa: F811
):
    server, (_, inbox) = review_server, smtp
    article_id, article_url = server.shell(
        "from articles.models import ArticlePage\n"
        "page = ArticlePage.objects.get(locale__language_code='en', icd10_codes__code='M86.9-')\n"
        "print(page.pk, page.url)"
    ).split()[-2:]
    edit_url = f"{server.url}/admin/pages/{article_id}/edit/"

    author_context, author = log_in(browser, server, AUTHOR)
    try:
        author.goto(edit_url)
        assert author.locator("button[name=action-publish]").count() == 0, "the author cannot publish"
        synonyms = author.locator("textarea[name=synonyms]")
        synonyms.fill(synonyms.input_value() + "\n" + SYNONYM)
        # Readers are told what each publish changed (the version history).
        author.locator("select[name=change_kind]").select_option("editorial")
        author.locator("input[name=change_summary], textarea[name=change_summary]").fill(f"Synonym added: {SYNONYM}")
        author.locator("footer .w-dropdown--dropdown-button .w-dropdown__toggle").click()
        author.get_by_role("button", name="Submit to Medical review").click()
        author.wait_for_load_state()
        author.goto(edit_url)
        assert "In Moderation" in author.content()
        screenshot(author, "editorial-review-submitted-en")
    finally:
        author_context.close()

    assert any(article_id in body or "Medical review" in body for body in inbox.bodies_to(REVIEWER)), (
        "the reviewer got an e-mail"
    )
    assert not inbox.bodies_to(AUTHOR)
    assert SYNONYM not in server.shell(
        f"from articles.models import ArticlePage; print(ArticlePage.objects.get(pk={article_id}).synonyms)"
    )

    reviewer_context, reviewer = log_in(browser, server, REVIEWER)
    try:
        reviewer.goto(f"{server.url}/admin/")
        awaiting = reviewer.locator("#awaiting-review-section")
        assert "Ihre Überprüfung steht aus" in awaiting.inner_text() and "CNO syndrome" in awaiting.inner_text()
        screenshot(reviewer, "editorial-review-awaiting-de")
        reviewer.goto(edit_url)
        reviewer.locator("footer .w-dropdown--dropdown-button .w-dropdown__toggle").click()
        reviewer.locator(
            "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).click()
        reviewer.wait_for_load_state()
        reviewer.goto(server.url + article_url)
        assert SYNONYM in reviewer.content()
        reviewer.goto(f"{server.url}/admin/pages/{article_id}/history/")
        screenshot(reviewer, "editorial-review-published-de")
    finally:
        reviewer_context.close()
