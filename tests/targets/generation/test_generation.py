"""Data generations: every writer of a table the criteria come from changes the token (database triggers)."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from targets import generation
from targets.catalogue.load import catalogue_load
from targets.generation import CATALOGUE, UNIVERSE, WATCHED_TABLES
from targets.models import DataGeneration, Evidence, Gene, SafetySignal, Target
from targets.ranking.facts import build_facts
from targets.universe.discover import universe_facts
from tests.conftest import bundled_catalogue_files
from tests.targets.curation.test_evidence_import import GOOD
from tests.targets.refresh.conftest import sources  # noqa: F401 (fixture)
from tests.targets.universe.conftest import assembled_dir  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _tables_read(fn) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        fn()
    found = set()
    for query in queries:
        found |= set(re.findall(r'(?:FROM|JOIN)\s+"?(targets_\w+)"?', query["sql"]))
    return found


def test_every_table_the_catalogue_facts_read_is_watched(catalogue):
    assert _tables_read(build_facts) <= set(WATCHED_TABLES[CATALOGUE])


def test_every_table_the_universe_facts_read_is_watched(catalogue):
    assert _tables_read(universe_facts) <= set(WATCHED_TABLES[UNIVERSE])


RAW_WRITES = {
    CATALOGUE: [
        "UPDATE targets_target SET mechanism = mechanism WHERE symbol = 'CXCR4'",
        "DELETE FROM targets_evidence WHERE id = (SELECT min(id) FROM targets_evidence)",
    ],
    UNIVERSE: [
        "INSERT INTO targets_universesource (key, path, sha256, release, licence, origin, rows) "
        "VALUES ('x', 'x', 'x', 'x', 'x', 'x', 0)",
        "DELETE FROM targets_universesource WHERE key = 'x'",
    ],
}


@pytest.mark.parametrize("key", [CATALOGUE, UNIVERSE])
def test_raw_sql_writes_change_the_token(key, catalogue):
    # Raw SQL bypasses signals and the ORM: the triggers still see it.
    tokens = [generation.current(key)]
    with connection.cursor() as cursor:
        for sql in RAW_WRITES[key]:
            cursor.execute(sql)
            tokens.append(generation.current(key))
    assert len(set(tokens)) == 3


def test_writes_to_other_tables_leave_the_token_alone(catalogue):
    before = generation.current(UNIVERSE)
    Evidence.objects.filter(target__symbol="CXCR4").update(claim="edited")
    assert generation.current(UNIVERSE) == before


def test_orm_save_bulk_update_and_delete_change_the_catalogue_token(catalogue):
    tokens = [generation.current(CATALOGUE)]
    target = Target.objects.get(symbol="CXCR4")
    target.stage_aml = ""
    target.save()
    tokens.append(generation.current(CATALOGUE))
    Evidence.objects.filter(target=target).update(verified=False)
    tokens.append(generation.current(CATALOGUE))
    SafetySignal.objects.filter(target=target).delete()
    tokens.append(generation.current(CATALOGUE))
    Evidence.objects.filter(target=target).delete()
    tokens.append(generation.current(CATALOGUE))
    assert len(set(tokens)) == 5


def test_catalogue_load_changes_the_token_and_a_reload_that_writes_nothing_does_not(db):
    before = generation.current(CATALOGUE)
    catalogue_load(**bundled_catalogue_files())
    after = generation.current(CATALOGUE)
    catalogue_load(**bundled_catalogue_files())
    assert before != after == generation.current(CATALOGUE)


def test_universe_load_changes_the_universe_token(catalogue, assembled_dir):  # noqa: F811
    from targets.universe.load import load_universe

    before = generation.current(UNIVERSE)
    load_universe(assembled_dir)
    assert generation.current(UNIVERSE) != before


def test_promotion_changes_both_tokens(catalogue, assembled_dir):  # noqa: F811
    from targets.models import Axis
    from targets.universe.load import load_universe
    from targets.universe.promote import promote_gene

    load_universe(assembled_dir)
    before = generation.current(CATALOGUE), generation.current(UNIVERSE)
    promote_gene(Gene.objects.get(symbol="ACKR3"), axis=Axis.objects.first(), compartment="msc", role="dual")
    after = generation.current(CATALOGUE), generation.current(UNIVERSE)
    assert before[0] != after[0] and before[1] != after[1]


def test_evidence_import_changes_the_catalogue_token(catalogue, curator):
    from targets.curation.evidence_import import evidence_import

    before = generation.current(CATALOGUE)
    assert evidence_import(content=GOOD, user=curator).created
    assert generation.current(CATALOGUE) != before


def test_a_refresh_changes_the_catalogue_token(catalogue, sources, settings):  # noqa: F811
    from django.core.management import call_command

    settings.NICHERANK_STABILITY_SAMPLES = 0
    before = generation.current(CATALOGUE)
    call_command("refresh", "--source", "dgidb", "--targets", "CXCR4", "--sync", stdout=None)
    assert generation.current(CATALOGUE) != before


def test_a_rolled_back_write_never_hands_out_its_token_again(catalogue):
    before = generation.current(CATALOGUE)
    seen = set()
    with pytest.raises(RuntimeError), transaction.atomic():
        Target.objects.filter(symbol="CXCR4").update(mechanism="rolled back")
        seen.add(generation.current(CATALOGUE))
        raise RuntimeError
    assert generation.current(CATALOGUE) == before
    Target.objects.filter(symbol="CXCR4").update(mechanism="kept")
    assert generation.current(CATALOGUE) not in seen | {before}


def test_a_flushed_table_gets_a_fresh_token(catalogue):
    before = generation.current(CATALOGUE)
    DataGeneration.objects.all().delete()
    assert generation.current(CATALOGUE) != before
    assert DataGeneration.objects.filter(key=CATALOGUE).exists()


def test_unknown_key_is_refused():
    with pytest.raises(ValueError, match="unknown key"):
        generation.current("nope")
