"""The verified reader of the function tests in the browser."""

import pytest

PASSWORD = "browser-test-password-2"
USER = "dr.kostik-test@example.org"


@pytest.fixture(scope="session")
def verified_login(site_server):
    """One account for every browser test of the functions: the test server lives for the whole session."""
    return site_server.create_verified_user(USER, PASSWORD, "Lena", "Berg")
