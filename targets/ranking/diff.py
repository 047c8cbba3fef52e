"""Compare two ranking runs: which ranks moved, and whether the data or the weights moved them.

Attribution uses the criterion values each run stored: run B's values ranked under run A's profile give
a counterfactual rank. The move from A to that counterfactual is the data's doing (same weights, new
data); the rest, from the counterfactual to B, is the weights' (same data, new profile)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.criteria import CRITERION_KEYS
from scoring.engine import rank_under_profile
from targets.models import RankingRun
from targets.ranking.facts import build_facts, targets_for_scoring
from targets.ranking.profiles import is_legacy, profile_spec
from targets.ranking.run_changes import setting_changes

VALUE_TOLERANCE = 1e-9
# A score change a reader can see: half the last digit of the three decimals the pages show.
SCORE_EPSILON = 5e-4


@dataclass(frozen=True)
class RowDiff:
    """How one target moved between two runs."""

    symbol: str
    rank_a: int | None
    rank_b: int | None
    moved: int | None  # positive = moved up (towards rank 1)
    by_data: int | None
    by_weights: int | None
    cause: str  # "unchanged" | "data" | "weights" | "data and weights" | "added" | "removed"
    changed_criteria: tuple[str, ...]
    score_a: float | None = None
    score_b: float | None = None

    @property
    def score_changed(self) -> bool:
        """The score moved by more than SCORE_EPSILON (with or without a rank move)."""
        if self.score_a is None or self.score_b is None:
            return False
        return abs(self.score_b - self.score_a) > SCORE_EPSILON


@dataclass(frozen=True)
class RunDiff:
    """Two runs compared, target by target, most moved first."""

    run_a: RankingRun
    run_b: RankingRun
    profile_changed: bool
    data_changed: bool
    rows: tuple[RowDiff, ...]


def _values_matrix(rows) -> np.ndarray:
    return np.array(
        [[np.nan if row.values.get(key) is None else row.values[key] for key in CRITERION_KEYS] for row in rows],
        dtype=np.float64,
    ).reshape(len(rows), len(CRITERION_KEYS))


def _changed(values_a: dict, values_b: dict) -> tuple[str, ...]:
    changed = []
    for key in CRITERION_KEYS:
        a, b = values_a.get(key), values_b.get(key)
        if (a is None) != (b is None) or (a is not None and abs(a - b) > VALUE_TOLERANCE):
            changed.append(key)
    return tuple(changed)


def _cause(by_data: int, by_weights: int, moved: int) -> str:
    if moved == 0 and by_data == 0:
        return "unchanged"
    if by_data and by_weights:
        return "data and weights"
    return "data" if by_data else "weights"


def diff_runs(run_a: RankingRun, run_b: RankingRun) -> RunDiff:
    """Compare run A (before) with run B (after)."""
    rows_a = {row.target.symbol: row for row in run_a.rows.select_related("target")}
    rows_b = {row.target.symbol: row for row in run_b.rows.select_related("target")}
    common = sorted(rows_a.keys() & rows_b.keys())
    counterfactual = _counterfactual_ranks(run_a, [rows_b[symbol] for symbol in common], common)
    diffs = []
    for symbol in common:
        a, b = rows_a[symbol], rows_b[symbol]
        changed = _changed(a.values, b.values)
        if a.rank is None or b.rank is None:
            both_out = a.rank is None and b.rank is None and not changed  # gated out in both, same values
            cause = "unchanged" if both_out else _gate_cause(changed)
            diffs.append(RowDiff(symbol, a.rank, b.rank, None, None, None, cause, changed, a.score, b.score))
            continue
        middle = counterfactual.get(symbol) or a.rank
        moved, by_data, by_weights = a.rank - b.rank, a.rank - middle, middle - b.rank
        cause = _cause(by_data, by_weights, moved)
        diffs.append(RowDiff(symbol, a.rank, b.rank, moved, by_data, by_weights, cause, changed, a.score, b.score))
    diffs += [
        RowDiff(s, None, rows_b[s].rank, None, None, None, "added", ()) for s in sorted(rows_b.keys() - rows_a.keys())
    ]
    diffs += [
        RowDiff(s, rows_a[s].rank, None, None, None, None, "removed", ()) for s in sorted(rows_a.keys() - rows_b.keys())
    ]
    diffs.sort(key=lambda d: (-(abs(d.moved) if d.moved is not None else 10**9), d.symbol))
    return RunDiff(
        run_a=run_a,
        run_b=run_b,
        profile_changed=bool(setting_changes(run_a, run_b)),
        data_changed=any(d.changed_criteria for d in diffs) or bool(rows_a.keys() ^ rows_b.keys()),
        rows=tuple(diffs),
    )


def _gate_cause(changed: tuple[str, ...]) -> str:
    return "data" if changed else "weights"


def _counterfactual_ranks(run_a: RankingRun, rows_b: list, symbols: list[str]) -> dict[str, int]:
    """Ranks of B's stored values under A's whole profile: its weights, method, missing-data policy, gates and
    dual-role policy (`scoring.engine.rank_under_profile`); the gates read each target's facts as they are now."""
    if not rows_b or is_legacy(run_a.profile):
        return {}  # a profile of retired criteria cannot rank today's values: the whole move is the model's
    by_symbol = {facts.symbol: facts for facts in build_facts(targets_for_scoring().filter(symbol__in=symbols))}
    result = rank_under_profile([by_symbol[s] for s in symbols], _values_matrix(rows_b), profile_spec(run_a.profile))
    return {symbol: int(rank) for symbol, rank in zip(symbols, result.ranks, strict=True) if rank > 0}
