"""An article that exists only in German, as English readers meet it, and their request for a machine translation.

The engines are the real clients talking to the local LibreTranslate and DeepL
test servers; jobs run in the real database worker.
"""

import re
from html import unescape

import pytest
from django.test import TestCase
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.tests.helpers import make_article
from translation.models import TranslationJob
from translation.services import section_states
from translation.tests.test_workflow import GERMAN, german_article

pytestmark = pytest.mark.django_db

MACHINE_LABEL = "Machine translation – not yet checked by a physician."
OFFER_BUTTON = "Request a machine translation"
PENDING = "A machine translation has been requested and is in progress."


def german_only(title="Entzündung bei Kindern", slug="entzuendung", access="public", n=2):
    return german_article(title, n, slug=slug, access=access)


def english_version(source):
    return ArticlePage.objects.filter(translation_key=source.translation_key, locale__language_code="en").first()


def request_url(page):
    return f"/en/translation/request/{page.pk}/"


@pytest.fixture
def no_engine(monkeypatch):
    monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
    monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)


def test_the_english_site_opens_a_german_only_article_in_german_with_an_english_note(client, no_engine):
    page = german_only(access="public")
    home = client.get("/en/").content.decode()
    assert 'href="/en/entzuendung/" lang="de" hreflang="de">Entzündung bei Kindern</a>' in home
    response = client.get("/en/entzuendung/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "This article has not been translated into English yet." in html
    assert "Below you find the original German text, unchanged." in html
    assert '<article class="article" lang="de">' in html
    # One article, one address for search engines, at the host the reader asked.
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in html
    assert "Die Entzündung des Knochens" in html
    assert "Epidemiologie" in html and "Literatur" in html  # the article's own headings stay German
    assert "Zuletzt aktualisiert am" in html
    assert "Search" in html  # the site around it is English, and so are the clinical tools
    assert '<div lang="en"><aside class="article-tools"' in html and "Clinical tools" in html
    # Without an engine there is nothing to offer.
    assert OFFER_BUTTON not in html and "Log in</a> to request" not in html
    assert page.url == "/de/entzuendung/"
    assert client.get(page.url).status_code == 200  # the German site is unchanged
    assert "has not been translated" not in client.get(page.url).content.decode()


def test_english_search_links_to_the_article_under_the_english_prefix(client):
    german_only(title="Seltene Knochenkrankheit", slug="seltene-knochenkrankheit")
    for results, article in (
        ("/en/search/", "/en/seltene-knochenkrankheit/"),
        ("/de/suche/", "/de/seltene-knochenkrankheit/"),
    ):
        html = client.get(results, {"q": "Seltene Knochenkrankheit"}).content.decode()
        link = re.search(r'<h2><a href="([^"]+)"[^>]*>Seltene Knochenkrankheit</a>', html).group(1)
        assert client.get(unescape(link))["Location"] == article  # through the counted result link


def test_a_path_that_is_no_article_in_any_language_is_still_not_found(client):
    assert client.get("/en/gibt-es-nicht/").status_code == 404


def test_the_gate_message_for_english_readers_is_marked_english_inside_the_german_article(client, no_engine):
    german_only(access="professional")
    html = client.get("/en/entzuendung/").content.decode()
    assert '<div lang="en"><div class="gate-message gate-anonymous"' in html
    assert "For health professionals: free access" in html
    assert GERMAN not in html.split("</section>", 1)[1].split("Literatur")[0]  # the gated section's text is withheld


def test_reader_requests_a_machine_translation_and_then_reads_it_labelled(
    client, plain_user, libretranslate_server, run_translation_worker
):
    source = german_only(access="public")
    client.force_login(plain_user)
    html = client.get("/en/entzuendung/").content.decode()
    assert OFFER_BUTTON in html
    assert f'<form method="post" action="{request_url(source)}" class="translation-request">' in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(request_url(source), follow=True)
    assert response.redirect_chain == [("/en/entzuendung/", 302)]
    html = response.content.decode()
    assert "Your request has been received: the machine translation is in progress." in html
    assert PENDING in html and OFFER_BUTTON not in html
    job = TranslationJob.objects.get(source_page=source)
    assert (job.status, job.created_by, job.target_locale.language_code, job.engine) == (
        "queued",
        plain_user,
        "en",
        "libretranslate",
    )
    assert english_version(source) is None  # nothing is published before the job has run

    # Asking again while the job waits does not start another one.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(request_url(source))
    assert TranslationJob.objects.filter(source_page=source).count() == 1
    assert PENDING in client.get("/en/entzuendung/").content.decode()

    run_translation_worker()
    job.refresh_from_db()
    assert job.status == "done", job.error
    target = english_version(source)
    assert target.live and target.title == "inflammation in children"
    assert {state.state for state in section_states(target).values()} == {"machine"}
    assert len(libretranslate_server.requests) == 3  # two sections and the title

    # The old address now leads to the English article, which labels every section.
    response = client.get("/en/entzuendung/")
    assert response.status_code == 302 and response["Location"] == target.url == "/en/inflammation-in-children/"
    html = client.get(target.url).content.decode()
    assert html.count(MACHINE_LABEL) == 2
    assert "The inflammation of the bone" in html
    assert "has not been translated" not in html
    assert client.get("/en/").content.decode().count("inflammation in children") == 1  # listed once, in English


def test_gated_text_is_never_sent_for_a_reader_who_may_not_read_it(
    client, plain_user, libretranslate_server, run_translation_worker
):
    source = german_only(access="professional")
    # Anonymous readers are asked to log in; their POST starts nothing.
    html = client.get("/en/entzuendung/").content.decode()
    assert "to request a machine translation of this article." in html and OFFER_BUTTON not in html
    response = client.post(request_url(source))
    assert response.status_code == 302 and response["Location"].startswith(
        "/en/accounts/login/?next=%2Fen%2Fentzuendung%2F"
    )
    # A logged-in reader who may not see the professional section gets no offer and is refused.
    client.force_login(plain_user)
    html = client.get("/en/entzuendung/").content.decode()
    assert "can be requested by readers who may read every section" in html and OFFER_BUTTON not in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(request_url(source)).status_code == 403
    run_translation_worker()
    assert not TranslationJob.objects.exists()
    assert libretranslate_server.requests == []
    assert english_version(source) is None


def test_a_verified_professional_may_have_the_whole_article_translated(
    client, verified_user, deepl_server, run_translation_worker
):
    source = german_only(access="professional")
    client.force_login(verified_user)
    assert OFFER_BUTTON in client.get("/en/entzuendung/").content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(request_url(source))
    run_translation_worker()
    target = english_version(source)
    assert target.live and {state.state for state in section_states(target).values()} == {"machine"}
    sent = [
        text
        for request in deepl_server.requests
        if request["path"] == "/v2/translate"
        for text in request["json"]["text"]
    ]
    assert sum("Entzündung des Knochens" in text for text in sent) == 2  # the professional section too


def test_requests_per_reader_are_limited(client, plain_user, libretranslate_server, settings):
    settings.MEDLEX_READER_TRANSLATIONS_PER_DAY = 1
    first = german_only()
    second = german_only(title="Zweiter Artikel", slug="zweiter-artikel")
    client.force_login(plain_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(request_url(first))
        html = client.post(request_url(second), follow=True).content.decode()
    assert "Please try again tomorrow." in html
    assert list(TranslationJob.objects.values_list("source_page", flat=True)) == [first.pk]
    assert OFFER_BUTTON in html  # the offer stays; tomorrow it works


def test_without_an_engine_a_request_starts_nothing(client, plain_user, no_engine):
    source = german_only()
    client.force_login(plain_user)
    assert OFFER_BUTTON not in client.get("/en/entzuendung/").content.decode()
    html = client.post(request_url(source), follow=True).content.decode()
    assert "Machine translation is not available at the moment." in html
    assert not TranslationJob.objects.exists()


def test_an_editors_draft_translation_is_not_overwritten_by_a_reader_request(client, plain_user, libretranslate_server):
    from translation.services import create_for_manual_translation

    source = german_only()
    create_for_manual_translation(source, Locale.objects.get(language_code="en"))
    client.force_login(plain_user)
    html = client.get("/en/entzuendung/").content.decode()  # the draft is not live: the German text is shown
    assert "Our editors are preparing a translation." in html and OFFER_BUTTON not in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(request_url(source))
    assert not TranslationJob.objects.exists()


def test_the_german_site_opens_an_english_only_article_with_a_german_note(client, no_engine):
    make_article("Only in English", n=1, lang="en", slug="only-in-english", with_figures=False)
    assert (
        'href="/de/only-in-english/" lang="en" hreflang="en">Only in English</a>' in client.get("/de/").content.decode()
    )
    html = client.get("/de/only-in-english/").content.decode()
    assert '<html lang="de">' in html and '<article class="article" lang="en">' in html
    assert "Diesen Artikel gibt es noch nicht auf Deutsch." in html
    assert "Unten steht der Originaltext auf Englisch, unverändert." in html
