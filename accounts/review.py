"""The review queue in the Wagtail admin, for holders of "Verify professionals"."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts import documents, identifiers, second_factor, services
from accounts.forms import DecisionForm, RevokeForm
from accounts.models import AuditEvent, ProofDocument, VerificationRequest
from accounts.roles import VERIFY_PROFESSIONALS_PERMISSION
from accounts.states import VERIFIED_PROFESSIONALS_GROUP

PERMISSION = VERIFY_PROFESSIONALS_PERMISSION
OWN_REQUEST_MESSAGE = gettext_lazy("This is your own verification request. Another reviewer must decide it.")


def may_review(user):
    return user.is_active and user.has_perm(PERMISSION)


def reviewer_required(view):
    """Holders of the permission only, and only in a session that passed a second factor.

    The admin's middleware asks for the second factor too; it is checked here again
    because these views show identity documents, wherever their URLs are mounted.
    """

    def wrapped(request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        next_step = second_factor.next_step(request)
        if next_step is not None:
            return next_step
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return never_cache(wrapped)


@reviewer_required
def queue(request):
    open_statuses = [VerificationRequest.Status.PENDING]
    pending = (
        VerificationRequest.objects.filter(status__in=open_statuses)
        .select_related("user__profile")
        .order_by("submitted_at")
    )
    verified = (
        get_user_model()
        .objects.filter(groups__name=VERIFIED_PROFESSIONALS_GROUP)
        .select_related("profile")
        .order_by("email")
    )
    return render(request, "accounts/admin/queue.html", {"pending": pending, "verified": verified})


@reviewer_required
def detail(request, pk):
    verification = get_object_or_404(VerificationRequest.objects.select_related("user__profile"), pk=pk)
    own_request = not services.may_decide(verification, request.user)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and own_request:
        messages.error(request, OWN_REQUEST_MESSAGE)
        return redirect("accounts_review_queue")
    if request.method == "POST" and form.is_valid():
        if verification.status != VerificationRequest.Status.PENDING:
            messages.error(request, _("This request has already been decided."))
            return redirect("accounts_review_queue")
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        if decision == "approve":
            services.approve(verification, request.user)
        elif decision == "reject":
            services.reject(verification, request.user, reason)
        else:
            services.request_more_information(verification, request.user, reason)
        messages.success(request, _("Decision saved and e-mailed to %(email)s.") % {"email": verification.user.email})
        return redirect("accounts_review_queue")
    check = identifiers.CHECKS.get(verification.identifier_kind)
    return render(
        request,
        "accounts/admin/detail.html",
        {
            "verification": verification,
            "profile": getattr(verification.user, "profile", None),
            "documents": verification.documents.all(),
            "identifier_check_valid": bool(
                check and verification.identifier and check(verification.identifier) is None
            ),
            "history": verification.user.audit_events.order_by("at", "pk"),
            "form": form,
            "own_request": own_request,
            "own_request_message": OWN_REQUEST_MESSAGE,
        },
        status=400 if form.errors else 200,
    )


# Proof documents come from strangers: they are downloads, never pages of this site. No
# script runs, no plugin or frame loads, and no browser guesses another type than the
# one the upload check found (which a polyglot PDF/HTML file would invite).
DOCUMENT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"


@reviewer_required
def document(request, pk):
    proof = get_object_or_404(ProofDocument.objects.select_related("request__user"), pk=pk)
    if not proof.path.is_file():
        raise Http404
    services.record(proof.request.user, AuditEvent.Action.DOCUMENT_VIEWED, request.user, proof.original_name)
    # Type and file name extension from the checked type stored with the file, never from the upload's name.
    content_type = proof.content_type if proof.content_type in documents.ALLOWED_TYPES else "application/octet-stream"
    filename = f"proof-{proof.pk}.{documents.ALLOWED_TYPES.get(content_type, 'bin')}"
    response = FileResponse(open(proof.path, "rb"), content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOCUMENT_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@reviewer_required
def revoke(request, user_id):
    user = get_object_or_404(get_user_model(), pk=user_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke(user, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Access of %(email)s revoked.") % {"email": user.email})
        return redirect("accounts_review_queue")
    return render(
        request, "accounts/admin/revoke.html", {"subject": user, "form": form}, status=400 if form.errors else 200
    )
