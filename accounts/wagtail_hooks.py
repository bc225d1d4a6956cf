from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import review


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return review.may_review(request.user)


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("professionals/", review.queue, name="accounts_review_queue"),
        path("professionals/<int:pk>/", review.detail, name="accounts_review_detail"),
        path("professionals/document/<int:pk>/", review.document, name="accounts_review_document"),
        path("professionals/revoke/<int:user_id>/", review.revoke, name="accounts_review_revoke"),
    ]


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem(_("Verify professionals"), reverse("accounts_review_queue"), icon_name="user", order=250)


@hooks.register("register_permissions")
def review_permission():
    return Permission.objects.filter(content_type__app_label="accounts", codename="verify_professionals")
