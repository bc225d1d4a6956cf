"""Mounted under a translated prefix: /de/fachgebiete/ and /en/specialties/ (see medlex/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from browse import views

app_name = "specialties"

# Translators: URL prefix of the list of medical specialties; German "fachgebiete/".
PREFIX = _("specialties/")

urlpatterns = [
    path("", views.specialty_list, name="list"),
    path("<slug:slug>/", views.specialty_detail, name="detail"),
]
