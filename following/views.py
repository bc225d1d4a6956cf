"""The reader's pages: follow or unfollow an article, the followed articles with the delivery choice, unsubscribe."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from access.gates import gate_message_html
from access.policy import may_use_reader_tools, may_view_page
from articles.models import ArticlePage
from following import services
from following.forms import FollowForm, FrequencyForm
from following.models import Frequency


def gate(request):
    """Anonymous readers log in; others who may not use the reader tools get the gate message and its next step."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"gate_html": gate_message_html(request)}
    return render(request, "following/gate.html", context, status=403)


def back_to(request, page):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()) and target.startswith("/"):
        return target
    return page.get_url(request)


@never_cache
@require_POST
def toggle(request, page_id):
    """POST ``action=follow|unfollow``: then back to the article (or the list), with a message."""
    if not may_use_reader_tools(request.user):
        return gate(request)
    page = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    if not may_view_page(request, page):
        return render(request, "following/error.html", {"message": _("This article does not exist.")}, status=404)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(request, "following/error.html", {"message": _("Say whether to follow or unfollow.")}, status=400)
    if form.cleaned_data["action"] == "follow":
        services.follow(request.user, page, translation.get_language())
        messages.success(request, _("You now follow this article. We will e-mail you when its content changes."))
    else:
        services.unfollow(request.user, page.pk)
        messages.success(request, _("You no longer follow this article."))
    return redirect(back_to(request, page))


@never_cache
@require_http_methods(["GET", "POST"])
def followed_list(request):
    """The articles the reader follows, and how often they want e-mail (POST changes that)."""
    if not may_use_reader_tools(request.user):
        return gate(request)
    choice = services.settings_for(request.user)
    form = FrequencyForm(request.POST if request.method == "POST" else None, initial={"frequency": choice.frequency})
    if request.method == "POST" and form.is_valid():
        services.set_frequency(request.user, form.cleaned_data["frequency"], translation.get_language())
        messages.success(request, _("Your choice has been saved."))
        return redirect("following:list")
    context = {"form": form, "follows": services.followed(request.user), "choice": choice}
    return render(request, "following/list.html", context, status=400 if form.errors else 200)


@never_cache
@csrf_exempt  # RFC 8058: the one-click POST comes from the mail client without a CSRF token; the signed token decides
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The mail's unsubscribe link: GET asks to confirm, POST (the button, or a mail client's one-click) unsubscribes.

    Works without login: the signed token names the reader. A forged, altered or
    expired token changes nothing and says so.
    """
    try:
        reader = services.reader_of(token)
    except services.BadToken as bad:
        message = (
            _(
                "This unsubscribe link has expired. Log in and choose “No e-mails” on the page of your followed articles."
            )
            if bad.expired
            else _("This unsubscribe link is not valid. Nothing has been changed.")
        )
        return render(request, "following/error.html", {"message": message}, status=400)
    if request.method == "POST":
        services.unsubscribe(reader)
        return render(request, "following/unsubscribed.html", {})
    off = services.settings_for(reader).frequency == Frequency.OFF
    return render(request, "following/unsubscribe.html", {"already": off})
