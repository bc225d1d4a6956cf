"""The point of care looks codes up through the index on the code keys, on SQLite and PostgreSQL alike.

An infobutton or a CDS Hooks call may try a code and two parents, for each of up
to 50 problems: each lookup must be a search in the index, never a scan of every
article's codes (bench/README.md has the times at 20,000 articles).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medlex.testing import query_plan
from pointofcare import matching

pytestmark = pytest.mark.django_db


def assert_searches_the_index(sql):
    found = query_plan(sql)
    if connection.vendor == "postgresql":
        assert "Seq Scan on medlex_search_searchcode" not in found, found
    else:
        assert "SCAN medlex_search_searchcode" not in found and "INDEX" in found, found


@pytest.mark.parametrize("code", ["M86.96", "M86", "C40"])
def test_looking_up_a_code_searches_the_index_of_code_keys(code):
    with CaptureQueriesContext(connection) as queries:
        matching.articles_for_code(code, "en")
    lookups = [query["sql"] for query in queries.captured_queries if "medlex_search_searchcode" in query["sql"]]
    assert len(lookups) == 1, "one lookup finds the most specific code with articles; its articles are read by key"
    for sql in lookups:
        assert_searches_the_index(sql)


PROBLEM_LIST = ["M86.96", "M86.9", "A15.0", "S72.0", "C40", "I10", "E11.9", "M86.661", "S52.521A"] * 2 + ["M86"]


def test_a_problem_list_of_twenty_codes_reads_the_index_once_whatever_its_length():
    with CaptureQueriesContext(connection) as queries:
        matching.articles_for_problems(PROBLEM_LIST, [], "en")
    lookups = [query["sql"] for query in queries.captured_queries if "medlex_search_searchcode" in query["sql"]]
    assert len(lookups) == 1, "one lookup finds which code or parent has articles; the articles are read by key"
    assert len(queries) == 2


def test_a_problem_list_searches_each_code_s_range_of_the_index_rather_than_walking_all_of_it():
    with CaptureQueriesContext(connection) as queries:
        matching.articles_for_problems(PROBLEM_LIST, [], "en")
    for query in queries.captured_queries:
        if "medlex_search_searchcode" in query["sql"]:
            assert_searches_the_index(query["sql"])
