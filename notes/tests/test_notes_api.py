"""Notes in the API under /api/v1/me/notes: the caller's own notes only; writes need the CSRF token of the session;
bad input answers 400 with a message and changes nothing; every status is declared in the OpenAPI document."""

import pytest
from django.test import Client

from articles.tests.helpers import cno
from notes.models import Note

pytestmark = pytest.mark.django_db


def csrf_client(user):
    """A browser-like session that must send the CSRF token, as the site's own pages do."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/en/notes/")  # sets the CSRF cookie
    return client, {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def create(client, headers, **body):
    return client.post("/api/v1/me/notes", body, content_type="application/json", **headers)


def test_a_reader_creates_lists_edits_and_deletes_notes(verified, article):
    _client, user = verified()
    client, token = csrf_client(user)
    made = create(client, token, article=article.pk, section="therapy", text="Check the dose.")
    assert made.status_code == 201
    note = made.json()
    assert (note["article"], note["section"], note["text"], note["section_changed"]) == (
        article.pk,
        "therapy",
        "Check the dose.",
        False,
    )
    create(client, token, article=cno("de").pk, text="Auf Deutsch.")
    assert client.get("/api/v1/me/notes").json()["count"] == 2
    on_article = client.get(f"/api/v1/me/notes?article={article.pk}").json()
    assert [n["text"] for n in on_article["results"]] == ["Check the dose."]
    edited = client.put(
        f"/api/v1/me/notes/{note['id']}", {"text": "Check the dose twice."}, "application/json", **token
    )
    assert edited.status_code == 200 and edited.json()["text"] == "Check the dose twice."
    assert client.delete(f"/api/v1/me/notes/{note['id']}", **token).status_code == 204
    assert list(Note.objects.values_list("text", flat=True)) == ["Auf Deutsch."]


def test_a_write_without_the_csrf_token_is_refused(verified, article):
    _client, user = verified()
    client, token = csrf_client(user)
    refused = create(client, {}, article=article.pk, text="No token.")
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    forged = create(client, {"HTTP_X_CSRFTOKEN": "x" * 64}, article=article.pk, text="Forged token.")
    assert forged.status_code == 403
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": "x" * 1_000_000}, "text", "String should have at most 10000 characters"),
        ({"text": "Hello", "article": 999999}, "article", "Unknown article."),
        ({"text": "Hello", "section": "no-such-section"}, "section", "This article has no such section."),
        ({"text": "   "}, "text", "Write something in the note."),
        ({"text": "Hello", "article": "cno"}, "article", None),
    ],
)
def test_bad_input_answers_400_with_a_message_and_changes_nothing(verified, article, body, field, message):
    client, _user = verified()
    response = client.post("/api/v1/me/notes", {"article": article.pk, **body}, content_type="application/json")
    assert response.status_code == 400
    details = response.json()["details"]
    assert details[0]["field"] == field
    if message:
        assert details[0]["message"] == message
    assert not Note.objects.exists()


def test_another_readers_note_is_unknown_and_stays_unchanged(verified, article):
    dana, _dana = verified()
    create(dana, {}, article=article.pk, text="Dana only.")
    note = Note.objects.get()
    cem, _cem = verified("cem@example.org")
    assert cem.get("/api/v1/me/notes").json()["count"] == 0
    assert cem.get(f"/api/v1/me/notes?article={article.pk}").json()["results"] == []
    assert cem.put(f"/api/v1/me/notes/{note.pk}", {"text": "Cem."}, "application/json").status_code == 404
    assert cem.delete(f"/api/v1/me/notes/{note.pk}").status_code == 404
    note.refresh_from_db()
    assert note.text == "Dana only."


@pytest.mark.parametrize(("kind", "status"), [("anonymous", 401), ("under_review", 403), ("proof_missing", 403)])
def test_readers_who_are_not_verified_get_the_reason_not_data(reader, verified, article, kind, status):
    owner, _owner = verified()
    create(owner, {}, article=article.pk, text="Not for them.")
    user = reader(kind)
    client = Client()
    if user:
        client.force_login(user)
    for response in (
        client.get("/api/v1/me/notes"),
        create(client, {}, article=article.pk, text="Let me in."),
        client.get("/api/v1/me/recent"),
        client.delete("/api/v1/me/recent"),
        client.put("/api/v1/me/recent/settings", {"recording": False}, "application/json"),
    ):
        assert response.status_code == status
        assert "Not for them." not in response.content.decode() and "error" in response.json()
    assert Note.objects.count() == 1


def test_every_operation_and_status_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/me/notes"]) == {"get", "post"}
    assert set(paths["/api/v1/me/notes/{note_id}"]) == {"put", "delete"}
    assert set(paths["/api/v1/me/recent"]) == {"get", "delete"}
    assert set(paths["/api/v1/me/recent/settings"]) == {"get", "put"}
    assert {"201", "400", "401", "403"} <= set(paths["/api/v1/me/notes"]["post"]["responses"])
    assert "404" in paths["/api/v1/me/notes/{note_id}"]["delete"]["responses"]
