"""Snippets read as text: where one paragraph ends and the next begins, the words stay apart."""

import re

import pytest

from articles.models import ArticlePage
from articles.rendering import plain_text
from search.services import snippet

pytestmark = pytest.mark.django_db

RUN_TOGETHER = re.compile(r"[.!?:\]][A-ZÄÖÜ][a-zäöüß]")  # "[4, 6].Chronic"


def test_the_end_of_a_paragraph_or_list_item_keeps_a_space_before_the_next():
    html = "<p>Seen in children [4, 6].</p><p>Chronic course.</p><ul><li>Fever</li><li>Pain</li></ul>Line<br>Next"
    assert snippet(plain_text(html), ["chronic"]) == "Seen in children [4, 6]. Chronic course. Fever Pain Line Next"


def test_no_demo_article_teaser_runs_two_paragraphs_together():
    teasers = [page.public_text() for page in ArticlePage.objects.live().specific()]
    assert teasers and all(teaser.strip() for teaser in teasers)
    assert [RUN_TOGETHER.findall(teaser) for teaser in teasers if RUN_TOGETHER.search(teaser)] == []
