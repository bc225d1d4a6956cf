"""The second factor that editors, staff and reviewers need before the admin opens.

Who needs one is decided here, in ``needs_second_factor``. A session has
passed a second factor when allauth recorded one in it: the code asked for at
login, or a code given again on allauth's confirmation page. Nothing else counts:
a session that began with a password alone (one from before this rule, or one
whose account set up its authenticator after logging in) is asked for a code
before the admin opens, and an account without an authenticator is sent to set
one up. That is also how the first admin of a new installation starts: they log
in with their password and are led to the set-up page, not locked out.
"""

from functools import cache

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.roles import VERIFY_PROFESSIONALS_PERMISSION, is_editor

# What allauth asks for at login; recovery codes only stand in for these.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def needs_second_factor(user):
    """Whether a password alone must not open this account's work: the admin and the review of professionals.

    Editors and staff reach unpublished content and every reader's data; reviewers
    open identity documents. For them a stolen password must not be enough, so the
    admin stays shut until the session has passed a second factor. Readers may
    choose one; it is not required of them.
    """
    return is_editor(user) or bool(
        user.is_authenticated and user.is_active and user.has_perm(VERIFY_PROFESSIONALS_PERMISSION)
    )


def has_second_factor(user):
    """Whether ``user`` has set up an authenticator (app or security key)."""
    return is_mfa_enabled(user, SECOND_FACTORS)


def passed_second_factor(request):
    """Whether this session's login, or a confirmation since, used a second factor."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def next_step(request):
    """None if the reader may go on; otherwise the redirect to the second factor they still owe."""
    user = request.user
    if not needs_second_factor(user) or passed_second_factor(request):
        return None
    if has_second_factor(user):
        messages.info(request, _("Please confirm with a code from your authenticator app to open the admin."))
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
    messages.warning(
        request,
        _(
            "You work in the admin, which needs two-factor authentication. Please set it up now; then open the admin again."
        ),
    )
    return redirect("mfa_activate_totp")


@cache
def _admin_paths():
    """(prefix of the admin, its logout), once the URLconf is loaded."""
    return reverse("wagtailadmin_home"), reverse("wagtailadmin_logout")


def admin_middleware(get_response):
    """No admin page, Wagtail's or ours, opens before ``next_step`` is done; logging out always works."""

    def middleware(request):
        prefix, logout = _admin_paths()
        if request.path.startswith(prefix) and request.path != logout:
            response = next_step(request)
            if response is not None:
                return response
        return get_response(request)

    return middleware
