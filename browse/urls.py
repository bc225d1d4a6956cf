from django.urls import path

from browse import views

app_name = "browse"

urlpatterns = [path("a-z/", views.index, name="a-z")]
