"""Who calls the API: a personal API token, a browser session, or nobody.

Every operation accepts all three; what a caller may see is still decided by
``access.policy`` from ``request.user``, which the token sets to its owner. The
token comes first, so a request that carries one is answered as the token's owner
whatever cookies it also sends, and a token that is not honoured answers 401
(or 429) rather than falling back to a lesser answer the program would take for
the whole one. Sessions keep the CSRF check where a change is made
(``functions.api``); a token is sent by a program, never by a browser on its own,
so it needs none. Only the API and the MCP server read the Authorization header:
pages never look at it.
"""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer, SessionAuth

from tokens import services


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer mlx_…``: a personal API token (tokens app)."""

    openapi_bearerFormat = "mlx_<id>_<secret>"
    openapi_description = (
        "A personal API token, created on the account page by a verified health professional. "
        "Scope read, or read+run to evaluate clinical functions. Rate-limited per token (429 with Retry-After)."
    )

    def authenticate(self, request, token):
        row = services.authenticate(token)  # raises TokenRefused: the API answers 401 or 429
        request.user = row.user
        return row


def anonymous(request):
    """No token and no session: public content, as for any reader who is not logged in."""
    return AnonymousUser()


AUTH = [ApiTokenAuth(), SessionAuth(csrf=False), anonymous]
