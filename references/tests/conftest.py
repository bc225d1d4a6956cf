from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.tests.conftest import make_reader
from accounts.tests.second_factor import log_in_with_second_factor

FILES = Path(__file__).resolve().parent / "files"
IMPORT_URL = "/admin/references/import/"
CONFIRM_URL = "/admin/references/import/confirm/"


def upload(name, content=None):
    """A file as the editor's browser sends it: one of ours by name, or ``content`` under that name."""
    data = (FILES / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data if isinstance(data, bytes) else data.encode())


def admin_client(client, user, language="en"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return log_in_with_second_factor(client, user)


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's Editors group, as editors are set up on a fresh install."""
    return make_reader(django_user_model, "editor")


@pytest.fixture
def editor_client(client, editor):
    return admin_client(client, editor)


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English unless a test asks for German."""
    with translation.override("en"):
        yield
