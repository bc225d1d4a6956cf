"""Mounted under a translated prefix: /de/folgen/ and /en/following/ (see medlex/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from following import views

app_name = "following"

# Translators: URL prefix of the followed articles; German "folgen/".
PREFIX = _("following/")

urlpatterns = [
    path("", views.followed_list, name="list"),
    path("<int:page_id>/", views.toggle, name="toggle"),
    # Translators: URL of the unsubscribe link in e-mails; German "abmelden/<str:token>/".
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
