from django.urls import path

from icd10 import views

app_name = "icd10"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.code, name="code"),
]
