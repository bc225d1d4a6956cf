"""Relevance measures over search/relevance.json: hits@1 and mean reciprocal rank."""

import json
from pathlib import Path

from search import services

RELEVANCE_SET = Path(__file__).resolve().parent / "relevance.json"


def load():
    return json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))


def evaluate(queries, depth=10):
    """(hits@1, MRR, misses) for ``queries`` of (query, site language, URL that must come first)."""
    reciprocal_ranks, misses = [], []
    for query, lang, expected in queries:
        urls = [r.document.url for r in services.search(query, lang=lang, limit=depth).results]
        rank = urls.index(expected) + 1 if expected in urls else None
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if rank != 1:
            misses.append((query, lang, expected, urls[:3]))
    hits = sum(1 for rr in reciprocal_ranks if rr == 1.0)
    return hits / len(queries), sum(reciprocal_ranks) / len(queries), misses
