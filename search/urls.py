from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import views

app_name = "search"

urlpatterns = [
    path(_("search/"), views.results, name="results"),
    path(_("search/go/"), views.go, name="go"),
    path("opensearch.xml", views.opensearch_description, name="opensearch"),
    path("opensearch/suggestions/", views.opensearch_suggestions, name="opensearch-suggestions"),
]
