"""The point-of-care endpoints: ``/infobutton`` (HL7 Infobutton) and ``/cds-services`` (CDS Hooks 2.0).

Both are outside the language prefixes: EHRs are configured with one address.
Neither keeps anything, and neither answer is stored by a shared cache
(``never_cache``): they are cheap, and a view restriction may hide an article
from one caller and not another (access.policy.hidden_page_ids).
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from access.policy import hidden_page_ids
from pointofcare import auth, cds, infobutton, matching


def _answer(knowledge, hidden):
    """Fill ``knowledge.results``: each problem's articles by code (falling back to its parents), else by name."""
    seen = set()
    for criterion in knowledge.criteria:
        found = []
        if criterion.code:
            _matched, found = matching.articles_for_code(criterion.code, knowledge.lang, hidden)
        text = criterion.display or criterion.text
        if not found and text:
            found = matching.articles_for_text(text, knowledge.lang, hidden)
        for entry in found:
            if entry.page_id not in seen and len(knowledge.results) < matching.MAX_ARTICLES:
                seen.add(entry.page_id)
                knowledge.results.append(entry)


def _error(request, kind, lang, message):
    if kind == infobutton.HTML:
        return render(request, "pointofcare/infobutton.html", {"error": message, "lang": lang}, status=400)
    if kind == infobutton.JSON:
        return JsonResponse({"error": message}, status=400)
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def infobutton_view(request):
    lang = infobutton.language(request.GET)
    with translation.override(lang):
        try:
            kind = infobutton.response_type(request.GET)
        except infobutton.RequestError as error:
            return _error(request, None, lang, error.message)
        try:
            knowledge = infobutton.parse(request.GET, request.META.get("QUERY_STRING", ""))
        except infobutton.RequestError as error:
            return _error(request, kind, lang, error.message)
        _answer(knowledge, hidden_page_ids(request))
        if kind == infobutton.HTML:
            if len(knowledge.results) == 1:
                return redirect(knowledge.results[0].url)
            return render(request, "pointofcare/infobutton.html", {"knowledge": knowledge, "lang": lang})
        document = infobutton.feed(knowledge, request.build_absolute_uri)
        if kind == infobutton.JSON:
            return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        return HttpResponse(infobutton.atom(document), content_type="application/atom+xml; charset=utf-8")


@never_cache
@require_GET
def discovery(request):
    return JsonResponse({"services": [cds.SERVICE]})


def _cds_error(message, status):
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


def _cds_language(request):
    """German when the EHR asks for it (Accept-Language), else English, as for the infobutton."""
    if not request.headers.get("Accept-Language"):
        return infobutton.DEFAULT_LANGUAGE
    return "de" if translation.get_language_from_request(request) == "de" else "en"


@csrf_exempt  # an EHR's server calls this, authenticated by its signed token, never a browser session
@never_cache
@require_POST
def service(request):
    with translation.override(_cds_language(request)):
        try:
            auth.verify(request, request.build_absolute_uri(request.path))
        except auth.AuthError as error:
            return _cds_error(error.message, 401)
        try:
            patient_id, conditions = cds.parse_call(request.body)
        except cds.CallError as error:
            return _cds_error(error.message, error.status)
        codes, names = cds.problems(patient_id, conditions)
        found = cds.cards(
            codes,
            names,
            translation.get_language(),
            hidden_page_ids(request),
            request.build_absolute_uri,
            lambda slug: reverse("functions:detail", args=[slug]),
        )
    return JsonResponse({"cards": found}, json_dumps_params={"ensure_ascii": False})
