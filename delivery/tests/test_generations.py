"""Cache generations: starting a new one retires every entry of the old one, on every server."""

import pytest
from django.core.cache import cache
from django.db import transaction

from delivery import generations

pytestmark = pytest.mark.django_db

KEY = generations.KEY_PREFIX + "test"


def test_a_new_generation_differs_from_the_last_and_is_the_same_for_every_reader():
    before = generations.current(KEY)
    generations.start_new(KEY)
    assert generations.current(KEY) != before
    assert generations.current(KEY) == generations.current(KEY) == cache.get(KEY)


def test_what_another_server_cached_before_the_commit_is_retired_by_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            generations.start_new(KEY)  # e.g. an article published, not yet committed
            seen_before_the_commit = generations.current(KEY)  # another server reads it and caches the old article
        assert generations.current(KEY) == seen_before_the_commit
    assert generations.current(KEY) != seen_before_the_commit


def test_an_evicted_generation_is_started_again_with_a_new_token():
    before = generations.current(KEY)
    cache.delete(KEY)
    assert generations.current(KEY) not in (None, before)
