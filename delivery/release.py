"""Which installation and which release of medlex a cached page belongs to.

Rendered articles and page shells (delivery.shells) are kept for a day. A deploy
that changes a template, a translation or the rendering must not serve the pages
the previous release rendered, and two installations sharing one cache server
(staging next to production) must never serve each other's pages. So their keys
carry a namespace made of

- the release: ``MEDLEX_RELEASE`` if set (say, the tag a deploy installs, the
  same on every app server), otherwise a fingerprint of the checkout's code,
  templates, translations, static files and pinned requirements, computed once
  per process;
- the installation: derived from ``SECRET_KEY`` and the site's base URL with
  Django's ``salted_hmac``, so the key cannot be read back from it.

Sessions and rate-limit counters do not carry it: a deploy must neither log
readers out nor reset the counts.
"""

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.crypto import salted_hmac

# What can change a rendered page: code, templates, compiled translations, static
# files (their hashed names are in the page), data files, the pinned requirements.
FINGERPRINTED_SUFFIXES = (".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json", ".lock")
# Run-time data and build output, never part of a release; hidden folders (.git, .venv) neither.
SKIPPED_FOLDERS = frozenset({"var", "node_modules", "__pycache__"})


def fingerprint(root):
    """A digest of the release files under ``root``: their paths and contents, in a fixed order."""
    root = Path(root)
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if name.endswith(FINGERPRINTED_SUFFIXES):
                path = Path(folder, name)
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def checkout_fingerprint():
    return fingerprint(settings.BASE_DIR)


def release():
    """This process's release: MEDLEX_RELEASE, or the fingerprint of the checkout it runs from."""
    return settings.MEDLEX_RELEASE or checkout_fingerprint()


def cache_namespace():
    """The part of a cached page's key that names this installation and release."""
    return namespace_for(settings.SECRET_KEY, settings.WAGTAILADMIN_BASE_URL, release())


@lru_cache(maxsize=16)
def namespace_for(secret_key, base_url, release):
    installation = salted_hmac("medlex.delivery.release.installation", base_url, secret=secret_key, algorithm="sha256")
    return f"{installation.hexdigest()[:16]}.{hashlib.sha256(release.encode()).hexdigest()[:16]}"
