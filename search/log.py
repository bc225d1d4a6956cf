"""The search log: per day and query, how many searches, how many found nothing, how many results were opened.

Editors use it to find search dead ends: queries that found nothing, or whose
results nobody opened (the editorial dashboard). It keeps counts only. Nothing
about the reader is written: no user, session, address or time of day, so the
log cannot tell who searched for what. The query is kept as normalised text
(``normalised``) so that "CNO " and "cno" count as one.

Writing must not slow a search down: each search or click is one UPSERT of its
(day, query) row, written once the answer has gone to the reader (Django's
``request_finished``, which the WSGI server sends after the last byte): a
committed write costs a few milliseconds on SQLite, where every commit waits for
the disk. Outside a request (commands, the shell) it is written at once.
Rows are kept ``RETENTION_DAYS`` days; each process deletes older rows with its
first write of a day, and ``manage.py prune_search_log`` does the same from cron.
"""

import logging
import threading
from datetime import timedelta

from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connection
from django.utils import timezone

from search.models import SearchQueryDay

RETENTION_DAYS = 90
DEAD_END_DAYS = 30  # the window editors look at
MAX_QUERY_LENGTH = SearchQueryDay._meta.get_field("query").max_length

logger = logging.getLogger(__name__)
_TABLE = SearchQueryDay._meta.db_table
_UPSERT = (
    f"INSERT INTO {_TABLE} (day, query, searches, empty, clicks) VALUES (%s, %s, %s, %s, %s)"
    f" ON CONFLICT (day, query) DO UPDATE SET searches = {_TABLE}.searches + excluded.searches,"
    f" empty = {_TABLE}.empty + excluded.empty, clicks = {_TABLE}.clicks + excluded.clicks"
)
_pruned_on = None  # the day this process last deleted expired rows
_pending = threading.local()  # counts of the request this thread is answering, written when it has finished


def normalised(query):
    """The query as the log keeps it: single spaces, lower case, at most MAX_QUERY_LENGTH characters."""
    return " ".join((query or "").split()).lower()[:MAX_QUERY_LENGTH]


def record_search(query, found):
    """Count one search for ``query`` that found ``found`` articles."""
    _count(query, searches=1, empty=0 if found else 1, clicks=0)


def record_click(query):
    """Count one result opened from the results page of ``query``."""
    _count(query, searches=0, empty=0, clicks=1)


def prune(today=None):
    """Delete the rows older than RETENTION_DAYS; returns how many went."""
    today = today or timezone.localdate()
    deleted, _by_model = SearchQueryDay.objects.filter(day__lte=today - timedelta(days=RETENTION_DAYS)).delete()
    return deleted


def _count(query, searches, empty, clicks):
    text = normalised(query)
    if not text:
        return
    counts = getattr(_pending, "counts", None)
    if counts is None:
        _write([(text, searches, empty, clicks)])
    else:
        counts.append((text, searches, empty, clicks))


def _write(counts):
    global _pruned_on
    today = timezone.localdate()
    try:
        if _pruned_on != today:
            prune(today)
            _pruned_on = today
        with connection.cursor() as cursor:
            for text, searches, empty, clicks in counts:
                cursor.execute(_UPSERT, [today, text, searches, empty, clicks])
    except DatabaseError:
        # Counting is a by-product: a reader's search never fails because of it.
        logger.warning("search log not written", exc_info=True)


def _request_started(**kwargs):
    _pending.counts = []


def _request_finished(**kwargs):
    counts, _pending.counts = getattr(_pending, "counts", None), None
    if counts:
        _write(counts)


def connect():
    request_started.connect(_request_started, dispatch_uid="search-log-started")
    request_finished.connect(_request_finished, dispatch_uid="search-log-finished")
