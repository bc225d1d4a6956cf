from django.urls import path

from translation import readers

app_name = "translation"

urlpatterns = [
    path("translation/request/<int:page_id>/", readers.request_view, name="request"),
]
