"""Bundled data: every source record with its provenance, written to and read from one JSON file.

Loading a snapshot is a refresh from a file instead of the network: records are upserted on their natural
keys (unchanged hashes skipped), every payload is checked against its content hash and parsed with the
connectors' parsers, and the same per-source mapping writes the derived target fields, drugs, mechanisms
and trials. The whole load is one transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from targets.connectors.errors import SourceError
from targets.connectors.records import content_hash
from targets.models import SourceRecord, Target
from targets.refresh.sources import SOURCE_MODULES, source_module
from targets.refresh.store import RecordRow, source_records_upsert

FORMAT = "nicherank-source-records/1"
# Trials are linked through the drugs the other sources name, so they come last.
APPLY_ORDER = ("opentargets", "chembl", "dgidb", "clinicaltrials")


class SnapshotError(ValueError):
    """A snapshot file that cannot be loaded; the message names the record."""


def snapshot_export(path: Path, *, sources: Sequence[str] | None = None, mark_assembled: bool = False) -> int:
    """Write the source records (all, or of the given sources) to ``path``; return how many.

    ``mark_assembled`` labels every record as assembled offline (for the bundled snapshot).
    """
    records = SourceRecord.objects.select_related("target").order_by("source", "record_type", "key")
    if sources:
        records = records.filter(source__in=sources)
    items = [
        {
            "source": record.source,
            "record_type": record.record_type,
            "key": record.key,
            "target": record.target.symbol if record.target else None,
            "release": record.release,
            "fetched_at": record.fetched_at.isoformat(),
            "content_hash": record.content_hash,
            "assembled": True if mark_assembled else record.assembled,
            "payload": record.payload,
        }
        for record in records
    ]
    document = {"format": FORMAT, "exported_at": timezone.now().isoformat(), "records": items}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return len(items)


@transaction.atomic
def snapshot_load(path: Path) -> dict[str, Counter]:
    """Load a snapshot file; return per-source Counter(new, changed, unchanged, skipped, derived_changes).

    Records of targets not in the catalogue are skipped (counted); a wrong hash or format raises
    SnapshotError and nothing is written.
    """
    document = _read(path)
    targets = {target.symbol: target for target in Target.objects.all()}
    by_source: dict[str, list[RecordRow]] = {}
    report: dict[str, Counter] = {}
    for index, item in enumerate(document["records"]):
        source = item.get("source")
        if source not in SOURCE_MODULES:
            raise SnapshotError(f"record {index}: unknown source {source!r}")
        counter = report.setdefault(source, Counter())
        symbol = item.get("target")
        if symbol is not None and symbol not in targets:
            counter["skipped"] += 1
            continue
        by_source.setdefault(source, []).append(_row(index, item, targets.get(symbol)))
    by_pk = {target.pk: target for target in targets.values()}
    for source in [source for source in APPLY_ORDER if source in by_source]:
        rows, kept = _without_fetched_records(by_source[source])
        report[source]["kept_fetched"] += kept
        counts = source_records_upsert(rows, fetched_at=timezone.now())
        report[source].update(counts)
        if counts["new"] or counts["changed"]:
            report[source]["derived_changes"] += source_module(source).apply(rows, by_pk)
    return report


def _without_fetched_records(rows: list[RecordRow]) -> tuple[list[RecordRow], int]:
    """Drop assembled rows whose record was fetched from the live source: a snapshot never replaces real data."""
    assembled = [row for row in rows if row.assembled]
    fetched = {
        (row.source, row.record_type, row.key)
        for row in SourceRecord.objects.filter(
            source__in={row.source for row in assembled}, key__in={row.key for row in assembled}, assembled=False
        ).only("source", "record_type", "key")
    }
    kept = [row for row in rows if not (row.assembled and row.natural_key in fetched)]
    return kept, len(rows) - len(kept)


def _read(path: Path) -> dict:
    try:
        document = json.loads(path.read_text())
    except FileNotFoundError:
        raise SnapshotError(f"no snapshot at {path}") from None
    except json.JSONDecodeError as error:
        raise SnapshotError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f"{path} is not a {FORMAT} file")
    if not isinstance(document.get("records"), list):
        raise SnapshotError(f"{path}: 'records' must be a list")
    return document


def _row(index: int, item: dict, target: Target | None) -> RecordRow:
    where = f"record {index} ({item.get('source')}:{item.get('record_type')}:{item.get('key')})"
    try:
        source, record_type, key = item["source"], item["record_type"], item["key"]
        payload, release = item["payload"], item.get("release") or None
        fetched_at = datetime.fromisoformat(item["fetched_at"])
        expected = item["content_hash"]
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotError(f"{where}: missing or invalid field ({error})") from None
    if content_hash(payload) != expected:
        raise SnapshotError(f"{where}: payload does not match its content hash")
    try:
        record = source_module(source).parse(record_type, key, payload, release)
    except (SourceError, ValueError, LookupError) as error:  # a payload of the wrong shape
        raise SnapshotError(f"{where}: {error}") from None
    return RecordRow(
        source=source,
        record_type=record_type,
        key=key,
        target_id=target.pk if target else None,
        release=release,
        payload=payload,
        content_hash=expected,
        record=record,
        fetched_at=fetched_at,
        assembled=bool(item.get("assembled")),
    )
