"""Mounted at the site's root (medlex/urls.py): EHRs call fixed addresses, whatever the reader's language."""

from django.urls import path

from pointofcare import cds, views

app_name = "pointofcare"

urlpatterns = [
    path("infobutton", views.infobutton_view, name="infobutton"),
    path("cds-services", views.discovery, name="cds-discovery"),
    path(f"cds-services/{cds.SERVICE_ID}", views.service, name="cds-service"),
]
