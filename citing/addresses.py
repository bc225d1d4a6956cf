"""Where an article's citation and PDF live: below the article, in the reader's language."""

# The word after the article's address for its citation page, by language.
CITE_SEGMENTS = {"de": "zitieren", "en": "cite"}
PDF_SEGMENT = "pdf"


def cite_segment(language):
    return CITE_SEGMENTS.get(language, CITE_SEGMENTS["en"])


def cite_url(article_url, language):
    return f"{article_url}{cite_segment(language)}/"


def pdf_url(article_url):
    return f"{article_url}{PDF_SEGMENT}/"
