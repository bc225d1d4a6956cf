import pytest

from accounts.tests.conftest import make_reader


@pytest.fixture
def reader(django_user_model):
    """``reader(kind)``: a user in that verification state (accounts.tests.conftest), None for anonymous."""
    return lambda kind, email=None: make_reader(django_user_model, kind, email)
