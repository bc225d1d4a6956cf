"""The CNO article lists its clinical tools; other articles list only tools that apply to them."""

import pytest
from django.utils.html import escape

from articles.models import ArticlePage
from functions import registry
from functions.services import tools_for_codes

pytestmark = pytest.mark.django_db


def test_tools_are_matched_by_icd10_code():
    cno_tools = [tool.slug for tool in tools_for_codes(["M86.9-"])]
    assert cno_tools == ["kostik-nbo-score", "jansson-nbo-score", "bristol-crmo-criteria", "cno-exclusion-workup"]
    assert tools_for_codes(["M86.3"]) == list(registry.all_functions())
    assert tools_for_codes(["J45.9"]) == []
    assert tools_for_codes([]) == []


@pytest.mark.parametrize(
    "lang, prefix, heading",
    [("en", "/en/functions/", "Clinical tools"), ("de", "/de/funktionen/", "Klinische Werkzeuge")],
)
def test_the_cno_article_links_to_its_tools_in_its_language(client, lang, prefix, heading):
    page = ArticlePage.objects.get(locale__language_code=lang, icd10_codes__code="M86.9-")
    html = client.get(page.url).content.decode()
    assert heading in html
    for definition in registry.all_functions():
        assert f'<a href="{prefix}{definition.slug}/">{escape(definition.title.get(lang))}</a>' in html


def test_an_article_without_matching_codes_has_no_tools_block(client):
    other = ArticlePage.objects.filter(locale__language_code="en").exclude(icd10_codes__code__startswith="M86").first()
    assert other is not None
    assert "article-tools" not in client.get(other.url).content.decode()
