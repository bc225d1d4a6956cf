"""Readers with tokens, made the way the account page makes them."""

import pytest
from django.core.cache import cache

from accounts.tests.conftest import make_reader
from tokens import services
from tokens.models import Scope


@pytest.fixture
def token_of(django_user_model):
    """``token_of(kind, scope=..., days=...)``: a new token of a new reader in verification state ``kind``; ``(row, token)``."""
    made = []

    def make(kind="verified", scope=Scope.READ_RUN, days=30):
        user = make_reader(django_user_model, kind, f"{kind}-{len(made)}@example.org")
        made.append(user)
        return services.create(user, f"{kind} laptop", scope, days)

    return make


@pytest.fixture
def reader(django_user_model):
    return lambda kind, email=None: make_reader(django_user_model, kind, email)


@pytest.fixture(autouse=True)
def fresh_request_counts():
    """Request counts live in the shared cache, outside the test's transaction."""
    cache.clear()
    yield
    cache.clear()


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
