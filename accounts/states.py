"""The one verification state of each reader, derived from stored facts.

Membership of the "Verified professionals" group is the record of an approval;
a student's approval lapses twelve months after it was given. Every gate
message and the account page start from ``state_for``.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile

# Membership is the record of an approval (accounts.services decides requests).
VERIFIED_PROFESSIONALS_GROUP = "Verified professionals"
STUDENT_VALIDITY = timedelta(days=365)


class State(TextChoices):
    ANONYMOUS = "anonymous", _("Not logged in")
    EMAIL_UNCONFIRMED = "email_unconfirmed", _("E-mail address not yet confirmed")
    PROOF_MISSING = "proof_missing", _("Proof of profession missing")
    UNDER_REVIEW = "under_review", _("Under review")
    MORE_INFO = "more_info", _("More information requested")
    REJECTED = "rejected", _("Not approved")
    VERIFIED = "verified", _("Verified health professional")
    EXPIRED = "expired", _("Verification expired")


@dataclass(frozen=True)
class Status:
    state: State
    reason: str = ""
    expires_at: object = None


def in_verified_group(user):
    return user.groups.filter(name=VERIFIED_PROFESSIONALS_GROUP).exists()


def expiry_of(user):
    """When ``user``'s approval lapses, or None if it does not (only students' approvals lapse)."""
    profile = getattr(user, "profile", None) if _has_profile(user) else None
    if profile is None or profile.profession != "medical_student" or profile.verified_at is None:
        return None
    return profile.verified_at + STUDENT_VALIDITY


def _has_profile(user):
    try:
        return user.profile is not None
    except Profile.DoesNotExist:
        return False


def verification_expired(user, now=None):
    expires_at = expiry_of(user)
    return expires_at is not None and (now or timezone.now()) >= expires_at


def email_confirmed(user):
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def latest_request(user):
    return user.verification_requests.order_by("-submitted_at", "-pk").first()


def state_for(user, now=None):
    if not user.is_authenticated:
        return Status(State.ANONYMOUS)
    request = latest_request(user)
    if in_verified_group(user):
        if not verification_expired(user, now):
            return Status(State.VERIFIED, expires_at=expiry_of(user))
        if (
            request is None
            or request.status not in (request.Status.PENDING, request.Status.MORE_INFO)
            or request.submitted_at < user.profile.verified_at
        ):
            return Status(State.EXPIRED, expires_at=expiry_of(user))
    elif not email_confirmed(user):
        return Status(State.EMAIL_UNCONFIRMED)
    if request is None:
        return Status(State.PROOF_MISSING)
    status = request.Status
    if request.status == status.PENDING:
        return Status(State.UNDER_REVIEW)
    if request.status == status.MORE_INFO:
        return Status(State.MORE_INFO, reason=request.reason)
    if request.status in (status.REJECTED, status.REVOKED):
        return Status(State.REJECTED, reason=request.reason)
    return Status(State.PROOF_MISSING)  # approved earlier, since removed from the group by hand


def may_submit_proof(status):
    return status.state in (State.PROOF_MISSING, State.MORE_INFO, State.REJECTED, State.EXPIRED)


def verified_group():
    return Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0]
