"""What happens to a verification: submission, the reviewer's decisions, revocation,
retention of documents, data export and account deletion.

Every step writes an audit event in the same transaction and, for decisions,
e-mails the user. Files are written only after all uploads of a submission have
passed their checks, so a refused upload leaves nothing behind.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import AuditEvent, Profile, ProofDocument, VerificationRequest
from accounts.states import verified_group


def record(subject, action, actor=None, reason=""):
    return AuditEvent.objects.create(
        subject=subject,
        subject_email=subject.email,
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        reason=reason,
    )


def _store(document, data):
    document.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    document.path.write_bytes(data)
    document.path.chmod(0o600)


def submit_proof(user, cleaned_files, identifier_kind="", identifier="", note=""):
    """``cleaned_files``: list of (original name, content type, bytes) that passed ``documents.check_submission``."""
    written = []
    try:
        with transaction.atomic():
            request = VerificationRequest.objects.create(
                user=user, identifier_kind=identifier_kind, identifier=identifier, note=note
            )
            for name, content_type, data in cleaned_files:
                document = ProofDocument.objects.create(
                    request=request, original_name=name[:255], content_type=content_type, size=len(data)
                )
                _store(document, data)
                written.append(document.path)
            record(user, AuditEvent.Action.SUBMITTED)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return request


def _notify(user, template, context):
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context = {"user": user, "base_url": base_url, "account_url": base_url + reverse("accounts:status"), **context}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}_message.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [user.email])


class OwnRequestError(ValueError):
    """A reviewer tried to decide their own verification request."""


def may_decide(request, actor):
    """Four eyes: nobody decides their own verification request; another reviewer must."""
    return actor is None or request.user_id != actor.pk


def _check_decider(request, actor):
    if not may_decide(request, actor):
        raise OwnRequestError("A reviewer cannot decide their own verification request.")


@transaction.atomic
def approve(request, actor):
    _check_decider(request, actor)
    now = timezone.now()
    request.status, request.decided_at, request.decided_by, request.reason = request.Status.APPROVED, now, actor, ""
    request.save()
    Profile.objects.filter(user=request.user).update(verified_at=now)
    request.user.groups.add(verified_group())
    record(request.user, AuditEvent.Action.APPROVED, actor)
    transaction.on_commit(lambda: _notify(request.user, "approved", {}))


def _close(request, actor, status, action, reason, template):
    if not reason.strip():
        raise ValueError("A reason is required.")
    with transaction.atomic():
        request.status, request.decided_at, request.decided_by, request.reason = (
            status,
            timezone.now(),
            actor,
            reason.strip(),
        )
        request.save()
        record(request.user, action, actor, reason.strip())
        transaction.on_commit(lambda: _notify(request.user, template, {"reason": reason.strip()}))


def reject(request, actor, reason):
    _check_decider(request, actor)
    _close(request, actor, request.Status.REJECTED, AuditEvent.Action.REJECTED, reason, "rejected")


def request_more_information(request, actor, reason):
    _check_decider(request, actor)
    _close(request, actor, request.Status.MORE_INFO, AuditEvent.Action.MORE_INFO, reason, "more_info")


def revoke(user, actor, reason):
    """Take a professional's access away; it ends with their next request."""
    request = (
        user.verification_requests.filter(status=VerificationRequest.Status.APPROVED).order_by("-submitted_at").first()
    )
    with transaction.atomic():
        user.groups.remove(verified_group())
        if request is not None:
            _close(request, actor, request.Status.REVOKED, AuditEvent.Action.REVOKED, reason, "revoked")
        else:
            record(user, AuditEvent.Action.REVOKED, actor, reason)


def delete_documents(documents, actor=None):
    by_subject = {}
    for document in documents:
        by_subject.setdefault(document.request.user, 0)
        by_subject[document.request.user] += 1
        document.delete()
    for subject, count in by_subject.items():
        record(subject, AuditEvent.Action.DOCUMENTS_DELETED, actor, f"{count} document(s)")
    return sum(by_subject.values())


def documents_due_for_deletion(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=settings.MEDLEX_PROOF_RETENTION_DAYS)
    return (
        ProofDocument.objects.filter(request__decided_at__lt=cutoff)
        .exclude(request__status=VerificationRequest.Status.MORE_INFO)
        .select_related("request__user")
    )


# Apps above accounts that keep data of their own about a reader (bookmarks, notes)
# add it to the export here: name -> function (user) -> JSON-ready data. Their rows
# name the user with a cascading foreign key, so deleting the account deletes them.
EXPORT_SECTIONS = {}


def register_export(name, data_for):
    """Include ``data_for(user)`` under ``name`` in every reader's data export."""
    EXPORT_SECTIONS[name] = data_for


def export_data(user):
    """Everything we hold about ``user``, as JSON-ready data."""
    return _account_data(user) | {name: data_for(user) for name, data_for in EXPORT_SECTIONS.items()}


def _account_data(user):
    profile = getattr(user, "profile", None)
    return {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "profile": None
        if profile is None
        else {
            "full_name": profile.full_name,
            "profession": profile.profession,
            "country": profile.country,
            "specialty": profile.specialty,
            "terms_accepted_at": profile.terms_accepted_at.isoformat(),
            "verified_at": profile.verified_at.isoformat() if profile.verified_at else None,
        },
        "verification_requests": [
            {
                "submitted_at": r.submitted_at.isoformat(),
                "status": r.status,
                "identifier_kind": r.identifier_kind,
                "identifier": r.identifier,
                "note": r.note,
                "decided_at": r.decided_at.isoformat() if r.decided_at else None,
                "reason": r.reason,
                "documents": [
                    {"name": d.original_name, "content_type": d.content_type, "size": d.size} for d in r.documents.all()
                ],
            }
            for r in user.verification_requests.order_by("submitted_at")
        ],
        "history": [{"at": e.at.isoformat(), "action": e.action, "reason": e.reason} for e in user.audit_events.all()],
    }


def delete_account(user):
    """Delete the account, its proof files at once, and everything tied to it (audit rows keep the address)."""
    user.delete()  # proof files go with their rows (accounts.signals)
