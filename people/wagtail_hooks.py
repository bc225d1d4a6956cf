from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.forms import PersonForm
from people.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "degree", "affiliation", "orcid", "user"]
    search_fields = ["name", "affiliation", "orcid"]
    search_backend_name = None
    edit_handler = ObjectList(Person.panels, base_form_class=PersonForm)


register_snippet(PersonViewSet)
