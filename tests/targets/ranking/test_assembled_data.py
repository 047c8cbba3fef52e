"""Assembled (illustrative) source values are shown, but they do not move the ranking unless asked to."""

import pytest
from django.core.management import call_command

from targets.models import SourceRecord, Target
from targets.ranking.facts import build_facts, targets_for_scoring

pytestmark = pytest.mark.django_db


def _facts_by_symbol():
    return {facts.symbol: facts for facts in build_facts(targets_for_scoring())}


def test_the_bundled_snapshot_is_stored_but_its_values_do_not_count(catalogue):
    before = _facts_by_symbol()
    call_command("load_snapshot", verbosity=0)
    assert SourceRecord.objects.filter(assembled=True).exists()
    assert Target.objects.exclude(aml_association=None).exists(), "the snapshot sets derived fields"
    assert _facts_by_symbol() == before


def test_assembled_values_count_when_the_setting_allows(catalogue, settings):
    call_command("load_snapshot", verbosity=0)
    settings.NICHERANK_RANK_ASSEMBLED_DATA = True
    target = Target.objects.exclude(tractability=None).first()
    tractability = _facts_by_symbol()[target.symbol].tractability
    assert {k: set(v) for k, v in tractability.items()} == {k: set(v) for k, v in target.tractability.items()}


def test_a_fetched_record_makes_the_values_count(catalogue):
    call_command("load_snapshot", verbosity=0)
    record = SourceRecord.objects.filter(source="opentargets", record_type="target", assembled=True).first()
    record.assembled = False
    record.save()
    facts = _facts_by_symbol()[record.target.symbol]
    assert facts.tractability is not None or facts.is_membrane_or_secreted is not None
