"""Importing reference files in the admin: upload, preview, confirm.

The upload only shows what would happen. The file's text travels to the
confirmation signed (so it cannot be altered in between) and is read and checked
again there, against the library as it is then.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from access.policy import may_import_references
from references import importing

SIGNING_SALT = "references.import"
PREVIEW_MAX_AGE = 3600  # seconds an editor has to confirm a preview


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "RIS (.ris), BibTeX (.bib), PubMed MEDLINE (.nbib) or CSL-JSON (.json), as exported by PubMed, Zotero, EndNote or a journal's website."
        ),
    )


def editors_only(view):
    def wrapped(request, *args, **kwargs):
        if not may_import_references(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def preview_response(request, form, filename="", checked=None, payload="", error=""):
    checked = checked or []
    context = {
        "form": form,
        "filename": filename,
        "error": error,
        "checked": checked,
        "payload": payload,
        "problems": sum(1 for item in checked if item.problems),
        "duplicates": sum(1 for item in checked if item.duplicate_of and not item.problems),
        "to_create": sum(1 for item in checked if item.will_be_created),
    }
    return TemplateResponse(request, "references/import.html", context)


def read_and_check(filename, data):
    return importing.check(importing.read(filename, data))


@editors_only
def upload(request):
    if request.method != "POST":
        return preview_response(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return preview_response(request, form)
    upload = form.cleaned_data["file"]
    data = upload.read(importing.MAX_FILE_BYTES + 1)  # one byte more tells that it is too large
    try:
        checked = read_and_check(upload.name, data)
    except importing.ImportFileError as error:
        return preview_response(request, form, upload.name, error=str(error))
    payload = signing.dumps({"name": upload.name, "text": data.decode("utf-8-sig")}, salt=SIGNING_SALT, compress=True)
    return preview_response(request, UploadForm(), upload.name, checked, payload)


@require_POST
@editors_only
def confirm(request):
    try:
        signed = signing.loads(request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        checked = read_and_check(signed["name"], signed["text"].encode())
    except (signing.BadSignature, KeyError, TypeError):
        messages.error(request, _("This preview has expired or is incomplete. Upload the file again."))
        return redirect("references_import")
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("references_import")
    if any(item.problems for item in checked):
        return preview_response(
            request, UploadForm(), signed["name"], checked, error=_("Nothing was imported: the file has problems.")
        )
    created = importing.create(checked)
    messages.success(
        request,
        ngettext(
            "%(created)d reference imported from %(name)s; %(skipped)d duplicates left out.",
            "%(created)d references imported from %(name)s; %(skipped)d duplicates left out.",
            len(created),
        )
        % {"created": len(created), "name": signed["name"], "skipped": len(checked) - len(created)},
    )
    return redirect("wagtailsnippets_references_reference:list")
