"""Retire cached reader tiers (access.policy.tier_for) and user rows (accounts.backends) when what they depend on changes.

Revocation must take effect on the reader's next request, so every path that
changes a tier is covered: group membership from either side, permissions of a
user or a group, the user row (active, superuser) and the profile (profession,
approval date).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from access.policy import forget_all_tiers, forget_reader


def user_changed(sender, instance, **kwargs):
    """Also retires the cached user row: deactivation, a new password or a deleted account end sessions at once."""
    forget_reader(instance.pk)


def profile_changed(sender, instance, **kwargs):
    forget_reader(instance.user_id)


def memberships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # from the group's side: group.user_set.add(...), .clear()
        forget_all_tiers()
    else:
        forget_reader(instance.pk)


def permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        forget_all_tiers()


def connect():
    from accounts.models import Profile

    User = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(user_changed, sender=User, dispatch_uid=f"access-tier-user-{signal!r}")
        signal.connect(profile_changed, sender=Profile, dispatch_uid=f"access-tier-profile-{signal!r}")
    post_delete.connect(
        lambda **kwargs: forget_all_tiers(), sender=Group, weak=False, dispatch_uid="access-tier-group-delete"
    )
    m2m_changed.connect(memberships_changed, sender=User.groups.through, dispatch_uid="access-tier-groups")
    m2m_changed.connect(
        permissions_changed, sender=User.user_permissions.through, dispatch_uid="access-tier-user-perms"
    )
    m2m_changed.connect(permissions_changed, sender=Group.permissions.through, dispatch_uid="access-tier-group-perms")
