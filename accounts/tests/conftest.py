"""Readers in every verification state, built the way the application builds them."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Profile, VerificationRequest
from accounts.states import verified_group

PASSWORD = "a-long-test-password"
READER_STATES = [
    "anonymous",
    "email_unconfirmed",
    "proof_missing",
    "under_review",
    "more_info",
    "rejected",
    "verified",
    "expired",
]
ALL_KINDS = READER_STATES + ["editor", "staff"]
# The access matrices ask every route of every kind on SQLite. On PostgreSQL they ask one
# kind of each tier and role (no account, a logged-in reader of the public tier, a verified
# professional, an editor, staff): the verification states that share the public tier
# differ only in accounts.states, which reads no differently on either database.
MATRIX_KINDS = (
    ALL_KINDS if connection.vendor == "sqlite" else ["anonymous", "under_review", "verified", "editor", "staff"]
)


def make_reader(django_user_model, kind, email=None):
    """A user in verification state ``kind`` (or an editor / staff member); None for anonymous."""
    if kind == "anonymous":
        return None
    email = email or f"{kind}@example.org"
    if kind == "staff":
        return django_user_model.objects.create_superuser(email, email, PASSWORD)
    user = django_user_model.objects.create_user(email, email, PASSWORD, first_name="Alex", last_name=kind.title())
    if kind == "editor":
        user.groups.add(Group.objects.get(name="Editors"))
        return user
    profession = "medical_student" if kind == "expired" else "physician"
    profile = Profile.objects.create(
        user=user,
        full_name=f"Alex {kind.title()}",
        profession=profession,
        country="DE",
        terms_accepted_at=timezone.now(),
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=kind != "email_unconfirmed")
    status = {
        "under_review": "pending",
        "more_info": "more_info",
        "rejected": "rejected",
        "verified": "approved",
        "expired": "approved",
    }.get(kind)
    if status:
        VerificationRequest.objects.create(
            user=user,
            status=status,
            reason="Please send the back of your ID card." if status in ("more_info", "rejected") else "",
        )
    if kind in ("verified", "expired"):
        profile.verified_at = timezone.now() - timedelta(days=400 if kind == "expired" else 1)
        profile.save()
        user.groups.add(verified_group())
    return user


@pytest.fixture
def reader(django_user_model):
    return lambda kind, email=None: make_reader(django_user_model, kind, email)


@pytest.fixture
def fresh_rate_limits():
    """Rate-limit counts live in the shared cache, outside the test's transaction; each test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Database work that the tests of one module share, done once and rolled back after the last of them.

    For set-up that takes seconds (publishing every demo article) and that each test
    would otherwise repeat. It runs in one transaction; every test runs in a savepoint
    inside it (pytest-django), so each sees the shared rows and leaves them as it found them.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
