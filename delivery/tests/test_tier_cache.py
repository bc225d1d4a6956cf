"""A reader's tier is cached, and every change that affects it takes effect at once.

Each test asks for the tier through a fresh user object, as the next request
would, so only the shared cache can carry an old answer over.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access.policy import Tier, tier_for
from accounts.models import Profile
from accounts.states import VERIFIED_PROFESSIONALS_GROUP
from delivery.tiers import TIER_TIMEOUT, tier_timeout

pytestmark = pytest.mark.django_db


def next_request_tier(user):
    return tier_for(get_user_model().objects.get(pk=user.pk))


def test_the_tier_is_computed_once_then_read_from_the_cache(verified_user):
    assert next_request_tier(verified_user) == Tier.PROFESSIONAL
    fresh = get_user_model().objects.get(pk=verified_user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert tier_for(fresh) == Tier.PROFESSIONAL
    assert len(queries) == 1  # one cache read, no group or profile query


def test_leaving_the_group_from_either_side_ends_access_at_once(verified_user):
    group = Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP)
    assert next_request_tier(verified_user) == Tier.PROFESSIONAL
    verified_user.groups.remove(group)
    assert next_request_tier(verified_user) == Tier.PUBLIC
    verified_user.groups.add(group)
    assert next_request_tier(verified_user) == Tier.PROFESSIONAL
    group.user_set.clear()
    assert next_request_tier(verified_user) == Tier.PUBLIC


def editor_through_a_new_group(user, name):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    assert next_request_tier(user) == Tier.PROFESSIONAL
    return group


def test_a_group_losing_its_admin_permission_ends_editor_access_at_once(plain_user):
    group = editor_through_a_new_group(plain_user, "Night editors")
    group.permissions.clear()
    assert next_request_tier(plain_user) == Tier.PUBLIC


def test_a_deleted_group_ends_access_at_once(plain_user):
    group = editor_through_a_new_group(plain_user, "Temporary editors")
    group.delete()
    assert next_request_tier(plain_user) == Tier.PUBLIC


def test_a_profile_change_is_seen_at_once(verified_user):
    assert next_request_tier(verified_user) == Tier.PROFESSIONAL
    Profile.objects.create(
        user=verified_user,
        full_name="Dana Doc",
        profession="medical_student",
        country="DE",
        terms_accepted_at=timezone.now(),
        verified_at=timezone.now() - timedelta(days=400),
    )
    assert next_request_tier(verified_user) == Tier.PUBLIC  # a student's approval lapses after 12 months


def test_a_students_entry_never_outlives_the_approval(verified_user):
    Profile.objects.create(
        user=verified_user,
        full_name="Dana Doc",
        profession="medical_student",
        country="DE",
        terms_accepted_at=timezone.now(),
        verified_at=timezone.now() - timedelta(days=365, seconds=-60),
    )
    fresh = get_user_model().objects.get(pk=verified_user.pk)
    assert tier_for(fresh) == Tier.PROFESSIONAL
    assert 0 < tier_timeout(fresh) <= 60
    physician = get_user_model().objects.create_user("phys@example.org", "phys@example.org", "a-long-test-password")
    assert tier_timeout(physician) == TIER_TIMEOUT
