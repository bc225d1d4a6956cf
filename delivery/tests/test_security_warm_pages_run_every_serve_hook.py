"""A page served from a warm shell never skips a serve hook that an app or the project registers.

Wagtail's ``before_serve_page`` and ``on_serve_page`` hooks are where a project
refuses, redirects or decorates a page (a maintenance switch, a geo block, a
header). A warm page shell (delivery.routing) answers without the page object, so
shells are used only while every registered hook is one of Wagtail's own that a
shell may skip; a hook registered later runs on the very next view of a warm page,
for anonymous and verified readers alike.
"""

import pytest
from django.http import HttpResponse
from django.test import Client
from wagtail import hooks

from articles.tests.helpers import cno
from delivery.routing import SHELL_SAFE_SERVE_HOOKS

pytestmark = pytest.mark.django_db


def refuse(page, request, serve_args, serve_kwargs):
    return HttpResponse("Closed for maintenance", status=503)


def mark(serve):
    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        response["X-Served-Through"] = "project hook"
        return response

    return inner


@pytest.fixture
def readers(verified_user):
    verified = Client()
    verified.force_login(verified_user)
    return {"anonymous": Client(), "verified": verified}


def warm(readers, url):
    for client in readers.values():
        for _ in range(2):
            assert client.get(url).status_code == 200


def test_a_before_serve_page_hook_registered_after_the_page_is_warm_answers_the_next_view(readers):
    url = cno().url
    warm(readers, url)
    with hooks.register_temporarily("before_serve_page", refuse):
        for reader, client in readers.items():
            response = client.get(url)
            assert response.status_code == 503 and response.content == b"Closed for maintenance", reader
    for reader, client in readers.items():
        assert client.get(url).status_code == 200, reader


def test_an_on_serve_page_hook_registered_after_the_page_is_warm_wraps_the_next_view(readers):
    url = cno().url
    warm(readers, url)
    with hooks.register_temporarily("on_serve_page", mark):
        for reader, client in readers.items():
            for _ in range(2):  # also once a new shell could have been stored
                response = client.get(url)
                assert response.status_code == 200 and response["X-Served-Through"] == "project hook", reader


def test_the_hooks_a_shell_may_skip_are_exactly_wagtails_own_registered_ones():
    """If Wagtail renames or drops one, shells are turned off (and this test says which name to update)."""
    registered = {
        f"{fn.__module__}.{fn.__qualname__}"
        for name in ("before_serve_page", "on_serve_page")
        for fn in hooks.get_hooks(name)
    }
    assert registered == SHELL_SAFE_SERVE_HOOKS
