"""Per-source refresh status for the API and the web: latest run, last success, stale flag and reasons.

The staleness rule lives here, once: a source's data is stale when its newest decisive refresh failed, its
newest refresh failed, it never refreshed successfully, or its last success is older than STALE_AFTER."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from targets.choices import EXTERNAL_SOURCES, Source
from targets.models import RefreshRun, SourceRecord

Status = RefreshRun.Status
STALE_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class SourceStatus:
    """Where one source stands. ``stale`` is True when its latest meaningful run failed after writing
    nothing or only part of its data: the data shown is the last good one, for ``stale_reason``."""

    source: str
    label: str
    latest_run: RefreshRun | None
    last_success: RefreshRun | None
    stale: bool
    stale_reason: str
    in_progress: bool
    records: int
    last_fetched: object
    release: str


def _newest_by_source(runs) -> dict[str, RefreshRun]:
    """source -> the newest run among ``runs`` (one query, whatever the number of sources or runs)."""
    newest = runs.filter(source=OuterRef("source")).order_by("-created_at", "-pk").values("pk")[:1]
    return {run.source: run for run in runs.filter(pk=Subquery(newest))}


def _decisive_runs() -> dict[str, RefreshRun]:
    """Per source, the newest run that says something about its data: a success, or a failure that marked it
    stale. Failed runs without a stale reason (lost a race, never started) say nothing."""
    decisive = Q(status=Status.SUCCEEDED) | (Q(status=Status.FAILED) & ~Q(stale_reason=""))
    return _newest_by_source(RefreshRun.objects.filter(decisive, source__in=EXTERNAL_SOURCES))


def stale_sources() -> dict[str, str]:
    """Sources whose data is stale (their newest decisive refresh failed): source -> why."""
    return {source: run.stale_reason for source, run in _decisive_runs().items() if run.status == Status.FAILED}


def source_status() -> list[SourceStatus]:
    """The status of every external source, in a fixed order (five queries, whatever the number of sources)."""
    records = {
        row["source"]: row
        for row in SourceRecord.objects.values("source").annotate(
            n=Count("id"), last_fetched=Max("fetched_at"), release=Max("release")
        )
    }
    decisive = _decisive_runs()
    external = RefreshRun.objects.filter(source__in=EXTERNAL_SOURCES)
    latest_runs = _newest_by_source(external)
    successes = _newest_by_source(external.filter(status=Status.SUCCEEDED))
    busy = set(external.filter(status__in=[Status.QUEUED, Status.RUNNING]).values_list("source", flat=True))
    statuses = []
    for source in EXTERNAL_SOURCES:
        run = decisive.get(str(source))
        stale = run is not None and run.status == Status.FAILED
        row = records.get(str(source), {})
        statuses.append(
            SourceStatus(
                source=str(source),
                label=Source(source).label,
                latest_run=latest_runs.get(str(source)),
                last_success=successes.get(str(source)),
                stale=stale,
                stale_reason=run.stale_reason if stale else "",
                in_progress=str(source) in busy,
                records=row.get("n", 0),
                last_fetched=row.get("last_fetched"),
                release=row.get("release") or "",
            )
        )
    return statuses


def stale_reasons(status: SourceStatus, now: datetime | None = None) -> list[str]:
    """Why a reader should not take this source's data as current, in words (empty when it is fresh)."""
    now = now or timezone.now()
    run, success = status.latest_run, status.last_success
    reasons = [status.stale_reason] if status.stale else []
    if run and run.status == Status.FAILED:
        reasons.append("the newest refresh failed")
    if success is None:
        reasons.append("never refreshed successfully")
    elif success.finished_at and now - success.finished_at > STALE_AFTER:
        reasons.append(f"last success {(now - success.finished_at).days} days ago")
    return reasons
