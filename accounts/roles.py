"""What a user does on the site besides reading: editors work in the admin, reviewers decide verification requests.

These are facts about the account (its permissions). What each role may see is
decided in ``access.policy``; who must pass a second factor in
``accounts.second_factor``.
"""

# Holders decide verification requests and open proof-of-profession documents.
VERIFY_PROFESSIONALS_PERMISSION = "accounts.verify_professionals"


def is_editor(user):
    """Editors and staff work on content, gated or not, in the admin."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )
