"""Which targets carry unverified facts, and which show values from assembled source records.

A target is *unverified* when any fact feeding it is: a catalogue stage qualified 'unverified' or a memory note,
or an unverified agent (mechanism), evidence item or safety signal. It is *assembled* when, for some source, all
its records for the target were assembled offline (illustrative) rather than fetched."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from targets.models import SourceRecord, Target
from targets.models.catalogue import UNVERIFIED_RELATIONS, target_fields_unverified

UNVERIFIED = "unverified"
ASSEMBLED = "assembled"
_CHUNK = 5000


def unverified_related():
    """An expression for Target querysets: True when an agent, evidence item or safety signal is unverified."""
    related = [Target._meta.get_field(name).related_model for name in UNVERIFIED_RELATIONS]
    return reduce(or_, (Exists(model.objects.filter(target=OuterRef("pk"), verified=False)) for model in related))


def _chunks(target_ids: Iterable[int]):
    ids = list(target_ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def unverified_target_ids(target_ids: Iterable[int]) -> set[int]:
    """The targets (of those given) with any unverified fact; one query per 5,000 targets."""
    found = set()
    for chunk in _chunks(target_ids):
        rows = (
            Target.objects.filter(pk__in=chunk)
            .annotate(related=unverified_related())
            .values_list("pk", "related", "unverified_notes", "stage_aml_qualifiers", "stage_any_qualifiers")
        )
        found |= {pk for pk, related, *fields in rows if related or target_fields_unverified(*fields)}
    return found


class RecordPairs(NamedTuple):
    """Source records with a target, by (target id, source): ``fetched`` pairs have a fetched record,
    ``assembled`` pairs only assembled ones; ``assembled_per_source`` counts assembled records per source."""

    fetched: set[tuple[int, str]]
    assembled: set[tuple[int, str]]
    assembled_per_source: dict[str, int]


def record_pairs(target_ids: Iterable[int] | None = None) -> RecordPairs:
    """The one reading of "this target's records from that source are all assembled" (one query; all targets
    with records when ``target_ids`` is None)."""
    records = SourceRecord.objects.filter(target__isnull=False)
    if target_ids is not None:
        records = records.filter(target_id__in=list(target_ids))
    rows = records.values("target_id", "source").annotate(
        fetched=Count("id", filter=Q(assembled=False)), assembled=Count("id", filter=Q(assembled=True))
    )
    pairs = RecordPairs(set(), set(), defaultdict(int))
    for row in rows:
        pairs.assembled_per_source[row["source"]] += row["assembled"]
        (pairs.fetched if row["fetched"] else pairs.assembled).add((row["target_id"], row["source"]))
    return pairs


def assembled_target_ids(target_ids: Iterable[int]) -> set[int]:
    """The targets (of those given) with a source whose records for them are all assembled; one query per
    5,000 targets."""
    found = set()
    for chunk in _chunks(target_ids):
        found |= {target_id for target_id, _ in record_pairs(chunk).assembled}
    return found


def source_records_summary() -> dict:
    """How many source records were assembled rather than fetched (for run metadata)."""
    counts = SourceRecord.objects.aggregate(
        assembled_records=Count("id", filter=Q(assembled=True)), fetched_records=Count("id", filter=Q(assembled=False))
    )
    counts = {"assembled": counts["assembled_records"], "fetched": counts["fetched_records"]}
    if counts["assembled"] and counts["fetched"]:
        state = "mixed"
    elif counts["assembled"]:
        state = "assembled"
    else:
        state = "fetched" if counts["fetched"] else "none"
    return {"state": state, **counts}


def row_marks(target_ids: Iterable[int]) -> dict[int, list[str]]:
    """The 'unverified' and 'assembled' flags a ranking row of each target carries; 'assembled' only when
    assembled values may move rankings (NICHERANK_RANK_ASSEMBLED_DATA), since otherwise none is shown."""
    target_ids = list(target_ids)
    marks: dict[int, list[str]] = {}
    for pk in sorted(unverified_target_ids(target_ids)):
        marks.setdefault(pk, []).append(UNVERIFIED)
    if settings.NICHERANK_RANK_ASSEMBLED_DATA:
        for pk in sorted(assembled_target_ids(target_ids)):
            marks.setdefault(pk, []).append(ASSEMBLED)
    return marks


def run_source_records(run) -> dict | None:
    """What a stored run says about its source records: how many were assembled rather than fetched, and
    whether assembled values could move the ranking (None for runs stored before this was recorded)."""
    return (run.data_versions or {}).get("source_records")
