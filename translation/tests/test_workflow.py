"""Translating a German article into English section by section, and what readers then see."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.tests.helpers import make_article
from translation.models import GlossaryTerm, SectionTranslation, TranslationJob
from translation.services import mark_reviewed, run_job, section_states

pytestmark = pytest.mark.django_db

GERMAN = '<p>Die Entzündung des Knochens (M86.9-) bei Kindern [1]: Naproxen 10 mg/kg pro Tag, <a href="https://example.org/leitlinie">Leitlinie</a>.</p>'


@pytest.fixture
def reviewing_physician(verified_user):
    """A verified physician who may mark machine translations as reviewed (access.policy)."""
    verified_user.user_permissions.add(Permission.objects.get(codename="review_machine_translation"))
    return type(verified_user).objects.get(pk=verified_user.pk)


def german_article(title="Testartikel", n=2, slug=None, access="public"):
    """A German article (sections: public teaser, then ``access``) with text the test servers translate."""
    page = make_article(title, n=n, lang="de", slug=slug, access=access, with_figures=False)
    body = page.body.raw_data
    for block in body:
        block["value"]["text"] = GERMAN
    page.body = body
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def english(source):
    return ArticlePage.objects.get(translation_key=source.translation_key, locale__language_code="en")


def translate(source, engine, only_outdated=False):
    job = TranslationJob.objects.create(
        source_page=source,
        target_locale=Locale.objects.get(language_code="en"),
        engine=engine,
        only_outdated=only_outdated,
    )
    return run_job(job)


def test_machine_translation_creates_the_english_article_with_every_section_labelled(deepl_server, client):
    GlossaryTerm.objects.create(german="Naproxen", english="Naproxen", keep=True)
    source = german_article()
    job = translate(source, "deepl")
    assert (job.status, job.sections_done, job.sections_total, job.error) == ("done", 2, 2, "")
    target = english(source)
    assert target.live
    assert [b.id for b in target.body] == [b.id for b in source.body]
    text = target.body[0].value["text"].source
    assert text.startswith("<p>The inflammation of the bone (M86.9-) in children [1]: Naproxen 10 mg/kg")
    assert 'href="https://example.org/leitlinie"' in text
    assert {s.state for s in section_states(target).values()} == {"machine"}
    html = client.get(target.url).content.decode()
    assert html.count("Machine translation – not yet checked by a physician.") == 2
    assert f'href="{source.url}#{target.body[0].value["kind"]}"' in html
    assert "Read the original section (German)" in html


def test_the_literature_list_is_never_translated_both_editions_cite_the_same_records(deepl_server):
    source = german_article()
    translate(source, "deepl")
    german_records = [entry.reference_id for entry in source.references.all()]
    assert german_records and [entry.reference_id for entry in english(source).references.all()] == german_records
    sent = [text for request in deepl_server.requests for text in request["json"].get("text", [])]
    assert sent and not any("Reference" in text for text in sent)


def test_review_removes_the_label_and_a_changed_source_brings_the_outdated_notice(
    deepl_server, client, reviewing_physician
):
    source = german_article()
    translate(source, "deepl")
    target = english(source)
    first = target.body[0].id
    mark_reviewed(target, first, reviewing_physician)
    html = client.get(target.url).content.decode()
    assert html.count("Machine translation – not yet checked by a physician.") == 1
    assert "Machine translation checked by Dana Doc" in html
    body = source.body.raw_data
    body[0]["value"]["text"] = "<p>Die Entzündung ist neu beschrieben [1].</p>"
    source.body = body
    source.save_revision().publish()
    states = section_states(english(source))
    assert states[first].state == "outdated" and states[first].previous_state == "reviewed"
    html = client.get(target.url).content.decode()
    assert "The original of this section has changed since it was translated" in html
    assert "Read the current original (German)" in html


def test_only_outdated_retranslates_just_the_changed_section(deepl_server):
    source = german_article()
    translate(source, "deepl")
    body = source.body.raw_data
    body[1]["value"]["text"] = "<p>Die Dosis [1].</p>"
    source.body = body
    source.save_revision().publish()
    job = translate(ArticlePage.objects.get(pk=source.pk), "deepl", only_outdated=True)
    assert (job.sections_done, job.sections_total) == (1, 1)
    assert english(source).body[1].value["text"].source == "<p>The dose [1].</p>"
    assert {s.state for s in section_states(english(source)).values()} == {"machine"}


def test_an_engine_error_reaches_the_job_publishes_nothing_and_can_be_retried(deepl_server):
    source = german_article()
    deepl_server.fail_with = (456, {"message": "Quota exceeded"})
    job = translate(source, "deepl")
    assert job.status == "failed"
    assert "456: the translation quota is used up (Quota exceeded)" in job.error
    assert not ArticlePage.objects.filter(translation_key=source.translation_key, locale__language_code="en").exists()
    deepl_server.fail_with = None
    assert run_job(job).status == "done"
    assert english(source).live


def test_a_reply_that_lost_a_protected_token_is_rejected_and_nothing_changes(libretranslate_server):
    source = german_article()
    translate(source, "libretranslate")
    before = [block.value["text"].source for block in english(source).body]
    libretranslate_server.fail_with = "drop-token"
    body = source.body.raw_data
    body[0]["value"]["text"] = "<p>Die Entzündung (M86.9-) [2].</p>"
    source.body = body
    source.save_revision().publish()
    job = translate(ArticlePage.objects.get(pk=source.pk), "libretranslate")
    assert job.status == "failed" and "was lost or changed" in job.error
    assert [block.value["text"].source for block in english(source).body] == before


def test_a_person_editing_a_machine_translated_section_makes_it_human(deepl_server):
    source = german_article()
    translate(source, "deepl")
    target = english(source)
    body = target.body.raw_data
    body[0]["value"]["text"] = "<p>Inflammation of bone (M86.9-) in children [1], edited by an editor.</p>"
    target.body = body
    target.save_revision().publish()
    assert section_states(target)[target.body[0].id].state == "human"
    assert SectionTranslation.objects.get(page=target, block_id=target.body[1].id).method == "machine"


def test_api_reports_each_sections_translation(deepl_server, client, reviewing_physician):
    source = german_article()
    translate(source, "deepl")
    target = english(source)
    mark_reviewed(target, target.body[1].id, reviewing_physician)
    sections = client.get(f"/api/v1/articles/{target.pk}").json()["sections"]
    machine, reviewed = sections[0]["translation"], sections[1]["translation"]
    assert machine["state"] == "machine" and machine["engine"] == "deepl" and machine["reviewer"] == ""
    assert machine["source_url"].endswith(f"{source.url}#{source.body[0].value['kind']}")
    assert reviewed["state"] == "reviewed" and reviewed["reviewer"] == "Dana Doc"
    german = client.get(f"/api/v1/articles/{source.pk}").json()["sections"]
    assert german[0]["translation"] == {
        "state": "original",
        "engine": "",
        "date": None,
        "reviewer": "",
        "translator": "",
        "source_url": "",
    }


def test_article_page_query_count_does_not_grow_with_translated_sections(deepl_server, verified_client):
    def queries(page):
        verified_client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert verified_client.get(page.url).status_code == 200
        return len(captured)

    small, large = german_article("Klein", n=3), german_article("Gross", n=30)
    translate(small, "deepl")
    translate(large, "deepl")
    assert queries(english(small)) == queries(english(large))


def test_translate_articles_command_shows_progress(deepl_server, capsys):
    source = german_article()
    call_command("translate_articles", "--to", "en", "--engine", "deepl", "--only-outdated")
    out = capsys.readouterr().out
    assert "Testartikel" in out and "2/2 sections" in out
    assert english(source).live


def test_jobs_run_in_the_database_worker(deepl_server, run_translation_worker):
    from translation.services import start_job

    source = german_article()
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = start_job(source, Locale.objects.get(language_code="en"), "deepl")
    job.refresh_from_db()
    assert job.status == "queued"
    run_translation_worker()
    job.refresh_from_db()
    assert job.status == "done"


def test_translate_articles_without_an_engine_says_so(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
    monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)
    with pytest.raises(CommandError, match="No translation engine is configured"):
        call_command("translate_articles", "--to", "en")


def test_a_review_shows_at_once_on_an_already_cached_page(deepl_server, client, reviewing_physician):
    source = german_article()
    translate(source, "deepl")
    target = english(source)
    before = client.get(target.url).content.decode()  # now cached for the public tier
    mark_reviewed(target, target.body[0].id, reviewing_physician)
    after = client.get(target.url).content.decode()
    label = "Machine translation – not yet checked by a physician."
    assert after.count(label) == before.count(label) - 1


def test_keys_added_by_the_admin_editor_are_no_change_of_the_text(deepl_server):
    """Saving a page in the admin adds data-block-key attributes; neither side becomes human or outdated."""

    def add_block_keys(page):
        body = page.body.raw_data
        for n, block in enumerate(body):
            block["value"]["text"] = block["value"]["text"].replace("<p>", f'<p data-block-key="k{n}x">', 1)
        page.body = body
        page.save_revision().publish()

    source = german_article()
    translate(source, "deepl")
    target = english(source)
    add_block_keys(target)
    add_block_keys(ArticlePage.objects.get(pk=source.pk))
    assert "data-block-key" in english(source).body[0].value["text"].source
    assert {s.state for s in section_states(english(source)).values()} == {"machine"}


def test_a_machine_translation_never_buries_an_editors_unpublished_draft(deepl_server):
    source = german_article()
    assert translate(source, "deepl").status == "done"
    target = english(source)
    target.title = "A person's better title"
    target.save_revision()  # a draft, not yet published
    requests_before = len(deepl_server.requests)
    job = translate(source, "deepl")
    assert job.status == "failed"
    assert "unpublished changes" in job.error
    assert len(deepl_server.requests) == requests_before  # nothing was sent
    target.refresh_from_db()
    assert target.get_latest_revision_as_object().title == "A person's better title"
