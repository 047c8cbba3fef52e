"""Source records are upserted on (source, record_type, key) and skipped when their hash is unchanged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from targets.connectors.records import content_hash
from targets.models import SourceRecord
from targets.refresh.store import RecordRow, source_records_upsert


def row(key: str, payload: dict, record_type: str = "target") -> RecordRow:
    return RecordRow(
        source="opentargets",
        record_type=record_type,
        key=key,
        target_id=None,
        release="26.03",
        payload=payload,
        content_hash=content_hash(payload),
    )


@pytest.mark.django_db
def test_new_changed_and_unchanged_records_are_counted_and_only_changes_are_written():
    first = timezone.now() - timedelta(days=7)
    assert source_records_upsert([row("A", {"v": 1}), row("B", {"v": 1})], fetched_at=first) == {
        "new": 2,
        "changed": 0,
        "unchanged": 0,
    }
    later = timezone.now()
    counts = source_records_upsert([row("A", {"v": 1}), row("B", {"v": 2}), row("C", {})], fetched_at=later)
    assert counts == {"new": 1, "changed": 1, "unchanged": 1}
    stored = {record.key: record for record in SourceRecord.objects.all()}
    assert stored["A"].fetched_at == first  # skipped by hash: not rewritten
    assert stored["B"].fetched_at == later and stored["B"].payload == {"v": 2}
    assert SourceRecord.objects.count() == 3


@pytest.mark.django_db
def test_repeating_a_batch_never_duplicates_records():
    rows = [row("A", {"v": 1}), row("A", {"v": 1}), row("A", {"v": 1}, record_type="association")]
    for _ in range(3):
        source_records_upsert(rows, fetched_at=timezone.now())
    assert SourceRecord.objects.count() == 2


@pytest.mark.django_db
def test_a_live_record_replaces_the_assembled_one_with_the_same_content():
    source_records_upsert([row("A", {"v": 1})], fetched_at=timezone.now(), assembled=True)
    counts = source_records_upsert([row("A", {"v": 1})], fetched_at=timezone.now())
    assert counts["changed"] == 1
    assert SourceRecord.objects.get(key="A").assembled is False
