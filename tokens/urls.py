from django.urls import path

from tokens import views

app_name = "tokens"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<str:public_id>/revoke/", views.revoke, name="revoke"),
]
