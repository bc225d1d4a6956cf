"""Mounted under a translated prefix: /de/merkliste/ and /en/bookmarks/ (see medlex/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from bookmarks import views

app_name = "bookmarks"

# Translators: URL prefix of the reader's bookmark list; German "merkliste/".
PREFIX = _("bookmarks/")

urlpatterns = [
    path("", views.bookmark_list, name="list"),
    path("article/", views.article_bookmark, name="article"),
    path("<int:pk>/", views.bookmark_edit, name="edit"),
    path("collections/", views.collection_create, name="collection_create"),
    path("collections/<int:pk>/rename/", views.collection_rename, name="collection_rename"),
    path("collections/<int:pk>/delete/", views.collection_delete, name="collection_delete"),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
