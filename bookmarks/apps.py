from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookmarksConfig(AppConfig):
    name = "bookmarks"
    verbose_name = _("Bookmarks")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from bookmarks.services import forget_offline_copies

        user_logged_out.connect(forget_offline_copies, dispatch_uid="bookmarks.forget_offline_copies")
