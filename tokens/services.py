"""Creating, checking, counting and revoking personal API tokens.

A token reads ``mlx_<public id>_<secret>``: the prefix makes a leaked token easy to
recognise (secret scanners, logs), the public id finds its row with one indexed
query, and only the SHA-256 digest of the whole token is stored. The secret has
256 bits of entropy, so a fast digest is enough: there is nothing to guess.

Whether a token is honoured is decided on every request (``authenticate``): it
must exist, match, be neither revoked nor expired, and its owner must still be
allowed tokens (``access.policy.may_use_api_tokens``). Each token has its own
request budget per fixed window in the shared cache, and its last use is written
at most once a minute, so a busy token costs no write per request.
"""

import hashlib
import hmac
import math
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from access.policy import may_use_api_tokens
from tokens.models import ApiToken

PREFIX = "mlx_"
# What a reader may choose, in days; a token lives one year at most.
LIFETIMES = (30, 90, 365)
MAX_TOKENS_PER_READER = 20
LAST_USE_RESOLUTION = timedelta(minutes=1)


class TokenRefused(Exception):
    """The request's token is not honoured: 401 (unknown, revoked, expired, owner not allowed) or 429."""

    def __init__(self, message, status=401, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create(user, name, scope, days):
    """A new token for ``user``; returns ``(ApiToken, token)``. The token text exists only in this return value."""
    public_id = secrets.token_hex(6)
    token = f"{PREFIX}{public_id}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        public_id=public_id,
        secret_digest=digest(token),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return row, token


def revoke(row):
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])


def bearer(request):
    """The token of an ``Authorization: Bearer`` header, or None if the request has none."""
    scheme, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def authenticate(token):
    """The honoured ``ApiToken`` (its ``user`` loaded) for ``token``, counted and its use recorded; or TokenRefused."""
    row = find(token)
    count_request(row)
    record_use(row)
    return row


def find(token):
    """The honoured ``ApiToken`` for ``token``, without counting it; or TokenRefused (401)."""
    public_id, _, secret = (token or "").removeprefix(PREFIX).partition("_")
    if not token.startswith(PREFIX) or not secret:
        raise TokenRefused("The token is not a medlex API token.")
    row = ApiToken.objects.select_related("user").filter(public_id=public_id).first()
    if row is None or not hmac.compare_digest(row.secret_digest, digest(token)):
        raise TokenRefused("The token is not valid.")
    if row.revoked_at is not None:
        raise TokenRefused("The token has been revoked.")
    if row.is_expired():
        raise TokenRefused("The token has expired.")
    if not may_use_api_tokens(row.user):
        raise TokenRefused("The token's owner is not a verified health professional at present.")
    return row


def count_request(row, now=None):
    """Count one request against the token's budget for the current window; TokenRefused (429) over it."""
    limit, period = settings.MEDLEX_TOKEN_RATE_LIMIT
    now = time.time() if now is None else now
    window = int(now // period)
    key = f"tokens:requests:{row.public_id}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window's counter expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * period - now))
        raise TokenRefused(
            f"Too many requests with this token: at most {limit} in {period} seconds. Try again in {retry_after} seconds.",
            status=429,
            retry_after=retry_after,
        )


def record_use(row, now=None):
    """Note the token's last use, at most once per ``LAST_USE_RESOLUTION``."""
    now = now or timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
