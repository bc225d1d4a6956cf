"""In Chromium: a verified reader goes from the CNO article to its citation page, downloads the files for a reference
manager, and then the article's PDF, whose first page carries the title and a footer naming the reader
(screenshots of the citation page and of the PDF's first page)."""

import pytest

from citing.tests.helpers import first_page_picture, pdf_pages
from medlex.testing import save_screenshot_image, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-5"
FILES = {
    "RIS": "application/x-research-info-systems",
    "BibTeX": "application/x-bibtex",
    "CSL-JSON": "application/vnd.citationstyles.csl+json",
}


def test_a_reader_cites_the_article_downloads_its_files_and_its_pdf(site_server, browser):
    email = site_server.create_verified_user("dr.cite@example.org", PASSWORD, "Clara", "Cite")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.add_cookies([site_server.browser_cookie(email)])
    page = context.new_page()
    page.goto(f"{site_server.url}/en/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    article_url = page.url

    page.get_by_role("link", name="Cite this article").click()
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Cite this article: ")
    title = heading.removeprefix("Cite this article: ")
    assert page.url == article_url + "cite/"
    for style in ("Vancouver", "APA"):
        citation = page.locator(".citation-style", has=page.get_by_role("heading", name=style, exact=True))
        assert citation.is_visible()
        text = citation.locator(".citation-text").inner_text()
        assert title in text and f"{article_url}versions/" in text, "the version's permalink, not the moving address"
    screenshot(page, "cite-en")

    links = page.locator(".citation-files").get_by_role("link")
    assert links.all_inner_texts() == list(FILES)
    for label, media_type in FILES.items():
        response = context.request.get(site_server.url + links.get_by_text(label, exact=True).get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["content-disposition"].startswith('attachment; filename="medlex-')
        assert title in response.text(), "the file names the article"

    page.get_by_role("link", name="Back to the article").click()
    with page.expect_download() as download:
        page.locator(".citing-links").get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename.endswith(".pdf")
    content = download.value.path().read_bytes()
    first = pdf_pages(content)[0]
    assert title in first
    assert "For the personal use of Clara Cite" in first
    save_screenshot_image(first_page_picture(content), "pdf-first-page-en")
    context.close()
