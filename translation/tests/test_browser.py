"""A reader meets an English CNO article with a machine-translated, a reviewed and an outdated section."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

SET_UP_STATES = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.models import ArticlePage
from translation.models import SectionTranslation
page = ArticlePage.objects.get(locale__language_code='en', icd10_codes__code='M86.9-')
ids = [block.id for block in page.body]
records = SectionTranslation.objects.filter(page=page)
reviewer = get_user_model().objects.create_user('jonas.berg@example.org', 'jonas.berg@example.org', 'a-long-password-1', first_name='Jonas', last_name='Berg')
records.filter(block_id=ids[0]).update(method='machine', engine='deepl')
records.filter(block_id=ids[1]).update(method='machine', engine='deepl', reviewed_by=reviewer, reviewed_at=timezone.now())
records.filter(block_id=ids[2]).update(source_fingerprint='0' * 64)
from django.core.cache import cache
cache.clear()  # queryset updates send no signals; no rendered article may outlive them
"""


@pytest.fixture(scope="module")
def cno_with_translation_states(site_server):
    site_server.shell(SET_UP_STATES)
    yield
    site_server.manage("load_demo")  # back to the truthful demo states for other tests
    site_server.shell("from django.core.cache import cache; cache.clear()")


def open_english_cno(browser, site_server, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{site_server.url}/en/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    page.wait_for_load_state()
    return page


def test_reader_sees_who_translated_each_section_and_reaches_the_original(
    site_server, browser, cno_with_translation_states
):
    page = open_english_cno(browser, site_server, 1200, 900)

    machine = page.locator(".translation-machine")
    assert machine.count() == 1
    assert machine.is_visible()
    assert "Machine translation – not yet checked by a physician." in machine.inner_text()
    assert "Jonas Berg" in page.locator(".translation-reviewed").inner_text()
    outdated = page.locator(".translation-outdated")
    assert "has changed since it was translated" in outdated.inner_text()
    screenshot(page, "translation-states-en")

    machine.get_by_role("link", name="Read the original section (German)").click()
    page.wait_for_load_state()
    assert "/de/" in page.url and page.url.endswith("#definition")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator(".translation-note").count() == 0  # German sections are the originals


def test_phone_reader_sees_the_label(site_server, browser, cno_with_translation_states):
    page = open_english_cno(browser, site_server, 390, 844)
    label = page.locator(".translation-machine")
    assert label.is_visible()
    assert label.bounding_box()["width"] <= 390
    screenshot(page, "translation-states-en-phone")
