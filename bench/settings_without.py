"""medlex's settings without some of its middleware, for bench/ablation.py --middleware only.

MEDLEX_BENCH_WITHOUT names the middleware to leave out (dotted paths as in
settings.MIDDLEWARE, comma-separated). A name that is not in the list is refused
at start-up, so a typo never silently measures the full stack.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from medlex.settings import *  # noqa: F403
from medlex.settings import MIDDLEWARE

WITHOUT = [name for name in os.environ.get("MEDLEX_BENCH_WITHOUT", "").split(",") if name]
_unknown = sorted(set(WITHOUT) - set(MIDDLEWARE))
if _unknown:
    raise ImproperlyConfigured(
        f"MEDLEX_BENCH_WITHOUT names middleware that is not in MIDDLEWARE: {', '.join(_unknown)}"
    )
MIDDLEWARE = [name for name in MIDDLEWARE if name not in WITHOUT]
