from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from access.gates import fill
from access.policy import tier_for
from articles import rendering
from functions.services import tools_for_codes


def translation_links(page):
    """Links to the published translations, each worded in its own language."""
    links = []
    for other in page.get_translations().live().select_related("locale"):
        code = other.locale.language_code
        with translation.override(code):
            links.append({"lang": code, "url": other.get_url(), "label": _("This article in %(language)s") % {"language": translation.get_language_info(code)["name_local"]}})
    return links


def serve_article(request, page):
    tier = tier_for(request.user)
    icd10_codes = list(page.icd10_codes.all())
    lang = page.locale.language_code
    context = {
        "page": page,
        "self": page,
        "icd10_codes": icd10_codes,
        "tools": [tool.describe(lang) for tool in tools_for_codes([code.code for code in icd10_codes])],
        "authors": list(page.authors.all()),
        "translations": translation_links(page),
        "body_html": fill(rendering.render_body(page, tier), request),
    }
    return TemplateResponse(request, page.get_template(request), context)
