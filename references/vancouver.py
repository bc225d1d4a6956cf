"""The Vancouver (ICMJE/NLM) style of a literature reference."""

VANCOUVER_AUTHOR_LIMIT = 6


def vancouver_text(authors, more_authors, title, journal, year, volume="", issue="", pages=""):
    """The Vancouver form of a reference: up to six authors, then "et al"."""
    names = ", ".join(authors[:VANCOUVER_AUTHOR_LIMIT])
    if more_authors or len(authors) > VANCOUVER_AUTHOR_LIMIT:
        names += ", et al"
    title = title.strip()
    if title and title[-1] not in ".?!":
        title += "."
    text = f"{names}. {title}" if names else title
    text += f" {journal}. {year}" if journal else f" {year}"
    if volume:
        text += f";{volume}"
        if issue:
            text += f"({issue})"
    if pages:
        text += f":{pages}"
    return text + "."
