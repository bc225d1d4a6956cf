from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from access.policy import may_use_editorial_dashboard
from editorial import dashboard, views


@hooks.register("register_admin_urls")
def editorial_urls():
    return [
        path("editorial/", views.dashboard, name="editorial_dashboard"),
        path("editorial/synonym/", views.synonym, name="editorial_synonym"),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_editorial_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def editorial_menu_item():
    return DashboardMenuItem(_("Editor's dashboard"), reverse("editorial_dashboard"), icon_name="tasks", order=150)


class SummaryPanel(Component):
    """The dashboard's counts at the top of the admin home, linking to the dashboard."""

    name = "editorial_summary"
    template_name = "editorial/panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"summary": dashboard.summary()}


@hooks.register("construct_homepage_panels")
def editorial_summary_panel(request, panels):
    if may_use_editorial_dashboard(request.user):
        panels.append(SummaryPanel())
