"""Progress lines for long-running commands (search index, corpus, backups)."""

import time


class Progress:
    """ "done/total, rate, ETA" lines for long-running commands."""

    def __init__(self, write, label):
        self.write, self.label, self.started = write, label, time.monotonic()

    def __call__(self, done, total):
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate else 0
        self.write(f"{self.label}: {done}/{total} ({100 * done / max(total, 1):.0f} %), {rate:.0f}/s, ETA {eta:.0f} s")
