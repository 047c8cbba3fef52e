"""Source records: upsert on the natural key (source, record_type, key), skipping unchanged content hashes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from targets.models import SourceRecord

UPDATED_FIELDS = ["target", "release", "fetched_at", "content_hash", "payload", "assembled"]


@dataclass(frozen=True, kw_only=True)
class RecordRow:
    """One record to store: its natural key, target, release, raw payload and hash, and the parsed record."""

    source: str
    record_type: str
    key: str
    target_id: int | None
    release: str | None
    payload: Any
    content_hash: str
    record: Any = field(default=None, compare=False, repr=False)
    fetched_at: datetime | None = None  # set when loaded from a snapshot; else the batch's fetch time
    assembled: bool | None = None  # idem; else the batch's flag

    @property
    def natural_key(self) -> tuple[str, str, str]:
        return (self.source, self.record_type, self.key)


def row_from_provenance(
    record_type: str, key: str, target_id: int | None, record: Any, *, provenance=None
) -> RecordRow:
    """A RecordRow for a connector record, taking source, release, raw and hash from its provenance."""
    provenance = provenance or record.provenance
    return RecordRow(
        source=provenance.source,
        record_type=record_type,
        key=key,
        target_id=target_id,
        release=provenance.release,
        payload=provenance.raw,
        content_hash=provenance.content_hash,
        record=record,
    )


def source_records_upsert(rows: Sequence[RecordRow], *, fetched_at: datetime, assembled: bool = False) -> Counter:
    """Store the rows; return Counter(new=, changed=, unchanged=). Unchanged hashes are not written.

    Safe to repeat and to race: new and changed rows go through one INSERT .. ON CONFLICT UPDATE on the
    natural key, so a re-delivered batch never duplicates a record.
    """
    rows = list({row.natural_key: row for row in rows}.values())  # last one wins within a batch
    counts = Counter(new=0, changed=0, unchanged=0)
    if not rows:
        return counts
    existing = _existing_hashes(rows)
    to_write = []
    for row in rows:
        row_assembled = assembled if row.assembled is None else row.assembled
        known = existing.get(row.natural_key)
        if known is not None and known == (row.content_hash, row_assembled):
            counts["unchanged"] += 1
            continue
        counts["new" if known is None else "changed"] += 1
        to_write.append(
            SourceRecord(
                source=row.source,
                record_type=row.record_type,
                key=row.key,
                target_id=row.target_id,
                release=row.release or "",
                fetched_at=row.fetched_at or fetched_at,
                content_hash=row.content_hash,
                payload=row.payload,
                assembled=row_assembled,
            )
        )
    if to_write:
        SourceRecord.objects.bulk_create(
            to_write,
            update_conflicts=True,
            unique_fields=["source", "record_type", "key"],
            update_fields=UPDATED_FIELDS,
            batch_size=500,
        )
    return counts


def _existing_hashes(rows: Sequence[RecordRow]) -> dict[tuple[str, str, str], tuple[str, bool]]:
    by_source: dict[str, set[str]] = {}
    for row in rows:
        by_source.setdefault(row.source, set()).add(row.key)
    found = {}
    for source, keys in by_source.items():
        for record_type, key, content_hash, assembled in SourceRecord.objects.filter(
            source=source, key__in=keys
        ).values_list("record_type", "key", "content_hash", "assembled"):
            found[(source, record_type, key)] = (content_hash, assembled)
    return found
