"""Followers, publishes and a real SMTP server on loopback for the following tests."""

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django_tasks_db.management.commands import db_worker

from accounts.tests.conftest import make_reader
from accounts.tests.test_journey_browser import Inbox
from articles.models import ChangeKind
from following import services
from following.models import Frequency
from medlex.testing import free_port
from versions.tests.helpers import publish_change


@pytest.fixture
def inbox(settings):
    """A local SMTP server (aiosmtpd) that keeps what it is sent; Django's SMTP backend sends to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.WAGTAILADMIN_BASE_URL = "https://medlex.example"
    settings.MEDLEX_FOLLOWING_GATHER_SECONDS = 0
    yield inbox
    controller.stop()


@pytest.fixture
def run_mail_worker(monkeypatch):
    """Run the real database worker of the ``mail`` queue until it is empty.

    The worker closes "old" database connections between tasks; inside a test's
    transaction that would close the test's own connection, so only that
    housekeeping call is switched off (as for the translation worker).
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker", "--backend", "mail", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


@pytest.fixture
def follower(django_user_model):
    """``follower(email, *pages, frequency=..., language=...)``: a verified reader following ``pages``."""

    def make(email, *pages, frequency=Frequency.DAILY, language="en", kind="verified"):
        user = make_reader(django_user_model, kind, email)
        for page in pages:
            services.follow(user, page, language)
        services.set_frequency(user, frequency, language)
        return user

    return make


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def content_change(page, summary="Dose of naproxen corrected.", kind=ChangeKind.CORRECTION):
    """Publish a change of ``page``'s first section's text (a new version of kind ``kind``)."""
    return publish_change(page, kind, summary, edit=lambda body: append(body, 0, f" {summary}"))


def append(body, index, text):
    body[index]["value"]["text"] = body[index]["value"]["text"].replace("</p>", f"{text}</p>", 1)
