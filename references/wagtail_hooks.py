import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from access.policy import may_import_references
from references import views
from references.forms import ReferenceForm
from references.models import Reference, unverified_q, without_identifier_q


class IdentifierFilterSet(WagtailFilterSet):
    identifiers = django_filters.ChoiceFilter(
        label=_("Identifiers"),
        method="filter_identifiers",
        choices=[
            ("unchecked", _("Not checked by anyone")),
            ("none", _("No identifier")),
        ],
    )

    class Meta:
        model = Reference
        fields = ["kind"]

    def filter_identifiers(self, queryset, name, value):
        return queryset.filter(unverified_q() if value == "unchecked" else without_identifier_q())


class IdentifierColumn(Column):
    """Each identifier with whether somebody checked it; a record without any says so."""

    cell_template_name = "references/identifier_cell.html"


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "list-ol"
    menu_label = _("Literature")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "kind", IdentifierColumn("identifiers", label=_("Identifiers")), "year"]
    filterset_class = IdentifierFilterSet
    search_fields = ["title", "authors", "container", "doi", "pmid", "pmcid"]
    search_backend_name = None
    edit_handler = ObjectList(Reference.panels, base_form_class=ReferenceForm)


register_snippet(ReferenceViewSet)


@hooks.register("register_admin_urls")
def reference_import_urls():
    return [
        path("references/import/", views.upload, name="references_import"),
        path("references/import/confirm/", views.confirm, name="references_import_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import_references(request.user)


@hooks.register("register_admin_menu_item")
def reference_import_menu_item():
    return ImportMenuItem(_("Import references"), reverse("references_import"), icon_name="upload", order=251)
