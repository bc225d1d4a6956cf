"""Mounted under a translated prefix: /de/personen/ and /en/people/ (see medlex/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from people import views

app_name = "people"

# Translators: URL prefix of the profiles of authors and reviewers; German "personen/".
PREFIX = _("people/")

urlpatterns = [path("<slug:slug>/", views.profile, name="profile")]
