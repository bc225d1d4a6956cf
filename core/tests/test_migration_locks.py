"""Before a deploy, the migrations it will run are checked for locks that would hold the site up."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the check reads PostgreSQL's SQL")

# Adds a foreign key to people to the section translations: a nullable column with its constraint, and an index.
PENDING = [("translation", "0003_machine_translation_requested_by")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_index_built_without_concurrently_on_a_big_table_is_named_before_the_deploy(migrate_to, capsys):
    migrate_to(PENDING)

    call_command("check_migration_locks")  # the demo's section translations are a small table
    assert "No pending migration locks a big table for long" in capsys.readouterr().out

    with pytest.raises(CommandError, match="would hold up or break the running site"):
        call_command("check_migration_locks", "--big-table-rows", "0")
    out = capsys.readouterr().out
    assert "translation.0004_section_translated_by: translation_sectiontranslation" in out
    assert "builds an index without CONCURRENTLY" in out
    # A nullable column without a default, its foreign key included, changes only the catalogue.
    assert "ADD COLUMN" not in out and "rewritten" not in out


@pytest.mark.django_db
def test_an_up_to_date_database_has_nothing_to_check(capsys):
    call_command("check_migration_locks", "--big-table-rows", "0")
    assert "No pending migration locks a big table for long" in capsys.readouterr().out
