"""Following on the account page and in the reader's data export (hooks accounts declares)."""

from django.template.loader import render_to_string
from wagtail import hooks

from access.policy import may_use_reader_tools
from accounts.services import ACCOUNT_DATA_HOOK
from accounts.views import ACCOUNT_PANELS_HOOK
from following.services import export_data


@hooks.register(ACCOUNT_PANELS_HOOK)
def account_panel(request):
    """A link to the followed articles and the choice of e-mail alerts; nothing for other readers."""
    if not may_use_reader_tools(request.user):
        return ""
    return render_to_string("following/_account_panel.html", {}, request)


hooks.register(ACCOUNT_DATA_HOOK, export_data)
