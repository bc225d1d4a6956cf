"""The Vancouver (ICMJE/NLM) style of citing a journal article: article literature lists and clinical functions."""

VANCOUVER_AUTHOR_LIMIT = 6


def vancouver_text(authors, more_authors, title, journal, year, volume="", issue="", pages=""):
    """The Vancouver (ICMJE/NLM) form of a journal article: up to six authors, then "et al"."""
    names = ", ".join(authors[:VANCOUVER_AUTHOR_LIMIT])
    if more_authors or len(authors) > VANCOUVER_AUTHOR_LIMIT:
        names += ", et al"
    title = title.strip()
    if title and title[-1] not in ".?!":
        title += "."
    text = f"{names}. {title} {journal}. {year}"
    if volume:
        text += f";{volume}"
        if issue:
            text += f"({issue})"
    if pages:
        text += f":{pages}"
    return text + "."
