"""The account's token page: create a token (shown once), list and revoke one's tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from access.gates import gate_message_html
from access.policy import may_use_api_tokens
from tokens import services
from tokens.forms import TokenForm
from tokens.models import ApiToken


@never_cache
@login_required
def tokens(request):
    allowed = may_use_api_tokens(request.user)
    form, created = None, None
    if allowed:
        form = TokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if request.user.personal_tokens.filter(revoked_at=None).count() >= services.MAX_TOKENS_PER_READER:
                form.add_error(None, _("You have too many tokens. Revoke one you no longer use first."))
            else:
                data = form.cleaned_data
                created = services.create(request.user, data["name"], data["scope"], data["days"])
                form = TokenForm()
    return render(
        request,
        "tokens/tokens.html",
        {
            "allowed": allowed,
            "gate_message": None if allowed else gate_message_html(request),
            "form": form,
            # The token's text is in this one answer (never_cache: no copy is kept) and nowhere else.
            "created": created,
            "tokens": request.user.personal_tokens.all(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def revoke(request, public_id):
    # Only the reader's own tokens: someone else's public id is a 404, as an unknown one.
    row = get_object_or_404(ApiToken, user=request.user, public_id=public_id)
    services.revoke(row)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": row.name})
    return redirect("tokens:list")
