"""Where an article's version history lives: below the article, in the article's language."""

# The word after the article's address, by the article's language.
HISTORY_SEGMENTS = {"de": "versionen", "en": "versions"}


def history_segment(page):
    return HISTORY_SEGMENTS.get(page.locale.language_code, HISTORY_SEGMENTS["en"])


def history_url(page, url=None):
    """The history's address; ``url`` is the article's own when the caller already has it."""
    return f"{url or page.url}{history_segment(page)}/"


def version_url(page, number):
    return f"{history_url(page)}{number}/"
