"""The pages of the clinical functions: the list and one page per function.

A function page works without JavaScript (the form posts to the page itself);
functions.js adds live results through the API. Only verified professionals
may use a function; everyone else sees what it is for, its source and how to
get access. Results are never cached or stored (``never_cache``; the values
live only in this request).
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from access.gates import gate_message_html
from access.policy import Tier, tier_for
from functions import registry, services


def _lang():
    return "de" if translation.get_language() == "de" else "en"


def _live_texts():
    """The words functions.js needs to draw a result like _result.html does."""
    return {
        "result": _("Result"),
        "total": _("Total"),
        "points_of": _("of %(low)s–%(high)s points"),
        "item": _("Item"),
        "points": _("Points"),
        "status": _("Status"),
        "met": _("met"),
        "open": _("open"),
        "not_met": _("not met"),
        "print": _("Print"),
    }


def function_list(request):
    lang = _lang()
    functions = [definition.describe(lang) for definition in registry.all_functions()]
    may_use = tier_for(request.user) == Tier.PROFESSIONAL
    context = {"functions": functions, "may_use": may_use, "gate_html": None if may_use else gate_message_html(request)}
    return TemplateResponse(request, "functions/function_list.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def function_detail(request, slug):
    try:
        definition = registry.get(slug)
    except registry.UnknownFunction:
        raise Http404("no such function") from None
    lang = _lang()
    may_use = tier_for(request.user) == Tier.PROFESSIONAL
    context = {"function": definition.describe(lang), "may_use": may_use, "lang": lang}
    status = 200
    if not may_use:
        context["gate_html"] = gate_message_html(request)
        status = 403 if request.method == "POST" else 200
        return TemplateResponse(request, "functions/function_detail.html", context, status=status)
    raw, errors, result = {}, {}, None
    if request.method == "POST":
        raw = request.POST
        result, errors = services.evaluate(definition, raw, lang)
        errors = errors or {}
        status = 400 if errors else 200
    context |= {
        "fields": services.form_fields(definition, lang, raw, errors),
        "error_summary": services.top_errors(definition, lang, errors),
        "result": result,
        "js_texts": _live_texts(),
    }
    return TemplateResponse(request, "functions/function_detail.html", context, status=status)
