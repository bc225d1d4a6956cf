"""Small per-worker memories of recent answers."""

import threading
from collections import OrderedDict


class Recent:
    """A small per-worker map that drops the oldest stored entries first; safe for threaded workers."""

    # Every one made, so that tests can start each from nothing (the project's conftest).
    instances = []

    def __init__(self, size):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()
        Recent.instances.append(self)

    def __contains__(self, key):
        return key in self.items

    def get(self, key):
        return self.items.get(key)

    def put(self, key, value):
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self):
        with self.lock:
            self.items.clear()
