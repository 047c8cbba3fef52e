"""What a ranking rests on, in words: which sources fed the run and when, how fresh each is (the refresh page's
rule), and per criterion how many targets have a value, none, or only assembled records behind it."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from scoring.criteria import CRITERIA, NO_OFFLINE_SOURCE
from targets.choices import EXTERNAL_SOURCES
from targets.flags import RecordPairs, record_pairs
from targets.models import RefreshRun
from targets.refresh.status import STALE_AFTER, source_status, stale_reasons
from targets.web.definitions import criterion_definitions

# The catalogue's fingerprints in a run's data versions ("38:<hash>"), in words.
CURATED_KINDS = {
    "catalogue": "targets",
    "evidence": "evidence items",
    "safety": "safety signals",
    "mechanisms": "drug mechanisms",
    "trials": "trials",
}


def empty_criteria(values: Iterable[dict]) -> list[str]:
    """Labels of the criteria that have no value for any of the ranked targets (all when there are none); a
    criterion no bundled data can fill says so ("no offline source: ...")."""
    seen: set[str] = set()
    for row in values:
        seen.update(key for key, value in (row or {}).items() if value is not None)
    return [
        f"{criterion.label} ({NO_OFFLINE_SOURCE[criterion.key]})"
        if criterion.key in NO_OFFLINE_SOURCE
        else criterion.label
        for criterion in CRITERIA
        if criterion.key not in seen
    ]


def source_freshness() -> dict[str, dict]:
    """source -> {source, label, run (newest), success, stale: [reasons], never, failed} by the one staleness
    rule (`targets.refresh.status.stale_reasons`: newest refresh failed, never succeeded, or older than
    STALE_AFTER); the refresh page's table and the coverage panel both read it."""
    now = timezone.now()
    return {
        status.source: {
            "source": status.source,
            "run": status.latest_run,
            "label": status.label,
            "stale": stale_reasons(status, now),
            "success": status.last_success,
            "never": status.last_success is None,
            "failed": status.latest_run is not None and status.latest_run.status == RefreshRun.Status.FAILED,
        }
        for status in source_status()
    }


def stale_for_badges(freshness: dict[str, dict]) -> dict[str, str]:
    """source -> why, for the per-row `stale <source>` badges: stale sources that were refreshed once or whose
    newest refresh failed (a source merely never refreshed is named once in the coverage panel, not on every row)."""
    return {
        source: "; ".join(item["stale"])
        for source, item in freshness.items()
        if item["stale"] and (not item["never"] or item["failed"])
    }


def run_sources(data_versions: dict, freshness: dict[str, dict], assembled: dict[str, int]) -> list[dict]:
    """One entry per external source: what the run recorded of it (release, newest fetch, records), how many
    of today's records are assembled, and its freshness."""
    entries = []
    for source in EXTERNAL_SOURCES:
        key = str(source)
        fed = data_versions.get(key) or {}
        fresh = freshness.get(key, {"stale": [], "never": True, "success": None, "label": source.label})
        entries.append(
            {
                "key": key,
                "label": source.label,
                "release": fed.get("release") or "",
                "fetched": (fed.get("last_fetched") or "")[:10],
                "records": fed.get("records", 0),
                "assembled": assembled.get(key, 0),
                "stale": fresh["stale"],
                "never": fresh["never"],
                "success": fresh["success"],
                "failed": fresh.get("failed", False),
            }
        )
    return entries


def curated_counts(data_versions: dict) -> list[str]:
    """The catalogue's part of a run in words ("38 targets", "87 evidence items", ...)."""
    words = []
    for name, kind in CURATED_KINDS.items():
        fingerprint = str(data_versions.get(name) or "")
        if ":" in fingerprint:
            words.append(f"{fingerprint.split(':', 1)[0]} {kind}")
    return words


def criterion_coverage(rows: Iterable[tuple[int, dict]], pairs: RecordPairs) -> list[dict]:
    """Per criterion: how many of the (target id, values) rows have a value, have none, and have only assembled
    records from the sources that feed it (those values count only when assembled data may move rankings)."""
    rows = list(rows)
    entries = []
    for definition in criterion_definitions():
        key, sources = definition["key"], definition["source_keys"]
        with_value = sum(1 for _, values in rows if (values or {}).get(key) is not None)
        assembled_only = sum(1 for target_id, _ in rows if _assembled_only(target_id, sources, pairs))
        entries.append(
            {
                "key": key,
                "label": definition["label"],
                "with_value": with_value,
                "missing": len(rows) - with_value,
                "assembled_only": assembled_only,
                "total": len(rows),
            }
        )
    return entries


def _assembled_only(target_id: int, sources: tuple[str, ...], pairs: RecordPairs) -> bool:
    """True when the target's records from these sources exist and are all assembled."""
    if any((target_id, source) in pairs.fetched for source in sources):
        return False
    return any((target_id, source) in pairs.assembled for source in sources)


def coverage_panel(run, rows: Iterable[tuple[int, dict]]) -> dict:
    """Everything the data-coverage panel shows for a run and the (target id, values) rows it covers."""
    freshness = source_freshness()
    pairs = record_pairs()
    versions = (run.data_versions if run else None) or {}
    sources = run_sources(versions, freshness, pairs.assembled_per_source)
    return {
        "sources": sources,
        "curated": curated_counts(versions),
        "criteria": criterion_coverage(rows, pairs),
        "stale": [s for s in sources if s["stale"] and (not s["never"] or s["failed"])],
        "never": [s for s in sources if s["never"] and not s["failed"]],
        "never_labels": [s["label"] for s in sources if s["never"]],
        "assembled_counted": settings.NICHERANK_RANK_ASSEMBLED_DATA,
        "freshness": freshness,
        "stale_after": STALE_AFTER.days,
    }
