"""Result types of a ranking run."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.profiles import Profile


@dataclass(frozen=True)
class MatrixRanking:
    """Array result of `rank_matrix`; row i is input row i.

    ``ranks``: 1-based ranks, 0 for rows not eligible. ``order``: row indices best first, eligible rows
    only. ``layers``: Pareto layer per row (0 = non-dominated; -1 not eligible) or None for other methods.
    """

    scores: np.ndarray  # (n,)
    contributions: np.ndarray  # (n, m); rows sum to scores
    coverage: np.ndarray  # (n,)
    ranks: np.ndarray  # (n,) int
    order: np.ndarray  # (n_eligible,) int
    eligible: np.ndarray  # (n,) bool
    layers: np.ndarray | None


@dataclass(frozen=True)
class RankedTarget:
    """One target in a ranking, with the why (contributions, values) and how sure (stability)."""

    symbol: str
    rank: int | None
    score: float | None
    contributions: dict[str, float]
    values: dict[str, float | None]
    coverage: float
    eligible: bool
    excluded_reason: str
    direction: str
    flags: tuple[str, ...]
    median_rank: float | None
    rank_p05: int | None
    rank_p95: int | None
    p_top_k: float | None
    role: str = ""
    pareto_layer: int | None = None


@dataclass(frozen=True)
class Ranking:
    """A full ranking run: rows sorted by rank, gated-out targets last (rank None, with a reason)."""

    rows: tuple[RankedTarget, ...]
    criteria: tuple[str, ...]
    profile: Profile
    method: str
    missing: str
    input_hash: str
    code_version: str
    seed: int
    stability_samples: int
    criteria_versions: tuple[tuple[str, str], ...] = ()
    stability_components: tuple[str, ...] = ()  # sources of uncertainty the stability draws varied

    def get(self, symbol: str) -> RankedTarget:
        """The row for ``symbol``; KeyError if it is not in the ranking."""
        for row in self.rows:
            if row.symbol == symbol:
                return row
        raise KeyError(f"{symbol!r} is not in this ranking")

    def top(self, k: int | None = None) -> tuple[RankedTarget, ...]:
        """The first ``k`` ranked (eligible) rows; k defaults to the profile's top_k."""
        k = self.profile.top_k if k is None else k
        return tuple(row for row in self.rows if row.rank is not None)[:k]
