import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever German translations exist."""
    with translation.override("en"):
        yield
