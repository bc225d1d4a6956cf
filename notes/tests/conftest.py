import pytest
from django.test import Client

from accounts.tests.conftest import make_reader
from articles.tests.helpers import cno


@pytest.fixture
def verified(django_user_model):
    """``verified(email)``: a logged-in client of a new verified professional, and the user."""

    def make(email="dana@example.org"):
        user = make_reader(django_user_model, "verified", email)
        client = Client()
        client.force_login(user)
        return client, user

    return make


@pytest.fixture
def article():
    return cno("en")


def write_note(client, page, text, section="definition", **extra):
    return client.post("/en/notes/new/", {"article": page.pk, "section": section, "text": text, **extra})


def notes_box(html):
    """The reader's notes box under the article's header ("" when the page has none)."""
    start = html.find('<aside class="reader-notes" id="your-notes"')
    return "" if start < 0 else html[start : html.index("</aside>", start)]


def section_of(html, kind):
    """The HTML of the article's section ``kind``, from its opening tag to its end."""
    start = html.index(f'<section class="article-section section-{kind}')
    return html[start : html.index("</section>", start)]


def section_notes(html, kind):
    """What the article shows of the reader's notes at section ``kind`` ("" when nothing)."""
    section = section_of(html, kind)
    start = section.find('<div class="section-notes"')
    if start < 0:
        return ""
    # It ends with the link to add a note, right before the section's own text.
    return section[start : section.index("</div>", section.index('class="section-note-add"', start)) + 6]


@pytest.fixture
def reader(django_user_model):
    """``reader(kind)``: a user in verification state ``kind`` (accounts.tests.conftest), None for anonymous."""
    return lambda kind, email=None: make_reader(django_user_model, kind, email)
