"""Readers' dead ends reach the editor's dashboard, and one step makes the query find its article (screenshots en + de)."""

import base64

import pytest

from accounts.tests.second_factor import browser_log_in
from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-dashboard"
DEAD_END = "nichtinfektiöse Osteitis"


def moderator(site_server, email, language, secret):
    """A moderator (may publish) with an authenticator app and the admin in ``language``."""
    site_server.create_user(email, PASSWORD, group="Moderators", first_name="Mona", last_name="Moderator")
    site_server.shell(
        "from django.contrib.auth import get_user_model\n"
        "from allauth.mfa.models import Authenticator\n"
        "from allauth.mfa.utils import encrypt\n"
        "from wagtail.users.models import UserProfile\n"
        f"u = get_user_model().objects.get(email={email!r})\n"
        f"Authenticator.objects.create(user=u, type=Authenticator.Type.TOTP, data={{'secret': encrypt({secret!r})}})\n"
        f"profile = UserProfile.get_for_user(u); profile.preferred_language = {language!r}; profile.save()"
    )
    return email


# One section of the English LCH article waits for review, another is outdated (as in translation's browser test).
TRANSLATION_WORK = """
from articles.models import ArticlePage
from translation.models import SectionTranslation
page = ArticlePage.objects.get(locale__language_code='en', slug='langerhans-cell-histiocytosis')
ids = [block.id for block in page.body]
records = SectionTranslation.objects.filter(page=page)
records.filter(block_id=ids[0]).update(method='machine', engine='deepl', reviewed_by=None, reviewed_at=None)
records.filter(block_id=ids[2]).update(source_fingerprint='0' * 64)
"""


@pytest.fixture(scope="module")
def moderators(site_server):
    site_server.shell(TRANSLATION_WORK)
    yield {
        "en": (moderator(site_server, "moderator.en@example.org", "en", EN_SECRET), EN_SECRET),
        "de": (moderator(site_server, "moderator.de@example.org", "de", DE_SECRET), DE_SECRET),
    }
    # Back to the demo site other tests expect: no added synonym, no counts, the truthful translation states.
    site_server.manage("load_demo")
    site_server.shell(
        "from search.models import SearchQueryDay; SearchQueryDay.objects.all().delete()\n"
        "from django.core.cache import cache; cache.clear()"
    )


EN_SECRET = base64.b32encode(b"dashboard-moderator-en").decode()
DE_SECRET = base64.b32encode(b"dashboard-moderator-de").decode()


def log_in(browser, site_server, email, secret, locale):
    return browser_log_in(browser, site_server.url, email, PASSWORD, secret, locale)


def search_as_a_reader(page, site_server, query):
    page.goto(f"{site_server.url}/de/")
    page.locator("#site-search").fill(query)
    page.locator("#site-search").press("Enter")
    page.wait_for_load_state()


def test_a_dead_end_on_the_dashboard_becomes_a_synonym_that_finds_the_article(site_server, browser, moderators):
    reader = browser.new_context(java_script_enabled=False).new_page()
    for _ in range(2):
        search_as_a_reader(reader, site_server, DEAD_END)
        assert "0 Artikel gefunden." in reader.content()
    search_as_a_reader(reader, site_server, "SAPHO")
    reader.get_by_role("link", name="SAPHO-Syndrom").first.click()  # opened: no dead end
    reader.wait_for_load_state()
    assert reader.url.endswith("/de/sapho-syndrom/")

    email, secret = moderators["en"]
    context, page = log_in(browser, site_server, email, secret, "en-GB")
    try:
        page.goto(f"{site_server.url}/admin/")
        summary = page.locator("#editorial-summary-section")
        assert "search dead end" in summary.inner_text()
        summary.get_by_role("link", name="search dead end", exact=False).click()
        page.wait_for_load_state()
        dead_ends = page.locator("#dead-ends")
        row = dead_ends.locator("tr", has_text=DEAD_END.lower())
        assert row.count() == 1 and "0 articles" in row.inner_text()
        assert dead_ends.locator("tr", has_text="sapho").count() == 0
        assert "Langerhans cell histiocytosis" in page.locator("#awaiting-review").inner_text()
        assert "Langerhans cell histiocytosis" in page.locator("#outdated").inner_text()
        screenshot(page, "editorial-dashboard-en")

        row.get_by_role("link", name="Add as a synonym").click()
        page.wait_for_load_state()
        page.get_by_label("Find the article by its title").fill("CNO")
        page.get_by_role("button", name="Find", exact=True).click()
        page.wait_for_load_state()
        page.get_by_label("CNO-Syndrom (DE)").check()
        screenshot(page, "editorial-synonym-en")
        page.get_by_role("button", name="Add as a synonym and publish").click()
        page.wait_for_load_state()
        assert f"“{DEAD_END.lower()}” is now a synonym of “CNO-Syndrom”" in page.content()
        assert "1 article" in page.locator("#dead-ends tr", has_text=DEAD_END.lower()).inner_text()
    finally:
        context.close()

    search_as_a_reader(reader, site_server, DEAD_END)
    assert reader.get_by_role("link", name="CNO-Syndrom").count() >= 1


def test_the_dashboard_in_german(site_server, browser, moderators):
    email, secret = moderators["de"]
    context, page = log_in(browser, site_server, email, secret, "de-DE")
    try:
        page.goto(f"{site_server.url}/admin/")
        assert "Übersicht für die Redaktion" in page.locator("#editorial-summary-section").inner_text()
        page.locator("#editorial-summary-section").get_by_role("link", name="Suchanfrage", exact=False).click()
        page.wait_for_load_state()
        for heading in (
            "Maschinelle Übersetzungen, die auf Prüfung warten",
            "Veraltete Übersetzungen",
            "Suchanfragen ohne Treffer",
        ):
            assert page.get_by_role("heading", name=heading).is_visible()
        screenshot(page, "editorial-dashboard-de")
    finally:
        context.close()
