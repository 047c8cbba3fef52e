"""Explain stored rankings with the scoring package: rebuild a `scoring` Ranking from a run's stored rows (for
the compare page and any face that asks why one target sits above another)."""

from __future__ import annotations

from collections.abc import Iterable

from scoring.criteria import CRITERION_KEYS
from scoring.explain import PairExplanation, explain_pair
from scoring.results import Ranking
from targets.models import RankingRow, RankingRun
from targets.ranking.profiles import profile_spec
from targets.ranking.rows import ranked_target


def run_criteria(run: RankingRun) -> tuple[str, ...]:
    """The criterion keys a run was computed with (an old run keeps the criteria of its day)."""
    return tuple(item["key"] for item in run.criteria) or CRITERION_KEYS


def stored_ranking(run: RankingRun, rows: Iterable[RankingRow]) -> Ranking:
    """A scoring Ranking holding the given stored rows of ``run`` (rows need their target joined)."""
    keys = run_criteria(run)
    ranked = tuple(ranked_target(row, keys) for row in rows)
    return Ranking(
        rows=ranked,
        criteria=keys,
        profile=profile_spec(run.profile),
        method=run.method,
        missing=run.missing_policy,
        input_hash=run.input_hash,
        code_version=run.code_version,
        seed=run.seed,
        stability_samples=run.stability_samples,
    )


def explain_adjacent(ranking: Ranking) -> list[PairExplanation]:
    """Why each target is above the next one down, for the ranked rows in rank order."""
    ranked = sorted((row for row in ranking.rows if row.rank is not None), key=lambda row: row.rank)
    return [explain_pair(ranking, upper.symbol, lower.symbol) for upper, lower in zip(ranked, ranked[1:], strict=False)]
