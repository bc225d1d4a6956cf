"""An editor creates the English article from the German one by hand, in the Wagtail admin, without an engine."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.models import ArticlePage
from translation.models import SectionTranslation, TranslationJob
from translation.services import section_states
from translation.tests.test_admin import admin_client
from translation.tests.test_untranslated import english_version, german_only

pytestmark = pytest.mark.django_db

CREATE_BUTTON = "Create English version for manual translation"
UNTRANSLATED_NOTE = "This section has not been translated yet; it is shown in the original German."


@pytest.fixture(autouse=True)
def no_engine(monkeypatch):
    monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
    monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)


def make_editor(django_user_model, email, permissions):
    user = django_user_model.objects.create_user(
        email, email, "a-long-test-password", first_name="Ina", last_name="Editor"
    )
    group = Group.objects.create(name=f"Editors {email}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        GroupPagePermission.objects.create(
            group=group, page=Page.get_first_root_node(), permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model):
    return make_editor(django_user_model, "ina@example.org", ["add_page", "change_page", "publish_page"])


def edit_form(page, texts, title, slug):
    """The admin edit form of ``page`` as an editor submits it, with new section ``texts`` (None: unchanged)."""
    sections = {}
    for index, (block, text) in enumerate(zip(page.body, texts)):
        value = block.value
        sections[str(index)] = {
            "type": "section",
            "id": block.id,
            "order": str(index),
            "deleted": "",
            "value": {
                "kind": value["kind"],
                "access": value["access"],
                "text": rich_text(text if text is not None else value["text"].source),
                "figures": {"count": 0},
            },
        }
    sections["count"] = str(len(page.body))

    def existing(objects, fields):
        rows = [
            dict({"id": obj.pk, "ORDER": str(n + 1)}, **{f.removesuffix("_id"): getattr(obj, f) for f in fields})
            for n, obj in enumerate(objects)
        ]
        return inline_formset(rows, initial=len(rows))

    form = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "synonyms": page.synonyms,
            "icd10_codes": existing(page.icd10_codes.all(), ["code"]),
            "authors": existing(page.authors.all(), ["person_id"]),
            "reviewers": existing(page.reviewers.all(), ["person_id"]),
            "body": sections,
            "references": existing(page.references.all(), ["reference_id"]),
            "related_articles": inline_formset(
                [
                    {"id": link.pk, "ORDER": str(n + 1), "target": link.target_id}
                    for n, link in enumerate(page.related_articles.all())
                ],
                initial=page.related_articles.count(),
            ),
            # What a publish of a changed article must say (versions): a summary for readers.
            "change_kind": "content_update",
            "change_summary": "A sentence corrected.",
            "action-publish": "publish",
        }
    )
    form["specialties"] = [specialty.pk for specialty in page.specialties.all()]
    return form


def test_editor_creates_the_english_article_for_manual_translation_and_translates_it(client, editor):
    source = german_only(access="professional")
    client = admin_client(client, editor)
    html = client.get(reverse("translation_page", args=[source.pk])).content.decode()
    assert "No machine translation engine is configured" in html
    assert CREATE_BUTTON in html

    response = client.post(
        reverse("translation_manual", args=[source.pk]),
        {"locale": Locale.objects.get(language_code="en").pk},
        follow=True,
    )
    target = english_version(source)
    assert response.redirect_chain == [(reverse("wagtailadmin_pages:edit", args=[target.pk]), 302)]
    assert "was created as a draft" in response.content.decode()
    # A draft in the English tree, linked to the German article, each section still German and marked so.
    assert not target.live and target.get_parent().locale.language_code == "en"
    assert [b.id for b in target.body] == [b.id for b in source.body]
    assert [b.value["text"].source for b in target.body] == [b.value["text"].source for b in source.body]
    assert {s.state for s in section_states(target).values()} == {"untranslated"}
    assert not TranslationJob.objects.exists()
    html = client.get(reverse("translation_page", args=[target.pk])).content.decode()
    assert html.count("Not translated yet: still the copied original text") == 2
    # The German article's page now leads to the English one instead of offering a second copy.
    html = client.get(reverse("translation_page", args=[source.pk])).content.decode()
    assert CREATE_BUTTON not in html and "Edit the English version" in html

    # The editor translates the first section and publishes; the second is left as it was.
    english = "<p>Inflammation of the bone (M86.9-) in children [1]: naproxen 10 mg/kg per day.</p>"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[target.pk]),
        edit_form(target, [english, None], "Inflammation in children", "inflammation-in-children"),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    target = ArticlePage.objects.get(pk=target.pk)
    assert target.live and target.title == "Inflammation in children"
    first, second = (block.id for block in target.body)
    states = section_states(target)
    assert (states[first].state, states[second].state) == ("human", "untranslated")
    assert SectionTranslation.objects.get(page=target, block_id=first).method == "human"

    # Readers: the translated section carries no label, the other says it is German and is marked so.
    reader = type(client)()
    reader.force_login(type(editor).objects.get(pk=editor.pk))
    html = reader.get(target.url).content.decode()
    assert html.count(UNTRANSLATED_NOTE) == 1
    german_text = html.split('<div class="section-text" lang="de">')[1].split("</div>")[0]
    assert "Die Entzündung des Knochens" in german_text and html.count('class="section-text" lang="de"') == 1
    assert "Inflammation of the bone" in html
    assert reader.get("/en/entzuendung/")["Location"] == target.url  # the German-only address now redirects


def test_creating_twice_opens_the_existing_translation(client, editor):
    source = german_only()
    client = admin_client(client, editor)
    url = reverse("translation_manual", args=[source.pk])
    english = Locale.objects.get(language_code="en").pk
    client.post(url, {"locale": english})
    target = english_version(source)
    response = client.post(url, {"locale": english})
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert ArticlePage.objects.filter(translation_key=source.translation_key).count() == 2


def test_an_editor_who_may_not_add_pages_is_told_so(client, django_user_model):
    editor = make_editor(django_user_model, "no-add@example.org", ["change_page"])
    source = german_only()
    response = admin_client(client, editor).post(
        reverse("translation_manual", args=[source.pk]),
        {"locale": Locale.objects.get(language_code="en").pk},
        follow=True,
    )
    assert "You may not create pages in that language." in response.content.decode()
    assert english_version(source) is None


def test_readers_without_edit_rights_cannot_create_translations(client, plain_user):
    source = german_only()
    client.force_login(plain_user)
    response = client.post(
        reverse("translation_manual", args=[source.pk]), {"locale": Locale.objects.get(language_code="en").pk}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert english_version(source) is None


def test_german_speaking_editors_get_the_offer_in_german(client, editor):
    from wagtail.users.models import UserProfile

    source = german_only()
    client = admin_client(client, editor)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    html = client.get(reverse("translation_page", args=[source.pk])).content.decode()
    assert "Fassung auf Englisch zum Übersetzen von Hand anlegen" in html
    assert "Übersetzen Sie von Hand" in html
