"""Unsaved rankings: a profile that has no stored run yet, and what-ifs (weights, method) over a profile.

Preview rows expose the same attributes as `RankingRow` and `preview_run` is an unsaved `RankingRun`
describing the ranking (its weights, method and policies), so one template and one export builder serve
stored and unsaved rankings alike. Ranks are always computed over every target; a subset (filters,
`symbols`) is chosen afterwards, so a preview's ranks compare with the full list's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from scoring.criteria import CRITERION_KEYS
from scoring.results import RankedTarget, Ranking
from targets.flags import row_marks
from targets.models import RankingRun, ScoringProfile, Target
from targets.ranking.profiles import profile_model_values
from targets.ranking.rows import row_fields
from targets.ranking.runs import run_values
from targets.ranking.whatif import what_if

# Query parameters of a what-if besides the filters: each criterion key (its weight) and the method.
WHAT_IF_PARAMS = ("method", *CRITERION_KEYS)


def preview_ranking(profile: ScoringProfile, fields: Mapping | None = None) -> Ranking:
    """Rank every target under a profile's stored version with ``fields`` overriding it (weights it does not
    name keep the profile's); no stability samples. Raises ValueError naming an invalid field."""
    data = {"base_profile": profile.name, **(fields or {})}
    if "weights" in data:
        data["weights"] = {**profile.weights, **data["weights"]}
    return what_if(data=data).ranking


@dataclass
class PreviewRow:
    """A row of an unsaved ranking, shaped like RankingRow."""

    target: Target
    rank: int | None
    score: float | None
    contributions: dict
    values: dict
    coverage: float
    eligible: bool
    excluded_reason: str
    direction: str
    flags: list = field(default_factory=list)
    median_rank: float | None = None
    rank_p05: int | None = None
    rank_p95: int | None = None
    p_top_k: float | None = None

    @classmethod
    def from_ranked(cls, target: Target, row: RankedTarget) -> PreviewRow:
        return cls(target=target, **row_fields(row))


def preview_rows_of(ranking: Ranking, targets: Iterable[Target]) -> list[PreviewRow]:
    """The ranking's rows of the given targets (ranks stay those among all targets), in rank order, each with
    its unverified/assembled marks as a stored row has them."""
    wanted = {target.symbol: target for target in targets}
    rows = [PreviewRow.from_ranked(wanted[row.symbol], row) for row in ranking.rows if row.symbol in wanted]
    marks = row_marks(target.pk for target in wanted.values())
    for row in rows:
        row.flags += marks.get(row.target.pk, [])
    return rows


def preview_run(profile: ScoringProfile, ranking: Ranking) -> RankingRun:
    """An unsaved run describing an unsaved ranking: the base profile's name and version, with the weights,
    method and policies the ranking used (a what-if's, not the stored ones); `pk` is None."""
    shown = ScoringProfile(name=profile.name, version=profile.version, **profile_model_values(ranking.profile))
    return RankingRun(profile=shown, created_at=timezone.now(), **run_values(ranking))
