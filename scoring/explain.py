"""Why is A above B: the criteria that separate two targets in a ranking, largest first."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.results import Ranking


@dataclass(frozen=True)
class PairItem:
    """One criterion's part in the gap between A and B (difference = contribution A - contribution B)."""

    criterion: str
    value_a: float | None
    value_b: float | None
    contribution_a: float
    contribution_b: float
    difference: float


@dataclass(frozen=True)
class PairExplanation:
    """Score gap between A and B split by criterion; items sorted from most in favour of A to most against."""

    a: str
    b: str
    rank_a: int | None
    rank_b: int | None
    score_a: float | None
    score_b: float | None
    score_difference: float
    method: str
    items: tuple[PairItem, ...]
    summary: str

    @property
    def favouring_a(self) -> tuple[PairItem, ...]:
        return tuple(item for item in self.items if item.difference > 0)

    @property
    def favouring_b(self) -> tuple[PairItem, ...]:
        return tuple(item for item in reversed(self.items) if item.difference < 0)


def _describe(items, symbol: str) -> str:
    if not items:
        return f"nothing favours {symbol}"
    parts = ", ".join(f"{item.criterion} {abs(item.difference):+.3f}" for item in items[:3])
    return f"favouring {symbol}: {parts}"


def explain_pair(ranking: Ranking, a: str, b: str) -> PairExplanation:
    """Which criteria put ``a`` above (or below) ``b``, and by how much. KeyError for an unknown symbol."""
    row_a, row_b = ranking.get(a), ranking.get(b)
    items = sorted(
        (
            PairItem(
                criterion=key,
                value_a=row_a.values[key],
                value_b=row_b.values[key],
                contribution_a=row_a.contributions[key],
                contribution_b=row_b.contributions[key],
                difference=row_a.contributions[key] - row_b.contributions[key],
            )
            for key in ranking.criteria
        ),
        key=lambda item: (-item.difference, item.criterion),
    )
    gap = (row_a.score or 0.0) - (row_b.score or 0.0)
    explanation = PairExplanation(
        a, b, row_a.rank, row_b.rank, row_a.score, row_b.score, gap, ranking.method, tuple(items), ""
    )
    position = "above" if gap > 0 else "below" if gap < 0 else "level with"
    summary = (
        f"{a} (rank {row_a.rank}) scores {abs(gap):.3f} {position} {b} (rank {row_b.rank}); "
        f"{_describe(explanation.favouring_a, a)}; {_describe(explanation.favouring_b, b)}."
    )
    if ranking.method == "pareto" and row_a.pareto_layer != row_b.pareto_layer:
        summary += f" Pareto layers differ ({row_a.pareto_layer} vs {row_b.pareto_layer}) and decide the order."
    return PairExplanation(**{**explanation.__dict__, "summary": summary})
