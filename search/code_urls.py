from django.urls import path

from search import code_views

app_name = "icd10"

urlpatterns = [
    path("", code_views.index, name="index"),
    path("<str:code>/", code_views.code, name="code"),
]
