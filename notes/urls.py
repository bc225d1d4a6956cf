from django.urls import path
from django.utils.translation import gettext_lazy as _

from notes import views

app_name = "notes"

urlpatterns = [
    path(_("notes/"), views.note_list, name="list"),
    path(_("notes/new/"), views.new_note, name="new"),
    path(_("notes/<int:note_id>/"), views.edit_note, name="edit"),
    path(_("notes/<int:note_id>/delete/"), views.delete_note, name="delete"),
    path(_("recently-read/recording/"), views.recording, name="recording"),
    path(_("recently-read/clear/"), views.clear_recent, name="clear_recent"),
]
