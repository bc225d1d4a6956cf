"""What the MCP server's article tool shows, decided by access.policy for whoever the request is for.

A token is honoured only while its owner is a verified professional, so through
/mcp every section is open (api/tests/test_mcp_server.py). The tool itself does not
rely on that: for a reader of the public tier it keeps every gated section locked,
with the reader's gate message in place of the text.
"""

import pytest

from accounts.tests.conftest import make_reader
from api import mcp_server
from articles.tests.helpers import cno
from tokens import services
from tokens.models import Scope

pytestmark = pytest.mark.django_db

SCOPE = {"type": "http", "server": ("testserver", 80), "scheme": "http", "headers": [(b"host", b"testserver")]}


def article_for(django_user_model, kind):
    row, _ = services.create(make_reader(django_user_model, kind), "tool", Scope.READ, 30)
    request = mcp_server.django_request(SCOPE, row)
    return mcp_server._article(request, cno("en").pk, None)


def test_a_reader_of_the_public_tier_gets_gated_sections_locked_with_the_gate_message(django_user_model):
    article = article_for(django_user_model, "under_review")
    gated = [s for s in article["sections"] if s["access"] == "professional"]
    assert gated and all(s["locked"] and "text" not in s for s in gated)
    assert "We are checking your proof of profession" in gated[0]["gate"]
    public = [s for s in article["sections"] if s["access"] == "public"]
    assert public and all(s["text"] for s in public)


def test_a_verified_reader_gets_every_section_as_text(django_user_model):
    article = article_for(django_user_model, "verified")
    assert all(not s["locked"] and s["text"] for s in article["sections"])
    assert article["url"] == "http://testserver" + cno("en").url
