from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from specialties.models import Specialty


class SpecialtyViewSet(SnippetViewSet):
    """Editors keep the list of specialties; every article is filed under at least one."""

    model = Specialty
    icon = "folder-open-inverse"
    menu_label = _("Specialties")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name_de", "name_en", "slug_de", "slug_en"]
    search_fields = ["name_de", "name_en"]
    search_backend_name = None


register_snippet(SpecialtyViewSet)
