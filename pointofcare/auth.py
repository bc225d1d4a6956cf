"""Who may call the CDS Hooks service: EHRs that sign a JWT, as CDS Hooks 2.0 prescribes.

Each call carries ``Authorization: Bearer <JWT>``, signed with ES384 or RS384 by
the EHR's private key. The issuer (``iss``) picks the configured client
(settings.MEDLEX_CDS_HOOKS_CLIENTS: its JWKS address or its public key); no other
key is ever used, whatever the token's header names (``jku``, ``x5u``), so a
token cannot bring its own key. The token must name this service's address as
its audience, carry ``exp``, ``iat`` and ``jti``, expire within five minutes (the
spec's limit), and be used only once: its ``jti`` is kept in the shared cache
until it expires, so a copied token is refused on every server.
"""

import hashlib
import threading
import time

import jwt
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

ALGORITHMS = ["ES384", "RS384"]
MAX_LIFETIME = 300  # seconds from now to exp, as the spec allows
LEEWAY = 30  # clock difference between the EHR and this server
JWKS_TIMEOUT = 5  # seconds; a slow key server must not hold a worker for long
MAX_TOKEN = 8192

_jwks_clients = {}
_jwks_lock = threading.Lock()


class AuthError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _jwks_client(url):
    """One client per JWKS address and process: PyJWT keeps the fetched keys for five minutes."""
    with _jwks_lock:
        if url not in _jwks_clients:
            _jwks_clients[url] = jwt.PyJWKClient(url, cache_keys=True, lifespan=300, timeout=JWKS_TIMEOUT)
        return _jwks_clients[url]


def _key(client, token):
    if "public_key" in client:
        return client["public_key"]
    try:
        return _jwks_client(client["jwks_url"]).get_signing_key_from_jwt(token).key
    except jwt.PyJWTError as error:
        raise AuthError(_("The issuer's signing key could not be found: %(reason)s") % {"reason": error}) from None


def _remember(issuer, jti, expires):
    """False if this token id was seen before (a replay); otherwise keep it until the token expires."""
    name = "pointofcare:jti:" + hashlib.sha256(f"{issuer}\n{jti}".encode()).hexdigest()
    return cache.add(name, 1, timeout=max(1, int(expires - time.time()) + LEEWAY))


def verify(request, audience):
    """The claims of the request's token for the service at ``audience``; AuthError with a message otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AuthError(_("Send a JWT signed by your EHR in the Authorization header (Bearer)."))
    if len(token) > MAX_TOKEN:
        raise AuthError(_("The token is too long."))
    try:
        # header and claims, read once to pick the issuer's key; the signature is checked below
        unverified = jwt.decode_complete(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise AuthError(_("The token is not a JWT.")) from None
    if unverified["header"].get("alg") not in ALGORITHMS:
        raise AuthError(_("The token must be signed with ES384 or RS384."))
    issuer = unverified["payload"].get("iss")
    client = settings.MEDLEX_CDS_HOOKS_CLIENTS.get(issuer) if isinstance(issuer, str) else None
    if client is None:
        raise AuthError(_("The token's issuer is not a registered client of this service."))
    try:
        claims = jwt.decode(
            token,
            _key(client, token),
            algorithms=ALGORITHMS,
            audience=audience,
            issuer=issuer,
            leeway=LEEWAY,
            options={"require": ["iss", "aud", "exp", "iat", "jti"]},
        )
    except jwt.ExpiredSignatureError:
        raise AuthError(_("The token has expired.")) from None
    except jwt.InvalidAudienceError:
        raise AuthError(
            _("The token is meant for another service (aud must be %(url)s).") % {"url": audience}
        ) from None
    except jwt.MissingRequiredClaimError as error:
        raise AuthError(_("The token lacks the claim %(claim)s.") % {"claim": error.claim}) from None
    except (jwt.PyJWTError, ValueError, TypeError):
        raise AuthError(_("The token's signature does not verify with the issuer's key.")) from None
    if claims["exp"] > time.time() + MAX_LIFETIME + LEEWAY:
        raise AuthError(_("The token is valid for too long (at most five minutes)."))
    if not isinstance(claims["jti"], str) or not claims["jti"] or len(claims["jti"]) > 256:
        raise AuthError(_("The token's jti must be a non-empty string."))
    if not _remember(issuer, claims["jti"], claims["exp"]):
        raise AuthError(_("This token has been used before; send a new one with each call."))
    return claims
