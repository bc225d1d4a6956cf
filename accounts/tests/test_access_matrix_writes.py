"""The access matrix for requests that change something: POST × every kind of reader.

The GET matrix (``test_access_matrix.py``) shows who may *read* what. This one shows
who may *change* what. It has three parts:

1. The specification below names every route of ours and every API operation that
   is not a GET, either as an action (with who may take it and how to see whether it
   happened) or as read-only. Routes come from the URL resolver and the OpenAPI
   document; a new one that is in neither list fails
   ``test_every_route_of_ours_and_every_api_write_is_in_the_specification``.
2. Every action is taken with valid data by every kind of reader: those who may get
   the expected answer and the change; everyone else gets a refusal and nothing
   changes.
3. Every route (ours and the libraries') is sent an empty POST by every kind of
   reader: no server error, no gated marker for non-professionals, the admin stays
   closed to readers, and the database is exactly as before.
"""

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import translation
from wagtail.models import Locale

from accounts import services
from accounts.models import AuditEvent, VerificationRequest
from accounts.states import in_verified_group
from accounts.tests.conftest import ALL_KINDS, MATRIX_KINDS, kept_for_the_module
from accounts.tests.second_factor import log_in_with_second_factor
from accounts.tests.test_access_matrix import (
    ADMIN_KINDS,
    ADMIN_PUBLIC,
    MARKER,
    PROFESSIONAL_KINDS,
    WAGTAIL_OWN_ERRORS,
    inject_marker,
    sample_path,
)
from articles.models import ArticlePage
from bookmarks.models import Bookmark, Collection
from following import services as following
from following.models import Follow, FollowSettings, Frequency
from functions.tests.helpers import COMPLETE_INPUTS, kostik_api_body
from notes.models import Note, ReadingEntry
from notes.reading import is_recording, record
from references.models import Reference
from references.tests.conftest import FILES
from references.views import SIGNING_SALT
from tokens import services as tokens
from tokens.models import ApiToken, Scope
from translation.models import SectionTranslation, TranslationJob
from translation.services import _sections_by_id, record_translation

pytestmark = pytest.mark.django_db

# The packages whose views are ours (everything else is Wagtail's, allauth's, Django's or Ninja's).
OUR_APPS = (
    "access",
    "accounts",
    "api",
    "articles",
    "citing",
    "bookmarks",
    "core",
    "delivery",
    "editorial",
    "following",
    "functions",
    "home",
    "icd10",
    "medlex",
    "notes",
    "people",
    "pointofcare",
    "references",
    "review",
    "search",
    "tokens",
    "translation",
)
FUNCTION = "kostik-nbo-score"
API_BODY = kostik_api_body()
LOGGED_IN = set(ALL_KINDS) - {"anonymous"}
# May submit proof: the states whose next step is to send a document (accounts.states.may_submit_proof).
MAY_SUBMIT_PROOF = {"proof_missing", "more_info", "rejected", "expired"}


# ---------------------------------------------------------------------------
# Part 1: the specification
# ---------------------------------------------------------------------------

# Routes of ours where a POST changes nothing for anybody (it is answered like a GET, refused, or 405).
READ_ONLY = {
    "healthz",
    ".well-known/security.txt",
    "robots.txt",
    "favicon.ico",
    "media/<path:path>",
    "api/v1/",
    "^api/",  # any other path under the API: a JSON 404, for POST too
    "api/v1/openapi.json",
    "api/v1/docs",
    "admin/login/",  # only leads to allauth's login, for POST too
    "admin/professionals/",
    "admin/references/import/",  # the upload only shows a preview; the confirmation writes
    "admin/translation/jobs/",
    "admin/translation/<int:page_id>/",
    "admin/editorial/",  # the dashboard lists; a POST is answered like a GET
    "de/suche/treffer/",  # a result's link: GET only (405 for POST); counts the click, changes nothing else
    "de/accounts/professional/",
    "de/accounts/professional/export/",
    "de/funktionen/",
    # Cite this article, its files and its PDF: GET only (405 for POST).
    r"de/^(?P<path>(?:[\w\-]+/)+)(?P<segment>cite|zitieren)/$",
    r"de/^(?P<path>(?:[\w\-]+/)+)(?P<segment>cite|zitieren)/(?P<name>bibtex|csl-json|ris)/$",
    r"de/^(?P<path>(?:[\w\-]+/)+)pdf/$",
    "de/icd10/",
    "de/icd10/<str:code>/",
    "de/personen/<slug:slug>/",  # a public profile
    "infobutton",  # GET only (405 for POST)
    "cds-services",  # discovery: GET only
    # an EHR's signed call: answers cards, changes nothing but remembering the token's id
    # in the cache until it expires (pointofcare.auth); readers' sessions do not sign in
    "cds-services/medlex-patient-view",
    "de/suche/",
    "de/opensearch.xml",  # GET only (405 for POST)
    "de/opensearch/suggestions/",  # GET only (405 for POST)
    "de/notizen/",  # the reader's notes: a list, answered like a GET
    r"de/^(?!_util/)((?:[\w\-]+/)*)$",
    "sw.js",  # the service worker's script
    "de/merkliste/",  # the bookmark list: GET only (405 for POST)
    "de/merkliste/offline/",
    "de/merkliste/manifest.webmanifest",
}


@dataclass
class Action:
    """A change one POST can make, who may make it, and how to see whether it was made."""

    title: str
    may: set
    refused_status: dict  # kind -> status code for those who may not ("*" for the rest)
    take: Callable  # (client, user, reader) -> (response, happened: bool)
    allowed_status: int = 200

    def expected_refusal(self, kind):
        return self.refused_status.get(kind, self.refused_status["*"])


def evaluate_through_the_api(client, user, reader):
    response = client.post(
        f"/api/v1/functions/{FUNCTION}?lang=en", json.dumps(API_BODY), content_type="application/json"
    )
    return response, response.status_code == 200 and "total" in response.json()


def evaluate_through_the_page(client, user, reader):
    response = client.post(f"/en/functions/{FUNCTION}/", COMPLETE_INPUTS[FUNCTION])
    return response, "Total: <strong>" in response.content.decode()


def submit_proof(client, user, reader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.tests.test_proof import plain_pdf

    before = VerificationRequest.objects.count()
    response = client.post(
        "/en/accounts/professional/proof/",
        {"documents": SimpleUploadedFile("licence.pdf", plain_pdf()), "note": "Licence"},
    )
    return response, VerificationRequest.objects.count() > before


def delete_own_account(client, user, reader):
    users = get_user_model().objects.count()
    response = client.post("/en/accounts/professional/delete/", {"confirm": "on"})
    return response, get_user_model().objects.count() < users


def approve_someone_else(client, user, reader):
    applicant = reader("under_review", "applicant-to-approve@example.org")
    pending = applicant.verification_requests.get()
    response = client.post(f"/admin/professionals/{pending.pk}/", {"decision": "approve"})
    pending.refresh_from_db()
    return response, pending.status != VerificationRequest.Status.PENDING or in_verified_group(applicant)


def revoke_someone_else(client, user, reader):
    professional = reader("verified", "professional-to-revoke@example.org")
    response = client.post(f"/admin/professionals/revoke/{professional.pk}/", {"reason": "Licence withdrawn."})
    return response, not in_verified_group(professional)


def open_someone_elses_document(client, user, reader):
    applicant = reader("proof_missing", "applicant-with-document@example.org")
    request = services.submit_proof(applicant, [("licence.pdf", "application/pdf", b"%PDF-1.4 test")])
    views = AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_VIEWED).count()
    response = client.post(f"/admin/professionals/document/{request.documents.get().pk}/")
    if response.streaming:
        b"".join(response.streaming_content)
    return response, AuditEvent.objects.filter(action=AuditEvent.Action.DOCUMENT_VIEWED).count() > views


def start_a_translation(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="de").first()
    jobs = TranslationJob.objects.count()
    response = client.post(
        f"/admin/translation/{page.pk}/translate/",
        {"locale": Locale.objects.get(language_code="en").pk, "engine": "libretranslate"},
    )
    return response, TranslationJob.objects.count() > jobs


def mark_a_machine_translation_reviewed(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    block_id, value = next(iter(_sections_by_id(page).items()))
    record_translation(page, block_id, page, value, SectionTranslation.Method.MACHINE, engine="libretranslate")
    response = client.post(f"/admin/translation/{page.pk}/review/{block_id}/")
    return response, SectionTranslation.objects.get(page=page, block_id=block_id).reviewed_by_id is not None


def create_an_english_version_by_hand(client, user, reader):
    from translation.tests.test_untranslated import english_version, german_only

    source = german_only(slug="handarbeit")
    response = client.post(
        f"/admin/translation/{source.pk}/manual/", {"locale": Locale.objects.get(language_code="en").pk}
    )
    return response, english_version(source) is not None


def import_references(client, user, reader):
    """Confirm the import of a file whose preview the server signed (as it does for editors)."""
    text = (FILES / "cno-pubmed.nbib").read_text()
    payload = signing.dumps({"name": "cno-pubmed.nbib", "text": text}, salt=SIGNING_SALT, compress=True)
    records = Reference.objects.count()
    response = client.post("/admin/references/import/confirm/", {"payload": payload})
    return response, Reference.objects.count() > records


def add_a_search_query_as_a_synonym(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    response = client.post("/admin/editorial/synonym/", {"q": "matrix synonym query", "page": page.pk})
    page.refresh_from_db()
    return response, "matrix synonym query" in page.synonyms


def a_note(reader):
    """A note of another reader, who may write one, on the English CNO article."""
    email = "note-owner@example.org"
    owner = get_user_model().objects.filter(email=email).first() or reader("verified", email)
    return Note.objects.create(user=owner, page=ArticlePage.objects.get(pk=cno_id()), section="", text="Theirs.")


def cno_id():
    return ArticlePage.objects.get(locale__language_code="en", icd10_codes__code="M86.9-").pk


def notes_count(user):
    return Note.objects.filter(user=user).count() if user else 0


def write_a_note_on_the_page(client, user, reader):
    before = notes_count(user)
    response = client.post("/en/notes/new/", {"article": cno_id(), "section": "definition", "text": "Mine."})
    return response, notes_count(user) > before


def write_a_note_through_the_api(client, user, reader):
    before = notes_count(user)
    response = client.post(
        "/api/v1/me/notes", json.dumps({"article": cno_id(), "text": "Mine."}), content_type="application/json"
    )
    return response, notes_count(user) > before


def edit_own_note(path, method):
    """Take the action on a note of the reader's own (writing one first where the reader may), or on nobody's."""

    def take(client, user, reader):
        own = Note.objects.create(user=user, page_id=cno_id(), text="Before.") if user else a_note(reader)
        url = path.format(id=own.pk)
        if method == "post-delete":
            response = client.post(url)
        elif method == "post":
            response = client.post(url, {"text": "After."})
        elif method == "put":
            response = client.put(url, json.dumps({"text": "After."}), content_type="application/json")
        else:
            response = client.delete(url)
        note = Note.objects.filter(pk=own.pk).first()
        return response, note is None or note.text == "After."

    return take


def someone_elses_note_stays(client, user, reader):
    """Nobody changes or deletes another reader's note, whatever they may do with their own."""
    note = a_note(reader)
    answers = [
        client.post(f"/en/notes/{note.pk}/", {"text": "After."}),
        client.post(f"/en/notes/{note.pk}/delete/"),
        client.put(f"/api/v1/me/notes/{note.pk}", json.dumps({"text": "After."}), content_type="application/json"),
        client.delete(f"/api/v1/me/notes/{note.pk}"),
    ]
    note.refresh_from_db()
    return answers[0], note.text != "Theirs." or any(answer.status_code < 300 for answer in answers)


def reading_setting(user):
    return is_recording(user) if user else True


def switch_recording_off_on_the_page(client, user, reader):
    response = client.post("/en/recently-read/recording/", {"recording": "off"})
    return response, not reading_setting(user)


def switch_recording_off_through_the_api(client, user, reader):
    response = client.put(
        "/api/v1/me/recent/settings", json.dumps({"recording": False}), content_type="application/json"
    )
    return response, not reading_setting(user)


def clear_recently_read(path, method):
    def take(client, user, reader):
        if user:
            record(user, cno_id())
        response = client.post(path) if method == "post" else client.delete(path)
        return response, user is not None and not ReadingEntry.objects.filter(user=user).exists()

    return take


def request_a_machine_translation_of_gated_text(client, user, reader):
    from translation.tests.test_untranslated import german_only, request_url

    source = german_only(slug="nur-fachkreise", access="professional")
    jobs = TranslationJob.objects.count()
    response = client.post(request_url(source))
    return response, TranslationJob.objects.count() > jobs


def create_an_api_token(client, user, reader):
    before = ApiToken.objects.count()
    response = client.post("/de/accounts/tokens/", {"name": "Matrix", "scope": "read+run", "days": "30"})
    return response, ApiToken.objects.count() > before


def revoke_someone_elses_api_token(client, user, reader):
    row, _ = tokens.create(reader("verified", "token-owner@example.org"), "theirs", Scope.READ, 30)
    response = client.post(f"/de/accounts/tokens/{row.public_id}/revoke/")
    row.refresh_from_db()
    return response, row.revoked_at is not None


def follow_an_article(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="en").first()
    response = client.post(f"/en/following/{page.pk}/", {"action": "follow"})
    return response, Follow.objects.filter(user_id=getattr(user, "pk", None), page=page).exists()


def choose_weekly_digests(client, user, reader):
    response = client.post("/en/following/", {"frequency": "weekly"})
    return response, FollowSettings.objects.filter(user_id=getattr(user, "pk", None), frequency="weekly").exists()


def unsubscribe_with_a_readers_link(client, user, reader):
    """The link of a mail to some reader: whoever holds it unsubscribes that reader, without login (RFC 8058)."""
    recipient = reader("verified", f"recipient-{uuid.uuid4().hex[:8]}@example.org")
    following.set_frequency(recipient, Frequency.IMMEDIATE)
    response = client.post(following.unsubscribe_url(recipient, "en").removeprefix(following.base_url()))
    return response, FollowSettings.objects.get(user=recipient).frequency == Frequency.OFF


def follow_through_the_api(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="de").first()
    response = client.post("/api/v1/me/following", json.dumps({"article": page.pk}), content_type="application/json")
    return response, Follow.objects.filter(user_id=getattr(user, "pk", None), page=page).exists()


def unfollow_through_the_api(client, user, reader):
    page = ArticlePage.objects.live().filter(locale__language_code="de").last()
    if user is not None:
        Follow.objects.get_or_create(user=user, page=page)
    response = client.delete(f"/api/v1/me/following/{page.pk}")
    return response, user is not None and not Follow.objects.filter(user=user, page=page).exists()


def choose_the_delivery_through_the_api(client, user, reader):
    response = client.put(
        "/api/v1/me/following/frequency", json.dumps({"frequency": "off"}), content_type="application/json"
    )
    return response, FollowSettings.objects.filter(user_id=getattr(user, "pk", None), frequency="off").exists()


# Actions that are a rule across routes rather than one route of their own.
NOT_A_ROUTE = {"another reader's note"}


def owner_of_bookmarks(user, reader):
    """``user``, or for anonymous another reader (a reader verified before may still hold bookmarks)."""
    if user is not None:
        return user
    return get_user_model().objects.filter(email="bookmark-owner@example.org").first() or reader(
        "verified", "bookmark-owner@example.org"
    )


def someones_collection(user, reader):
    return Collection.objects.create(reader=owner_of_bookmarks(user, reader), name=f"Own {Collection.objects.count()}")


def someones_bookmark(user, reader):
    owner = owner_of_bookmarks(user, reader)
    Bookmark.objects.filter(reader=owner).delete()
    page = ArticlePage.objects.live().first()
    return Bookmark.objects.create(reader=owner, translation_key=page.translation_key, title=page.title)


def unbookmarked_article():
    page = ArticlePage.objects.live().first()
    Bookmark.objects.filter(translation_key=page.translation_key).delete()
    return page


def bookmark_an_article(client, user, reader):
    page = unbookmarked_article()
    response = client.post("/en/bookmarks/article/", {"article": page.pk, "action": "add"})
    return response, Bookmark.objects.filter(translation_key=page.translation_key).exists()


def bookmark_an_article_through_the_api(client, user, reader):
    page = unbookmarked_article()
    response = client.post("/api/v1/me/bookmarks", json.dumps({"article": page.pk}), content_type="application/json")
    return response, Bookmark.objects.filter(translation_key=page.translation_key).exists()


def remove_a_bookmark(client, user, reader):
    bookmark = someones_bookmark(user, reader)
    response = client.post(f"/en/bookmarks/{bookmark.pk}/", {"action": "remove"})
    return response, not Bookmark.objects.filter(pk=bookmark.pk).exists()


def move_a_bookmark_through_the_api(client, user, reader):
    bookmark = someones_bookmark(user, reader)
    collection = someones_collection(bookmark.reader, reader)
    response = client.patch(
        f"/api/v1/me/bookmarks/{bookmark.pk}",
        json.dumps({"collection": collection.pk}),
        content_type="application/json",
    )
    return response, Bookmark.objects.get(pk=bookmark.pk).collection_id == collection.pk


def remove_a_bookmark_through_the_api(client, user, reader):
    bookmark = someones_bookmark(user, reader)
    response = client.delete(f"/api/v1/me/bookmarks/{bookmark.pk}")
    return response, not Bookmark.objects.filter(pk=bookmark.pk).exists()


def create_a_collection(client, user, reader):
    response = client.post("/en/bookmarks/collections/", {"name": "Made on the page"})
    return response, Collection.objects.filter(name="Made on the page").exists()


def create_a_collection_through_the_api(client, user, reader):
    body = json.dumps({"name": "Made through the API"})
    response = client.post("/api/v1/me/collections", body, content_type="application/json")
    return response, Collection.objects.filter(name="Made through the API").exists()


def rename_a_collection(client, user, reader):
    collection = someones_collection(user, reader)
    response = client.post(f"/en/bookmarks/collections/{collection.pk}/rename/", {"name": "Renamed on the page"})
    return response, Collection.objects.get(pk=collection.pk).name == "Renamed on the page"


def rename_a_collection_through_the_api(client, user, reader):
    collection = someones_collection(user, reader)
    response = client.patch(
        f"/api/v1/me/collections/{collection.pk}",
        json.dumps({"name": "Renamed through the API"}),
        content_type="application/json",
    )
    return response, Collection.objects.get(pk=collection.pk).name == "Renamed through the API"


def delete_a_collection(client, user, reader):
    collection = someones_collection(user, reader)
    response = client.post(f"/en/bookmarks/collections/{collection.pk}/delete/")
    return response, not Collection.objects.filter(pk=collection.pk).exists()


def delete_a_collection_through_the_api(client, user, reader):
    collection = someones_collection(user, reader)
    response = client.delete(f"/api/v1/me/collections/{collection.pk}")
    return response, not Collection.objects.filter(pk=collection.pk).exists()


BOOKMARK_API_REFUSAL = {"anonymous": 401, "*": 403}

# Route (as the resolver names it, or "<METHOD> <OpenAPI path>") -> the action it takes.
# Wagtail's admin answers a refusal with a redirect: to its login for readers without
# admin access, to the dashboard (with a message) for editors without the permission.
ACTIONS = {
    "POST /api/v1/functions/{slug}": Action(
        "evaluate a clinical function through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=evaluate_through_the_api,
    ),
    "de/funktionen/<slug:slug>/": Action(
        "evaluate a clinical function on its page",
        may=PROFESSIONAL_KINDS,
        refused_status={"*": 403},
        take=evaluate_through_the_page,
    ),
    "de/accounts/professional/proof/": Action(
        "submit proof of profession",
        may=MAY_SUBMIT_PROOF,
        allowed_status=302,
        refused_status={"*": 302},  # to the login, or to the account page that says why
        take=submit_proof,
    ),
    "admin/professionals/<int:pk>/": Action(
        "decide someone else's verification request",
        may={"staff"},
        refused_status={"*": 302},
        allowed_status=302,
        take=approve_someone_else,
    ),
    "admin/professionals/revoke/<int:user_id>/": Action(
        "revoke someone else's access",
        may={"staff"},
        refused_status={"*": 302},
        allowed_status=302,
        take=revoke_someone_else,
    ),
    "admin/professionals/document/<int:pk>/": Action(
        "open someone else's proof document (an audited view)",
        may={"staff"},
        refused_status={"*": 302},
        take=open_someone_elses_document,
    ),
    "admin/translation/<int:page_id>/translate/": Action(
        "start a machine translation of an article",
        may={"editor", "staff"},
        refused_status={"*": 302},
        allowed_status=302,
        take=start_a_translation,
    ),
    "admin/translation/<int:page_id>/review/<str:block_id>/": Action(
        "mark a machine-translated section as reviewed",
        may={"staff"},  # needs "Can mark machine-translated sections as reviewed"
        refused_status={"*": 302},
        allowed_status=302,
        take=mark_a_machine_translation_reviewed,
    ),
    "admin/translation/<int:page_id>/manual/": Action(
        "create the English version of an article for manual translation",
        may={"editor", "staff"},
        refused_status={"*": 302},
        allowed_status=302,
        take=create_an_english_version_by_hand,
    ),
    "admin/references/import/confirm/": Action(
        "import references from a file",
        may={"editor", "staff"},
        refused_status={"*": 302},
        allowed_status=302,
        take=import_references,
    ),
    "admin/editorial/synonym/": Action(
        "publish a search query as a synonym of an article",
        may={"staff"},  # needs permission to publish the article; Wagtail's Editors group has none
        refused_status={"*": 302},
        allowed_status=302,
        take=add_a_search_query_as_a_synonym,
    ),
    "de/translation/request/<int:page_id>/": Action(
        "have an article with professional sections machine-translated, as a reader",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},  # anonymous: to the login
        take=request_a_machine_translation_of_gated_text,
    ),
    "de/accounts/tokens/": Action(
        "create a personal API token",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 302, "*": 200},  # anonymous: to the login; others: the page says why
        take=create_an_api_token,
    ),
    "de/accounts/tokens/<str:public_id>/revoke/": Action(
        "revoke someone else's API token",
        may=set(),
        refused_status={"anonymous": 302, "*": 404},
        take=revoke_someone_elses_api_token,
    ),
    "de/folgen/<int:page_id>/": Action(
        "follow an article",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},  # anonymous: to the login
        take=follow_an_article,
    ),
    "de/folgen/": Action(
        "choose how often changes to followed articles are e-mailed",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},
        take=choose_weekly_digests,
    ),
    "de/folgen/abmelden/<str:token>/": Action(
        "unsubscribe a reader with the signed link of their mail",
        may=set(ALL_KINDS),  # the signed link is the authority, whoever follows it
        refused_status={"*": 400},
        take=unsubscribe_with_a_readers_link,
    ),
    "POST /api/v1/me/following": Action(
        "follow an article through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=follow_through_the_api,
    ),
    "DELETE /api/v1/me/following/{article_id}": Action(
        "unfollow an article through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=unfollow_through_the_api,
    ),
    "PUT /api/v1/me/following/frequency": Action(
        "choose the delivery through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=choose_the_delivery_through_the_api,
    ),
    "de/notizen/neu/": Action(
        "write a private note on an article",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},  # anonymous: to the login
        take=write_a_note_on_the_page,
    ),
    "POST /api/v1/me/notes": Action(
        "write a private note through the API",
        may=PROFESSIONAL_KINDS,
        allowed_status=201,
        refused_status={"anonymous": 401, "*": 403},
        take=write_a_note_through_the_api,
    ),
    "de/notizen/<int:note_id>/": Action(
        "edit one's own note",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},
        take=edit_own_note("/en/notes/{id}/", "post"),
    ),
    "de/notizen/<int:note_id>/loeschen/": Action(
        "delete one's own note",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},
        take=edit_own_note("/en/notes/{id}/delete/", "post-delete"),
    ),
    "PUT /api/v1/me/notes/{note_id}": Action(
        "edit one's own note through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=edit_own_note("/api/v1/me/notes/{id}", "put"),
    ),
    "DELETE /api/v1/me/notes/{note_id}": Action(
        "delete one's own note through the API",
        may=PROFESSIONAL_KINDS,
        allowed_status=204,
        refused_status={"anonymous": 401, "*": 403},
        take=edit_own_note("/api/v1/me/notes/{id}", "delete"),
    ),
    "another reader's note": Action(
        "change or delete another reader's note, on the page or through the API",
        may=set(),
        refused_status={"anonymous": 302, "*": 403, **dict.fromkeys(PROFESSIONAL_KINDS, 404)},
        take=someone_elses_note_stays,
    ),
    "de/zuletzt-gelesen/aufzeichnung/": Action(
        "switch off recording the articles one opens",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},
        take=switch_recording_off_on_the_page,
    ),
    "PUT /api/v1/me/recent/settings": Action(
        "switch off recording the articles one opens through the API",
        may=PROFESSIONAL_KINDS,
        refused_status={"anonymous": 401, "*": 403},
        take=switch_recording_off_through_the_api,
    ),
    "de/zuletzt-gelesen/leeren/": Action(
        "clear one's recently read articles",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"anonymous": 302, "*": 403},
        take=clear_recently_read("/en/recently-read/clear/", "post"),
    ),
    "DELETE /api/v1/me/recent": Action(
        "clear one's recently read articles through the API",
        may=PROFESSIONAL_KINDS,
        allowed_status=204,
        refused_status={"anonymous": 401, "*": 403},
        take=clear_recently_read("/api/v1/me/recent", "delete"),
    ),
    "de/merkliste/article/": Action(
        "bookmark an article from its page or a search result",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"*": 403},
        take=bookmark_an_article,
    ),
    "de/merkliste/<int:pk>/": Action(
        "remove one's bookmark from the list",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"*": 403},
        take=remove_a_bookmark,
    ),
    "de/merkliste/collections/": Action(
        "create a bookmark collection",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"*": 403},
        take=create_a_collection,
    ),
    "de/merkliste/collections/<int:pk>/rename/": Action(
        "rename one's bookmark collection",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"*": 403},
        take=rename_a_collection,
    ),
    "de/merkliste/collections/<int:pk>/delete/": Action(
        "delete one's bookmark collection",
        may=PROFESSIONAL_KINDS,
        allowed_status=302,
        refused_status={"*": 403},
        take=delete_a_collection,
    ),
    "POST /api/v1/me/bookmarks": Action(
        "bookmark an article through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=bookmark_an_article_through_the_api,
    ),
    "PATCH /api/v1/me/bookmarks/{bookmark_id}": Action(
        "move one's bookmark to a collection through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=move_a_bookmark_through_the_api,
    ),
    "DELETE /api/v1/me/bookmarks/{bookmark_id}": Action(
        "remove one's bookmark through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=remove_a_bookmark_through_the_api,
    ),
    "POST /api/v1/me/collections": Action(
        "create a bookmark collection through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=create_a_collection_through_the_api,
    ),
    "PATCH /api/v1/me/collections/{collection_id}": Action(
        "rename one's bookmark collection through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=rename_a_collection_through_the_api,
    ),
    "DELETE /api/v1/me/collections/{collection_id}": Action(
        "delete one's bookmark collection through the API",
        may=PROFESSIONAL_KINDS,
        refused_status=BOOKMARK_API_REFUSAL,
        take=delete_a_collection_through_the_api,
    ),
    # Last: it ends the session.
    "de/accounts/professional/delete/": Action(
        "delete one's own account",
        may=LOGGED_IN,
        allowed_status=302,
        refused_status={"*": 302},  # to the login
        take=delete_own_account,
    ),
}


def routes_with_views(language="de"):
    """(route, view) for every URL pattern, as the GET matrix walks them, named as in ``language``.

    The language prefix and translated prefixes ("funktionen/") follow the active language.
    """

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    with translation.override(language):
        return list(walk(get_resolver().url_patterns, ""))


def is_ours(route, view):
    if route.startswith("api/v1/") and route.rstrip("/") not in ("api/v1", "api/v1/openapi.json", "api/v1/docs"):
        return False  # API operations are listed from the OpenAPI document
    module = getattr(view, "__module__", "") or ""
    return module.split(".")[0] in OUR_APPS or route.startswith("api/v1/")  # the API's own pages


def api_writes(client):
    spec = client.get("/api/v1/openapi.json").json()
    return {
        f"{method.upper()} {template}"
        for template, operations in spec["paths"].items()
        for method in operations
        if method != "get"
    }


def test_every_route_of_ours_and_every_api_write_is_in_the_specification(client):
    ours = {route for route, view in routes_with_views() if is_ours(route, view)}
    listed = READ_ONLY | set(ACTIONS) - NOT_A_ROUTE
    writes = api_writes(client)
    unlisted = (ours | writes) - listed
    assert not unlisted, f"say in the specification who may POST to: {sorted(unlisted)}"
    stale = listed - ours - writes
    assert not stale, f"no longer routes: {sorted(stale)}"
    # Every write the API offers is an action above, tried by every kind of reader.
    assert writes <= set(ACTIONS), f"not tried as actions: {sorted(writes - set(ACTIONS))}"
    assert writes == {write for write in ACTIONS if write.split(" ")[0] in ("POST", "PATCH", "PUT", "DELETE")}, (
        "every write operation of the API is an action above"
    )


# ---------------------------------------------------------------------------
# Part 2: every action × every kind of reader
# ---------------------------------------------------------------------------


@pytest.fixture
def translation_engine(monkeypatch):
    """An engine is configured (the job is queued, never run: nothing commits in a test)."""
    monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_URL", "http://127.0.0.1:9")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDLEX_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(scope="module")
def marked_articles(django_db_setup, django_db_blocker):
    """The marker in every gated field of the demo articles, once for this module (test_access_matrix.py)."""
    with kept_for_the_module(django_db_blocker):
        yield inject_marker()


def log_in(client, kind, user):
    """Log ``client`` in as ``user``: editors and staff with the second factor the admin asks of them."""
    if kind in ADMIN_KINDS:
        return log_in_with_second_factor(client, user)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("kind", MATRIX_KINDS)
def test_each_action_is_taken_only_by_those_who_may(reader, kind, translation_engine, marked_articles):
    user = reader(kind)
    problems = []
    for action in ACTIONS.values():
        client = log_in(Client(raise_request_exception=False), kind, user)
        response, happened = action.take(client, user, reader)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        allowed = kind in action.may
        expected = action.allowed_status if allowed else action.expected_refusal(kind)
        if response.status_code != expected:
            problems.append(f"{action.title}: answered {response.status_code}, expected {expected}")
        if happened != allowed:
            problems.append(f"{action.title}: {'did not happen' if allowed else 'happened although refused'}")
        if kind not in PROFESSIONAL_KINDS and MARKER.encode() in body:
            problems.append(f"{action.title}: gated content in the answer")
    assert not problems, f"{kind}: " + "; ".join(problems)


def test_a_refused_function_evaluation_carries_no_result_only_the_reason(reader):
    client = Client()
    client.force_login(reader("under_review"))
    response, happened = evaluate_through_the_api(client, None, reader)
    assert not happened and response.json() == {
        "error": "Clinical functions are for verified health professionals.",
        "details": [],
    }


# ---------------------------------------------------------------------------
# Part 3: an empty POST to every route, by every kind of reader
# ---------------------------------------------------------------------------

# Rows that a request may touch without changing anything a reader or editor owns.
BOOKKEEPING = {"sessions.session", "wagtailusers.userprofile"}


def database_state():
    """A fingerprint of every table: all rows, all columns, as the database holds them."""
    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            label = model._meta.label_lower
            if label in BOOKKEEPING or model._meta.proxy or not model._meta.managed:
                continue
            table, pk = (connection.ops.quote_name(name) for name in (model._meta.db_table, model._meta.pk.column))
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            state[label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return state


def every_post_target(kind, client):
    """Sample paths of all routes plus the API writes; Wagtail's own admin only for readers.

    Editors and staff may do in Wagtail's admin what Wagtail lets them (delete a page, ...);
    that is Wagtail's to specify, so for them only our own admin views are posted to.
    """
    targets = set()
    for route, view in routes_with_views("de") + routes_with_views("en"):
        if route.startswith("admin/") and not is_ours(route, view) and kind in ("editor", "staff"):
            continue
        targets.add(sample_path(route))
    targets |= {
        re.sub(r"\{\w+\}", "1", write.split(" ", 1)[1].replace("{slug}", FUNCTION)) for write in api_writes(client)
    }
    return targets


@pytest.mark.parametrize("kind", MATRIX_KINDS)
def test_an_empty_post_anywhere_changes_nothing_and_leaks_nothing(reader, kind, settings, marked_articles):
    # allauth's security pages (new recovery codes, turning off the authenticator app)
    # take a one-click POST within five minutes of a password or code; these sessions
    # are older than that, as most are, so those pages ask for the password first.
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    user = reader(kind)
    client = log_in(Client(raise_request_exception=False), kind, user)
    urls = every_post_target(kind, client)
    assert len(urls) > (20 if kind in ("editor", "staff") else 200)
    # allauth's e-mail page records the account's own address the first time it is shown,
    # GET or POST; let that happen before taking the fingerprint.
    client.get("/en/accounts/email/")
    before = database_state()
    problems = []
    # Logout routes end the session, so they come last.
    for url in sorted(urls, key=lambda u: ("logout" in u, u)):
        response = client.post(url, {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code >= 500 and not url.startswith(WAGTAIL_OWN_ERRORS):
            problems.append(f"{url} answered {response.status_code}")
        if kind not in PROFESSIONAL_KINDS and MARKER.encode() in body:
            problems.append(f"{url} showed gated content")
        if (
            url.startswith("/admin/")
            and not url.startswith(ADMIN_PUBLIC)
            and kind not in ("editor", "staff")
            and response.status_code not in (302, 403, 404, 405)
        ):
            problems.append(f"admin {url} answered {response.status_code}")
        if (
            url.startswith("/admin/professionals/")
            and kind != "staff"
            and response.status_code not in (302, 403, 404, 405)
        ):
            problems.append(f"review queue {url} answered {response.status_code}")
    after = database_state()
    changed = sorted(label for label in before if before[label] != after[label])
    assert not problems, f"{kind}: " + "; ".join(problems)
    assert not changed, f"{kind}: an empty POST changed {changed}"


def test_the_fingerprint_notices_a_changed_field(reader):
    user = reader("proof_missing")
    before = database_state()
    user.profile.specialty = "Paediatrics"
    user.profile.save()
    assert [label for label in before if before[label] != database_state()[label]] == ["accounts.profile"]
