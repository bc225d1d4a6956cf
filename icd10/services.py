"""Articles coded with a catalogue node or anything beneath it."""

from icd10.codes import lookup_q


def articles_for(code, lang):
    """Published articles for ``code`` (a chapter, block or code), one per article, in ``lang`` where it exists."""
    from search.models import SearchDocument

    documents = SearchDocument.objects.filter(lookup_q(code, "code_keys__icd_key")).distinct().order_by("title")
    chosen = {}
    for document in documents:
        current = chosen.get(document.translation_key)
        if current is None or (document.lang == lang and current.lang != lang):
            chosen[document.translation_key] = document
    return sorted(chosen.values(), key=lambda d: d.title.casefold())
