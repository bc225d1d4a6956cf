"""A change of content in a followed article reaches its followers by e-mail, through a real SMTP server.

Sent in the background: the publish leaves pending changes and (for "at once"
readers) queues a task after its commit; the database worker sends. Digest
readers hear nothing until ``send_digests`` runs, and then get ONE mail each.
"""

import re
from email.header import decode_header, make_header
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from articles.models import ArticlePage, ChangeKind
from articles.tests.helpers import cno
from following import services
from following.models import Frequency, PendingChange
from following.tests.conftest import content_change
from medlex.testing import free_port
from versions.addresses import history_url

pytestmark = pytest.mark.django_db


def mails_to(inbox, address):
    return [m for m in inbox.messages if address in m["To"]]


def body(message):
    return message.get_payload(decode=True).decode()


def header(message, name):
    """A header as the reader's mail program shows it: decoded, unfolded."""
    return str(make_header(decode_header(message[name]))).replace("\r\n", "").strip()


def subject(message):
    return header(message, "Subject")


def test_an_at_once_reader_gets_one_mail_with_the_summary_and_the_link_to_the_diff(
    inbox, run_mail_worker, follower, django_capture_on_commit_callbacks
):
    page = cno("en")
    ada = follower("ada@example.org", page, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        published = content_change(page, "Naproxen dose corrected to 10 mg/kg.")
    assert inbox.messages == []  # queued, not sent in the publish's request
    run_mail_worker()
    [mail] = mails_to(inbox, "ada@example.org")
    text = body(mail)
    assert subject(mail) == f"[medlex] Changes to “{published.title}”"
    assert "Naproxen dose corrected to 10 mg/kg." in text
    number = published.versions.order_by("-number").first().number
    diff = f"https://medlex.example{history_url(published)}#version-{number}"
    assert f"What changed: {diff}" in text and f"Version {number} (Correction," in text
    unsubscribe = re.search(r"Unsubscribe from these e-mails: (\S+)", text).group(1)
    assert unsubscribe.startswith("https://medlex.example/en/following/unsubscribe/")
    assert header(mail, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert PendingChange.objects.count() == 0
    # The link leads the reader to the words that changed.
    client = Client()
    client.force_login(ada)
    history = client.get(diff.removeprefix("https://medlex.example").split("#")[0]).content.decode()
    assert f'id="version-{number}"' in history
    assert re.search(r"<ins>.*Naproxen dose corrected to 10 mg/kg\..*</ins>", history)


def test_a_german_reader_gets_the_mail_in_german_with_german_links(
    inbox, run_mail_worker, follower, django_capture_on_commit_callbacks
):
    page = cno("de")
    follower("bert@example.org", page, frequency=Frequency.IMMEDIATE, language="de")
    with django_capture_on_commit_callbacks(execute=True):
        published = content_change(page, "Dosis von Naproxen korrigiert.", kind=ChangeKind.NEW_EVIDENCE)
    run_mail_worker()
    [mail] = mails_to(inbox, "bert@example.org")
    text = body(mail)
    assert subject(mail) == f"[medlex] Änderungen an „{published.title}“"
    assert mail["Content-Language"] == "de"
    assert "Dosis von Naproxen korrigiert." in text and "(Neue Evidenz," in text
    assert f"Was sich geändert hat: https://medlex.example{history_url(published)}#version-" in text
    assert "/versionen/#version-" in text
    assert "Von diesen E-Mails abmelden: https://medlex.example/de/folgen/abmelden/" in text
    assert header(mail, "List-Unsubscribe").startswith("<https://medlex.example/de/folgen/abmelden/")


def test_a_wording_change_sends_nothing(inbox, run_mail_worker, follower, django_capture_on_commit_callbacks):
    page = cno("en")
    follower("ada@example.org", page, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        content_change(page, "Typo fixed.", kind=ChangeKind.EDITORIAL)
    run_mail_worker()
    call_command("send_digests", "--daily", stdout=StringIO())
    run_mail_worker()
    assert inbox.messages == [] and PendingChange.objects.count() == 0


def test_a_daily_reader_gets_one_digest_for_several_changed_articles_when_the_digest_runs(
    inbox, run_mail_worker, follower, django_capture_on_commit_callbacks
):
    pages = list(ArticlePage.objects.live().filter(locale__language_code="en")[:3])
    assert len(pages) == 3
    follower("dora@example.org", *pages)  # daily, the default
    follower("wes@example.org", *pages, frequency=Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            content_change(page, f"Update of {page.title}.", kind=ChangeKind.CONTENT_UPDATE)
    run_mail_worker()
    assert inbox.messages == []  # nobody wants it at once
    call_command("send_digests", "--daily", stdout=StringIO())
    run_mail_worker()
    [digest] = mails_to(inbox, "dora@example.org")
    assert subject(digest) == "[medlex] Changes to 3 articles you follow"
    for page in pages:
        assert f"Update of {page.title}." in body(digest)
    assert mails_to(inbox, "wes@example.org") == []  # the weekly digest waits for its run
    call_command("send_digests", "--daily", stdout=StringIO())
    run_mail_worker()
    assert len(inbox.messages) == 1  # nothing is sent twice
    call_command("send_digests", "--weekly", stdout=StringIO())
    run_mail_worker()
    assert len(mails_to(inbox, "wes@example.org")) == 1


def test_a_batch_of_publishes_reaches_an_at_once_reader_as_one_mail(
    inbox, run_mail_worker, follower, django_capture_on_commit_callbacks
):
    pages = list(ArticlePage.objects.live().filter(locale__language_code="en")[:4])
    follower("ada@example.org", *pages, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for page in pages:
            content_change(page, f"Batch update of {page.title}.")
    run_mail_worker()
    [mail] = mails_to(inbox, "ada@example.org")
    assert all(f"Batch update of {page.title}." in body(mail) for page in pages)


def test_a_publish_that_rolls_back_sends_nothing(inbox, run_mail_worker, follower, django_capture_on_commit_callbacks):
    page = cno("en")
    follower("ada@example.org", page, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        content_change(page)
        raise RuntimeError("the publish fails after the version was recorded")
    run_mail_worker()
    assert inbox.messages == [] and PendingChange.objects.count() == 0


def test_readers_who_unfollowed_chose_no_mail_or_lost_their_verification_get_nothing(
    inbox, run_mail_worker, follower, django_capture_on_commit_callbacks
):
    page = cno("en")
    gone = follower("gone@example.org", page, frequency=Frequency.IMMEDIATE)
    services.unfollow(gone, page.pk)
    follower("quiet@example.org", page, frequency=Frequency.OFF)
    revoked = follower("revoked@example.org", page, frequency=Frequency.IMMEDIATE)
    revoked.groups.clear()
    follower("stays@example.org", page, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        content_change(page)
    run_mail_worker()
    assert [m["To"] for m in inbox.messages] == ["stays@example.org"]
    assert PendingChange.objects.count() == 0


def test_a_mail_the_server_refuses_stays_pending_and_goes_out_with_the_next_run(
    inbox, run_mail_worker, follower, settings
):
    page = cno("en")
    follower("dora@example.org", page)
    content_change(page)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nothing listens there: refused
    with pytest.raises(OSError):
        services.deliver(Frequency.DAILY)
    assert PendingChange.objects.filter(claim="").count() == 1
    settings.EMAIL_PORT = port
    assert services.deliver(Frequency.DAILY) == 1
    assert len(inbox.messages) == 1 and PendingChange.objects.count() == 0
