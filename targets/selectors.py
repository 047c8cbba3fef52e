"""Reads shared by the API and the web pages, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch

from targets.choices import EXTERNAL_SOURCES
from targets.models import (
    Axis,
    ClinicalTrial,
    Drug,
    DrugMechanism,
    Evidence,
    Interaction,
    RankingRow,
    RankingRun,
    RefreshRun,
    ScoringProfile,
    SourceRecord,
    Target,
)

_ID_CHUNK = 5000
# A refresh queued through the API tags its runs "api:<user>#<token>"; runs sharing the tag form one request.
REFRESH_REQUEST_TAG = "#"


def target_list_queryset():
    """Targets with their axis, in symbol order."""
    return Target.objects.select_related("axis").order_by("symbol")


def target_detail_queryset():
    """Targets with everything a detail view shows, prefetched."""
    return Target.objects.select_related("axis").prefetch_related(
        Prefetch("mechanisms", queryset=DrugMechanism.objects.select_related("drug").order_by("drug__name")),
        Prefetch("trials", queryset=ClinicalTrial.objects.order_by("nct_id")),
        Prefetch("evidence", queryset=Evidence.objects.select_related("created_by")),
        Prefetch("source_records", queryset=SourceRecord.objects.defer("payload")),
        Prefetch("as_ligand", queryset=Interaction.objects.select_related("ligand", "receptor")),
        Prefetch("as_receptor", queryset=Interaction.objects.select_related("ligand", "receptor")),
    )


def ranking_rows(run: RankingRun):
    """A run's rows in rank order (ineligible last), with the target and its axis joined."""
    return (
        RankingRow.objects.filter(run=run)
        .select_related("target__axis")
        .order_by(RankingRow._meta.ordering[1], "target__symbol")
    )


def ranking_runs():
    """Stored runs, newest first, with their profile version."""
    return RankingRun.objects.select_related("profile").order_by("-created_at", "-id")


def axes_queryset():
    """Axes with the symbols of their targets."""
    return Axis.objects.prefetch_related(Prefetch("targets", queryset=Target.objects.only("id", "symbol", "axis")))


def interactions_queryset():
    """Ligand-receptor pairs with both partners joined."""
    return Interaction.objects.select_related("ligand", "receptor").order_by("ligand__symbol", "receptor__symbol")


def drugs_queryset():
    """Drugs with the targets they act on and the trials testing them."""
    return Drug.objects.prefetch_related(
        Prefetch("mechanisms", queryset=DrugMechanism.objects.select_related("target").order_by("target__symbol")),
        Prefetch("trials", queryset=ClinicalTrial.objects.only("id", "nct_id")),
    ).order_by("name")


def trials_queryset():
    """Clinical trials with the targets and drugs they test."""
    return ClinicalTrial.objects.prefetch_related(
        Prefetch("targets", queryset=Target.objects.only("id", "symbol")),
        Prefetch("drugs", queryset=Drug.objects.only("id", "name")),
    ).order_by("nct_id")


def evidence_queryset():
    """Evidence with its target and author."""
    return Evidence.objects.select_related("target", "created_by").order_by("target__symbol", "citation", "id")


def current_profiles():
    """The current version of every profile, by name."""
    return ScoringProfile.objects.filter(is_current=True).select_related("owner").order_by("name")


def profile_versions(name: str):
    """Every stored version of a profile, newest first."""
    return ScoringProfile.objects.filter(name=name).select_related("owner").order_by("-version")


def _chunks(values: Sequence[int]):
    for start in range(0, len(values), _ID_CHUNK):
        yield values[start : start + _ID_CHUNK]


def batch_records(run: RankingRun | None, target_ids: Sequence[int]) -> list[dict]:
    """For each target id (in the order given): {"target": Target, "ranking": its row in the run or None}.

    Two queries per 5,000 ids, whatever their number."""
    targets: dict[int, Target] = {}
    rows: dict[int, RankingRow] = {}
    for chunk in _chunks(list(target_ids)):
        targets.update((t.pk, t) for t in Target.objects.select_related("axis").filter(pk__in=chunk))
        if run is not None:
            rows.update((r.target_id, r) for r in RankingRow.objects.filter(run=run, target_id__in=chunk))
    return [{"target": targets[pk], "ranking": rows.get(pk)} for pk in target_ids if pk in targets]


def refresh_runs():
    """Refresh runs, newest first."""
    return RefreshRun.objects.order_by("-created_at", "-id")


def refresh_request_runs(run: RefreshRun) -> list[RefreshRun]:
    """The runs queued by the same request as ``run`` (itself only, when it was not queued by the API)."""
    if REFRESH_REQUEST_TAG not in run.triggered_by:
        return [run]
    return list(RefreshRun.objects.filter(triggered_by=run.triggered_by).order_by("id"))


# --- web pages -------------------------------------------------------------------------------------
# The web engineer's selectors (rank history, stale-source badges); re-created here after the API engineer
# overwrote them by mistake — the web engineer should check they match what the pages expect.


def rank_history(target: Target):
    """The target's row in every stored run, oldest first, with the run and its profile version joined."""
    return (
        RankingRow.objects.filter(target=target)
        .select_related("run__profile", "target")
        .order_by("run__created_at", "run_id")
    )


def stale_sources() -> dict[str, str]:
    """Sources whose latest finished refresh failed or was marked stale: source -> why."""
    stale: dict[str, str] = {}
    finished = [RefreshRun.Status.SUCCEEDED, RefreshRun.Status.FAILED]
    for source in EXTERNAL_SOURCES:
        run = RefreshRun.objects.filter(source=source, status__in=finished).order_by("-created_at", "-id").first()
        if run is None:
            continue
        if run.stale_reason:
            stale[str(source)] = run.stale_reason
        elif run.status == RefreshRun.Status.FAILED:
            when = run.finished_at or run.created_at
            stale[str(source)] = f"last refresh failed ({when:%Y-%m-%d %H:%M})"
    return stale


def targets_with_records_from(target_ids: Iterable[int], sources: Iterable[str]) -> dict[int, set[str]]:
    """For each of the targets, which of the given sources its source records come from (one query)."""
    target_ids, sources = list(target_ids), list(sources)
    if not target_ids or not sources:
        return {}
    found: dict[int, set[str]] = defaultdict(set)
    pairs = (
        SourceRecord.objects.filter(target_id__in=target_ids, source__in=sources)
        .values_list("target_id", "source")
        .distinct()
    )
    for target_id, source in pairs:
        found[target_id].add(source)
    return dict(found)


def newest_refresh_runs() -> dict[str, RefreshRun]:
    """The newest RefreshRun of each external source that has one (any status), by source."""
    newest: dict[str, RefreshRun] = {}
    for source in EXTERNAL_SOURCES:
        run = RefreshRun.objects.filter(source=source).order_by("-created_at", "-id").first()
        if run is not None:
            newest[str(source)] = run
    return newest
