"""The relevance test set (search/relevance.json) over the demo content and a synthetic corpus.

Fails when hits@1 or MRR drop below what the search reaches today; the
figures are printed so a change in ranking shows up in the test output.
"""

import pytest

from search import corpus, relevance

pytestmark = pytest.mark.django_db

# Reached on 2026-11-25 on SQLite and PostgreSQL: 86 of 87 first (the miss is a letter transposition, "ewnig").
MIN_HITS_AT_1 = 0.97
MIN_MRR = 0.97


def test_the_set_covers_both_languages_with_enough_queries():
    queries = relevance.load()["queries"]
    assert len(queries) >= 60
    assert {lang for _query, lang, _url in queries} == {"de", "en"}


def test_the_right_article_comes_first(capsys):
    data = relevance.load()
    corpus.generate(data["corpus_size"])
    hits_at_1, mrr, misses = relevance.evaluate(data["queries"])
    with capsys.disabled():
        print(
            f"\nsearch relevance: {len(data['queries'])} queries, hits@1 {hits_at_1:.3f}, MRR {mrr:.3f}; misses: {misses}"
        )
    assert hits_at_1 >= MIN_HITS_AT_1, misses
    assert mrr >= MIN_MRR, misses


def test_the_synthetic_corpus_is_marked_as_synthetic_where_readers_see_it():
    corpus.generate(20)
    from articles.models import ArticlePage
    from search.services import search

    page = ArticlePage.objects.get(slug="synthetic-a00")
    assert page.public_text().startswith("Synthetic benchmark article")
    assert search("Cholera", lang="en").results[0].snippet.startswith("Synthetic benchmark article")
