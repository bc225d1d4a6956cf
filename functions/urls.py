"""Mounted under a translated prefix: /de/funktionen/ and /en/functions/ (see medlex/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from functions import views

app_name = "functions"

# Translators: URL prefix of the clinical functions list; German "funktionen/".
PREFIX = _("functions/")

urlpatterns = [
    path("", views.function_list, name="list"),
    path("<slug:slug>/", views.function_detail, name="detail"),
]
