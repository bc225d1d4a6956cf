"""What the per-reader parts of a page know about their reader, read once per reader generation.

A part that shows a reader's own state on a shared page (Bookmarked ✓, Following, a
box with their notes) is given the reader's facts instead of asking the database.
``FACTS`` names, for each kind of state, the plain rule of its app that reads it.
They are read together the first time a part needs them and stored in the shared
cache with the reader's generation (delivery.tiers), which every save or deletion
of a bookmark, a follow or a note starts anew (delivery.receivers), like a change
of the reader's tier. A warm article view fetches them in the same round trip as
the reader's user row and tier (delivery.shells), so its parts cost no query.
"""

from django.core.cache import cache
from django.utils.functional import cached_property

from access.policy import may_use_reader_tools
from bookmarks.services import bookmarked_keys
from delivery.tiers import reader_generation
from following.services import followed_page_ids
from notes.services import noted_page_ids

FACTS = {
    "bookmarked": bookmarked_keys,  # translation keys, as text
    "followed": followed_page_ids,
    "noted": noted_page_ids,
}
# A safety net for changes made behind the ORM's back, as for the user row.
FACTS_TIMEOUT = 300


def facts_key(user_pk):
    return f"delivery:reader-facts:{user_pk}"


def remember_prefetched(request, values):
    """Keep what a caller read of ``facts_key`` in its own round trip (delivery.shells), for ``ReaderFacts``."""
    request.medlex_prefetched_facts = values


class ReaderFacts:
    """The facts of the request's reader, read on first use (so parts that need none, and anonymous readers, cost nothing)."""

    def __init__(self, request):
        self.request = request
        self.facts = None

    @cached_property
    def uses_reader_tools(self):
        """Whether the reader gets the reader tools (access.policy decides), asked once for all the parts of a page."""
        return may_use_reader_tools(self.request.user)

    def __getitem__(self, name):
        if self.facts is None:
            self.facts = facts_of(self.request.user, getattr(self.request, "medlex_prefetched_facts", {}))
        return self.facts[name]


def facts_of(user, prefetched):
    """``FACTS`` of ``user``: from the cache if stored under their current generation, else read and stored."""
    key = facts_key(user.pk)
    stored = prefetched[key] if key in prefetched else cache.get(key)
    # The generation the user row was loaded under (delivery.backends), read before any fact is.
    generation = getattr(user, "medlex_reader_generation", None) or reader_generation(user.pk)
    if stored is not None and stored[0] == generation:
        return stored[1]
    facts = {name: frozenset(read(user)) for name, read in FACTS.items()}
    cache.set(key, (generation, facts), FACTS_TIMEOUT)
    return facts
