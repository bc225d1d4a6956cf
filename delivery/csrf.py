"""The CSRF token for a page served from a cache, at a tenth of the cost.

Django masks the token afresh for every response (so that compression cannot be
used to guess it, the BREACH attack) and draws the mask one character at a time:
32 calls for random bytes, about 65 µs on this hardware, some 5 % of a warm
verified article view. Here the mask is drawn in one call, with the same
alphabet, length and cipher as Django's, so Django's middleware checks the token
as its own. And a reader who already holds a valid CSRF cookie keeps it as it is:
Django would send it again only to renew its one-year lifetime, which every
login and every form page Django renders still does.
"""

import os

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_INDEX = {char: i for i, char in enumerate(CSRF_ALLOWED_CHARS)}
# Random bytes at or above this are drawn again, so every character is equally likely.
_UNBIASED_LIMIT = 256 - 256 % len(CSRF_ALLOWED_CHARS)


def _random_mask():
    mask = []
    while len(mask) < CSRF_SECRET_LENGTH:
        mask += [
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in os.urandom(2 * CSRF_SECRET_LENGTH)
            if byte < _UNBIASED_LIMIT
        ]
    return mask[:CSRF_SECRET_LENGTH]


def masked_token(request):
    """A freshly masked CSRF token for this request, as ``django.middleware.csrf.get_token`` returns."""
    secret = request.META.get("CSRF_COOKIE")  # set by CsrfViewMiddleware, only if well-formed
    if secret is None or "csrf-mask" in settings.DELIVERY_OFF:
        return get_token(request)  # a reader without a cookie gets one, the Django way
    mask = _random_mask()
    chars, count = CSRF_ALLOWED_CHARS, len(CSRF_ALLOWED_CHARS)
    cipher = "".join(chars[(_INDEX[s] + _INDEX[m]) % count] for s, m in zip(secret, mask))
    return "".join(mask) + cipher
