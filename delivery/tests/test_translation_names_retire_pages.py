"""The names a translated section shows (translator, reviewer) change on cached pages at once; a reviewer's login
retires nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.tests.helpers import cno
from people.demo import TRANSLATOR
from people.models import Person
from translation.models import SectionTranslation

pytestmark = pytest.mark.django_db


def warm(client, page):
    client.get(page.url), client.get(page.url)


@pytest.fixture
def reviewed_section(verified_user):
    """A section of the English CNO article recorded as a machine translation checked by Dana Doc (no profile)."""
    verified_user.user_permissions.add(Permission.objects.get(codename="review_machine_translation"))
    page = cno("en")
    record = page.section_translations.first()
    record.method, record.engine = SectionTranslation.Method.MACHINE, "deepl"
    record.reviewed_by, record.reviewed_at = verified_user, timezone.now()
    record.save()
    return page, verified_user


def test_a_renamed_translator_shows_at_once_on_every_section_they_translated(client):
    page = cno("en")
    warm(client, page)
    translator = Person.objects.get(slug=TRANSLATOR)
    translator.name = "Renamed translator"
    translator.save()
    html = client.get(page.url).content.decode()
    assert ">Renamed translator</a> on" in html and "Demo translator" not in html


def test_a_reviewer_who_renames_their_account_is_named_anew_at_once(client, reviewed_section):
    page, reviewer = reviewed_section
    assert "checked by Dana Doc" in client.get(page.url).content.decode()
    warm(client, page)
    reviewer.first_name = "Daniela"
    reviewer.save()
    assert "checked by Daniela Doc" in client.get(page.url).content.decode()


def test_a_reviewers_login_keeps_the_pages_naming_them_warm(client, reviewed_section):
    page, reviewer = reviewed_section
    warm(client, page)
    reviewer.last_login = timezone.now()
    reviewer.save(update_fields=["last_login"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert len(queries) <= 1, [query["sql"][:100] for query in queries]  # the warm shell, no rendering
