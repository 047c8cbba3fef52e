"""Reads shared by the API and the web pages, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Count, F, Prefetch, Q

from targets.choices import EXTERNAL_SOURCES
from targets.flags import ASSEMBLED, UNVERIFIED, unverified_related
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
    SafetySignal,
    ScoringProfile,
    SourceRecord,
    Target,
)
from targets.models.catalogue import target_fields_unverified
from targets.ranking.rows import ROW_FIELDS

_ID_CHUNK = 5000
# A refresh queued from a face tags its runs "api:<user>#<token>" (or "web:…"); runs sharing the tag form one
# request.
REFRESH_REQUEST_TAG = "#"


def target_list_queryset():
    """Targets with their axis and whether a related fact is unverified, in symbol order."""
    return Target.objects.select_related("axis").annotate(unverified_related=unverified_related()).order_by("symbol")


def target_detail_queryset():
    """Targets with everything a detail view shows, prefetched."""
    return (
        Target.objects.select_related("axis")
        .annotate(unverified_related=unverified_related())
        .prefetch_related(
            Prefetch("mechanisms", queryset=DrugMechanism.objects.select_related("drug").order_by("drug__name")),
            Prefetch("trials", queryset=ClinicalTrial.objects.order_by("nct_id")),
            Prefetch("evidence", queryset=Evidence.objects.select_related("created_by").order_by("citation", "id")),
            Prefetch("safety_signals", queryset=SafetySignal.objects.select_related("drug").order_by("kind", "id")),
            Prefetch("source_records", queryset=SourceRecord.objects.defer("payload")),
            Prefetch("as_ligand", queryset=Interaction.objects.select_related("ligand", "receptor")),
            Prefetch("as_receptor", queryset=Interaction.objects.select_related("ligand", "receptor")),
        )
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


# A target's summary as the API shows it (TargetSummarySerializer, batch results), in that order.
TARGET_SUMMARY_FIELDS = (
    "symbol",
    "ensembl_id",
    "uniprot",
    "name",
    "axis",
    "compartment",
    "compartment_note",
    "role",
    "modalities",
    "stage_aml",
    "stage_aml_qualifiers",
    "stage_any",
    "stage_any_qualifiers",
    "has_unverified_facts",
)
_DERIVED = ("axis", "has_unverified_facts")
_TARGET_FIELDS = (*(key for key in TARGET_SUMMARY_FIELDS if key not in _DERIVED), "axis__name", "unverified_notes")


def _target_record(values: dict) -> dict:
    notes = (values["unverified_notes"], values["stage_aml_qualifiers"], values["stage_any_qualifiers"])
    derived = {
        "axis": values["axis__name"],
        "has_unverified_facts": values["unverified_related"] or target_fields_unverified(*notes),
    }
    return {key: derived[key] if key in derived else values[key] for key in TARGET_SUMMARY_FIELDS}


def _with_marks(row: dict) -> dict:
    """A row dict with 'unverified' and 'assembled' read from its flags (the API row shape)."""
    return {**row, "unverified": UNVERIFIED in row["flags"], "assembled": ASSEMBLED in row["flags"]}


def batch_records(run: RankingRun | None, target_ids: Sequence[int]) -> list[dict]:
    """For each target id (in the order given): {"target": its summary, "ranking": its row in the run or None},
    as plain data (the shape of the API's batch results). Two queries per 5,000 ids, whatever their number."""
    targets: dict[int, dict] = {}
    rows: dict[int, dict] = {}
    for chunk in _chunks(list(target_ids)):
        chunk_targets = Target.objects.filter(pk__in=chunk).annotate(unverified_related=unverified_related())
        for values in chunk_targets.values("pk", "unverified_related", *_TARGET_FIELDS):
            targets[values["pk"]] = _target_record(values)
        if run is not None:
            for values in RankingRow.objects.filter(run=run, target_id__in=chunk).values("target_id", *ROW_FIELDS):
                rows[values.pop("target_id")] = _with_marks(values)
    return [{"target": targets[pk], "ranking": rows.get(pk)} for pk in target_ids if pk in targets]


class RankOrderedIds:
    """The ids of a run's (filtered) rows in `ranking_rows` order, sliceable like a list, for a paginator.

    Ranks are unique within a run (ties are broken when ranking), so ranked rows are read in rank order
    straight off the (run, rank) index, without joining targets; only unranked rows (gated out, usually few)
    are sorted by symbol. At 20,000 targets a deep page costs about 6 ms of SQL instead of 45 ms.
    At most four queries: the count, the ranked count, the ranked slice, the unranked slice."""

    def __init__(self, rows) -> None:
        self._rows = rows.order_by()
        self._ranked_total: int | None = None

    def count(self) -> int:
        return self._rows.count()

    def _ranked_count(self) -> int:
        if self._ranked_total is None:
            self._ranked_total = self._rows.filter(rank__isnull=False).count()
        return self._ranked_total

    def __getitem__(self, index: slice) -> list[int]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankOrderedIds supports plain slices only")
        start, stop, ranked = index.start or 0, index.stop, self._ranked_count()
        ids: list[int] = []
        if start < ranked:
            in_rank_order = self._rows.filter(rank__isnull=False).order_by("rank").values_list("pk", flat=True)
            ids += in_rank_order[start : min(stop, ranked)]
        if stop > ranked:
            by_symbol = self._rows.filter(rank__isnull=True).order_by("target__symbol").values_list("pk", flat=True)
            ids += by_symbol[max(start - ranked, 0) : stop - ranked]
        return ids


def ranking_page_rows(ids: Sequence[int]) -> list[dict]:
    """Ranked rows by primary key, in the order given, as plain data with the target's symbol, axis, role and
    compartment (the API's row shape). The second half of a page fetch: the page's ids are found on narrow
    rows first, so wide rows (contributions, values) are never sorted, and no model instance is built."""
    rows = RankingRow.objects.filter(pk__in=list(ids)).values(
        "pk",
        *ROW_FIELDS,
        symbol=F("target__symbol"),
        axis=F("target__axis__name"),
        role=F("target__role"),
        compartment=F("target__compartment"),
    )
    found = {row.pop("pk"): _with_marks({"symbol": row.pop("symbol"), **row}) for row in rows}
    return [found[pk] for pk in ids if pk in found]


def refresh_runs():
    """Refresh runs, newest first."""
    return RefreshRun.objects.order_by("-created_at", "-id")


def refresh_request_runs(run: RefreshRun) -> list[RefreshRun]:
    """The runs queued by the same request as ``run`` (itself only, when it was not queued by the API)."""
    if REFRESH_REQUEST_TAG not in run.triggered_by:
        return [run]
    return list(RefreshRun.objects.filter(triggered_by=run.triggered_by).order_by("id"))


# --- web pages: rank history, stale-source badges, refresh status -----------------------------------


RANK_HISTORY_POINTS = 100


def rank_history(target: Target, limit: int = RANK_HISTORY_POINTS) -> list[RankingRow]:
    """The target's row in its newest ``limit`` stored runs, oldest first, with the run and its profile
    version joined (only the columns the chart shows: the page stays small however many runs exist)."""
    rows = (
        RankingRow.objects.filter(target=target)
        .select_related("run__profile")
        .only(
            "rank",
            "score",
            "run_id",
            "target_id",
            "run__created_at",
            "run__target_count",
            "run__profile__name",
            "run__profile__version",
        )
        .order_by("-run__created_at", "-run_id")[:limit]
    )
    return list(reversed(rows))


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


def assembled_provenance(target: Target) -> dict[str, set[str]]:
    """What on a target's page comes only from assembled (illustrative, not fetched) source records:
    ``sources`` whose records for the target are all assembled, and ``trials`` (NCT ids) whose only
    ClinicalTrials.gov record is assembled. Four small queries."""
    per_source = (
        SourceRecord.objects.filter(target=target)
        .values("source")
        .annotate(fetched=Count("id", filter=Q(assembled=False)))
    )
    trial_ids = list(target.trials.values_list("nct_id", flat=True))
    trials = SourceRecord.objects.filter(source="clinicaltrials", key__in=trial_ids)
    fetched_trials = set(trials.filter(assembled=False).values_list("key", flat=True))
    return {
        "sources": {row["source"] for row in per_source if row["fetched"] == 0},
        "trials": set(trials.filter(assembled=True).values_list("key", flat=True)) - fetched_trials,
    }
