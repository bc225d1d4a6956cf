import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import hooks

from accounts import services
from accounts.forms import DeleteAccountForm, ProofForm
from accounts.states import State, may_submit_proof, state_for


def admin_login(request):
    """Wagtail's login address, for GET and POST alike: allauth's login, and from there into the admin.

    Wagtail's own login form would log in with a password alone, past allauth's stages
    (e-mail confirmation, rate limits, second factor); this address only redirects.
    """
    target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("wagtailadmin_home")
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


# Apps above accounts add a panel to the account page (their lists and settings) by
# registering ``fn(request) -> HTML`` ("" for none) for this Wagtail hook.
ACCOUNT_PANELS_HOOK = "account_page_panels"


@never_cache
@login_required
def status(request):
    """The account page: the reader's state, its one next step, the history, and the panels of other apps."""
    current = state_for(request.user)
    return render(
        request,
        "accounts/status.html",
        {
            "status": current,
            "State": State,
            "profile": getattr(request.user, "profile", None) if hasattr(request.user, "profile") else None,
            "requests": request.user.verification_requests.prefetch_related("documents").order_by("-submitted_at"),
            "history": request.user.audit_events.exclude(action="document_viewed").order_by("-at", "-pk"),
            "may_submit": may_submit_proof(current),
            "review_days": settings.MEDLEX_REVIEW_WORKING_DAYS,
            "panels": [panel for panel_of in hooks.get_hooks(ACCOUNT_PANELS_HOOK) if (panel := panel_of(request))],
        },
    )


@never_cache
@login_required
def upload_proof(request):
    current = state_for(request.user)
    if not may_submit_proof(current):
        messages.info(request, _("There is nothing to upload at the moment."))
        return redirect("accounts:status")
    # Counted before the files are looked at, so a refused submission is not free to repeat
    # (ACCOUNT_RATE_LIMITS["upload_proof"], in the cache every worker shares).
    too_many = ratelimit.consume_or_429(request, action="upload_proof")
    if too_many:
        return too_many
    form = ProofForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.submit_proof(
            request.user,
            data["documents"],
            data["identifier_kind"] if data["identifier"] else "",
            data["identifier"],
            data["note"],
        )
        messages.success(request, _("Thank you. We have received your proof and will review it."))
        return redirect("accounts:status")
    context = {"form": form, "status": current, "retention_days": settings.MEDLEX_PROOF_RETENTION_DAYS}
    return render(request, "accounts/upload_proof.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def export(request):
    data = services.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="medlex-data-{timezone.now():%Y-%m-%d}.json"'
    return response


@never_cache
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, _("Your account and all your data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
