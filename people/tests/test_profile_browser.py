"""A reader follows an author's name from the article to the profile, in each language (screenshots in var/screenshots/)."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "name", "heading"),
    [("en", "Demo author, Dr. med.", "Articles"), ("de", "Demo reviewer, Dr. med.", "Artikel")],
)
def test_a_reader_opens_a_profile_from_the_article_byline(site_server, browser, language, name, heading):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale=language)
    page = context.new_page()
    try:
        url = site_server.shell(
            "from articles.models import ArticlePage\n"
            f"print(ArticlePage.objects.get(locale__language_code={language!r}, icd10_codes__code='M86.9-').url)"
        ).split()[-1]
        page.goto(site_server.url + url)
        page.locator(".article-header .meta a", has_text=name).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith(name.split(",")[0])
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.locator(".person-articles a").count() == 6
        screenshot(page, f"people-profile-{language}")
    finally:
        context.close()
