from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.status, name="status"),
    path("proof/", views.upload_proof, name="upload_proof"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete_account, name="delete"),
]
