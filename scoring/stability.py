"""Rank stability by stochastic multicriteria acceptability analysis (SMAA).

Weight vectors are drawn from Dirichlet(concentration x normalised profile weights) over the criteria
with a positive weight (criteria the profile switches off stay off). Every target is re-ranked under each
draw; we report its median rank, the 5th and 95th percentile ranks (nearest-rank order statistics) and the
share of draws that put it in the top k.

Ties: targets whose data are identical on every weighted criterion score the same under any weights;
they are scored once and, in every draw, take consecutive ranks in the point ranking's tie order.
Other exact ties within a draw have probability zero with continuous weights; they are broken by a
canonical order of the targets (sorted by their data), so the result does not depend on input order.

Other sources of uncertainty (`components`): a caller may pass ``variants``, preparations of matrices built
with jittered thresholds and/or uncertain facts dropped (see `scoring.uncertainty`). The draws are then split
into equal consecutive blocks, one per variant (the draws are independent, so a block is as random as any
subset); each block is scored on its variant. Rows count as identical only if they are identical in every
variant. Precomputing a few variants keeps the inner loop a matrix product: the matrix does not change per draw.

Speed and memory: identical targets are scored once; samples are processed in chunks so that one chunk's
score matrix stays near CHUNK_CELLS cells; ranks are stored as unsigned 16-bit integers when there are fewer
than 65,535 targets and summarised by sorting each target's ranks (fast for small integers). Chunks run on
a small thread pool (numpy releases the GIL in matrix products and sorts); results do not depend on it.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from scoring.aggregation import Prepared, batch_scores, prepare
from scoring.criteria import CRITERIA, build_matrix, effective_thresholds
from scoring.uncertainty import variant_count, variant_matrices

CHUNK_CELLS = 1_000_000  # targets x samples per chunk (8 MB per float64 array)
MAX_RANK_CELLS = 250_000_000  # distinct targets x samples kept as ranks (500 MB as 16-bit integers)


WEIGHTS = "weights"


@dataclass(frozen=True)
class Stability:
    """Per-target rank statistics over the sampled weights (rows not ranked hold NaN), and which sources of
    uncertainty the draws varied (``components``, e.g. ``("weights", "thresholds", "data")``)."""

    median_rank: np.ndarray
    rank_p05: np.ndarray
    rank_p95: np.ndarray
    p_top_k: np.ndarray
    components: tuple[str, ...] = (WEIGHTS,)


def sample_weights(weights, *, samples: int, concentration: float, seed: int) -> np.ndarray:
    """Draw ``(samples, m)`` weight vectors around ``weights`` (normalised); zero weights stay zero."""
    w = np.asarray(weights, dtype=np.float64)
    w = w / w.sum()
    rng = np.random.default_rng(seed)
    positive = np.flatnonzero(w > 0)
    draws = np.zeros((samples, len(w)))
    gamma = rng.standard_gamma(concentration * w[positive], size=(samples, len(positive)))
    totals = gamma.sum(axis=1, keepdims=True)
    # A draw whose gammas all underflow to 0 falls back to the profile's own weights.
    draws[:, positive] = np.where(totals > 0, gamma / np.where(totals > 0, totals, 1.0), w[positive])
    return draws


@dataclass(frozen=True)
class _DrawOrder:
    """Orders targets within each draw by sorting one packed uint64 per target:
    (Pareto layer | quantised 1 - score | row index), so the smallest key is the best target.

    Sorting integers is faster than an argsort of floats, and exact ties fall back to the row index (a
    canonical order). Scores are quantised to ``score_bits`` bits (2**-49 for 20,000 targets, finer than
    any real difference); scores that close count as tied.
    """

    index_bits: int
    score_bits: int
    layer_high: np.ndarray | None  # (u,) uint64: each row's layer, shifted above score and index

    @classmethod
    def for_rows(cls, rows: int, layers: np.ndarray | None) -> _DrawOrder:
        index_bits = max(1, (rows - 1).bit_length())
        layer_bits = 0 if layers is None else max(1, int(layers.max(initial=0)).bit_length())
        score_bits = min(52, 64 - index_bits - layer_bits)
        high = None
        if layers is not None:
            high = layers.astype(np.uint64) << np.uint64(score_bits + index_bits)
        return cls(index_bits, score_bits, high)

    @property
    def scale(self) -> float:
        # Quantised key = scale x (1 - score) + 1: the +1 margin keeps float rounding above 0, and the
        # largest key stays below 2**score_bits.
        return float(2**self.score_bits - 4)

    def order(self, scaled_negative_scores: np.ndarray) -> np.ndarray:
        """Best-first row indices ``(s, u)`` (int64) from ``-scale x scores`` (the array is consumed)."""
        keys_float = scaled_negative_scores
        keys_float += self.scale + 1.0
        keys = keys_float.astype(np.uint64)
        keys <<= np.uint64(self.index_bits)
        keys |= np.arange(keys.shape[1], dtype=np.uint64)
        if self.layer_high is not None:
            keys |= self.layer_high
        keys.sort(axis=1)
        keys &= np.uint64((1 << self.index_bits) - 1)
        return keys.view(np.int64)


def _draw_ranks(order: np.ndarray, counts: np.ndarray | None, dtype) -> np.ndarray:
    """Ranks ``(s, u)`` from each draw's best-first ``order`` (consumed); row j stands for ``counts[j]``
    identical targets, which get the group's first rank here (so ranks count targets, not distinct rows);
    `rank_stability` then spreads the group over consecutive ranks."""
    s, u = order.shape
    if counts is None:
        positions = np.broadcast_to(np.arange(1, u + 1, dtype=dtype), (s, u))
    else:
        ordered_counts = counts[order]
        positions = np.cumsum(ordered_counts, axis=1, dtype=dtype)
        positions -= ordered_counts
        positions += 1
    order += (np.arange(s, dtype=np.int64) * u)[:, None]
    ranks = np.empty(s * u, dtype=dtype)
    ranks[order.ravel()] = positions.ravel()
    return ranks.reshape(s, u)


def _nearest_rank_index(fraction: float, samples: int) -> int:
    return max(0, math.ceil(fraction * samples) - 1)


def rank_stability(
    prep: Prepared,
    weights,
    *,
    samples: int,
    concentration: float,
    top_k: int,
    seed: int,
    score_factor: np.ndarray | None = None,
    workers: int | None = None,
    tie_order: np.ndarray | None = None,
    variants: Sequence[Prepared] = (),
    components: tuple[str, ...] = (WEIGHTS,),
) -> Stability:
    """SMAA rank statistics for the rows of ``prep`` (which must all be eligible).

    Identical rows tie in every draw; ``tie_order`` ((n,), e.g. the point ranks) orders them as the tie rule
    does, and they take consecutive ranks in that order, as in the point ranking (default: row order).
    ``variants``: preparations of perturbed matrices (same rows, method and policy); when given, the draws are
    shared among them in equal blocks instead of all using ``prep``. ``components`` labels the result."""
    n = prep.filled.shape[0]
    if samples < 1 or n == 0:
        empty = np.full(n, np.nan)
        return Stability(empty, empty.copy(), empty.copy(), empty.copy(), components)
    preps = list(variants) or [prep]
    for variant in preps:
        same_kind = (variant.method, variant.missing) == (prep.method, prep.missing)
        if variant.filled.shape != prep.filled.shape or not same_kind:
            raise ValueError("variants: each must prepare the same rows and criteria with the same method and policy")
    w = np.asarray(weights, dtype=np.float64)
    first, inverse, counts = _identical_groups(preps, w > 0, score_factor)
    u = len(first)
    if u * samples > MAX_RANK_CELLS:
        raise ValueError(
            f"stability_samples: {samples:,} draws x {u:,} distinct targets exceeds {MAX_RANK_CELLS:,} ranks; "
            "use fewer draws"
        )
    uniques = [_scoring_rows(variant, first) for variant in preps]
    orders = [_DrawOrder.for_rows(u, unique.layers) for unique in uniques]
    factor = None if score_factor is None else np.asarray(score_factor, dtype=np.float64)[first]
    draws = sample_weights(w, samples=samples, concentration=concentration, seed=seed)
    dtype = np.uint16 if n < np.iinfo(np.uint16).max else np.uint32
    ranks = np.empty((u, samples), dtype=dtype)  # target-major, so each target's ranks sort in place
    chunk = max(1, CHUNK_CELLS // u)
    shared = None if np.all(counts == 1) else counts.astype(dtype)

    def run(task: tuple[int, int, int]) -> None:
        index, start, stop = task
        draw_order = orders[index]
        keys = batch_scores(uniques[index], draws[start:stop], scale=-draw_order.scale)
        if factor is not None:
            keys *= factor
        ranks[:, start:stop] = _draw_ranks(draw_order.order(keys), shared, dtype).T

    bounds = np.linspace(0, samples, len(preps) + 1).round().astype(int)
    tasks = [
        (index, start, min(start + chunk, int(bounds[index + 1])))
        for index in range(len(preps))
        for start in range(int(bounds[index]), int(bounds[index + 1]), chunk)
    ]
    workers = workers or min(len(tasks), os.cpu_count() or 1)
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, tasks))
    else:
        for task in tasks:
            run(task)
    inverse = inverse.reshape(-1)
    offsets = _tie_offsets(inverse, np.arange(n) if tie_order is None else np.asarray(tie_order))
    tied = np.flatnonzero(offsets)
    # P(top k) of a tied row at offset i: draws where the shared rank is at most k - i (ranks sorted below).
    median, lo, hi, in_top = _summarise(ranks, top_k)
    expanded = [values[inverse] for values in (median, lo, hi, in_top)]
    for position, values in enumerate(expanded[:3]):
        expanded[position] = values + offsets
    for row in tied:
        sorted_ranks = ranks[inverse[row]]
        expanded[3][row] = np.searchsorted(sorted_ranks, max(top_k - int(offsets[row]), 0), side="right") / samples
    return Stability(*expanded, components=components)


def uncertainty_variants(
    facts: Sequence,
    *,
    method: str,
    missing: str,
    eligible: np.ndarray,
    positive: np.ndarray,
    seed: int,
    overrides=None,
    count: int | None = None,
) -> tuple[list[Prepared], tuple[str, ...]]:
    """Preparations of ``count`` (default `variant_count`) matrices with jittered thresholds and uncertain facts
    left out (see `scoring.uncertainty`), for `rank_stability`'s ``variants``, and the components they vary.

    Thresholds jitter around the run's own (``overrides`` applied). Pareto varies the weights only: its layers would
    be recomputed per matrix (5 s per matrix at 20,000 targets)."""
    if method == "pareto":
        return [], (WEIGHTS,)
    overrides = overrides or {}
    # The run's thresholds baked into copies of the criteria; the jitter then overrides those.
    criteria = [dataclasses.replace(c, thresholds=effective_thresholds(c, overrides.get(c.key))) for c in CRITERIA]
    count = variant_count(len(facts)) if count is None else count
    matrices, components = variant_matrices(facts, criteria, build_matrix, count=count, seed=seed)
    preps = [prepare(m, method=method, missing=missing, reference=eligible, positive=positive) for m in matrices]
    return preps, (WEIGHTS, *components)


def _scoring_rows(prep: Prepared, rows: np.ndarray) -> Prepared:
    """``prep.subset(rows)`` with only what `batch_scores` reads copied (the (n, m) value arrays stay empty):
    copying them for 16 matrices of 20,000 rows cost 0.1 s."""
    empty = np.empty((0, prep.filled.shape[1]))
    take = None if prep.worst_t is None else np.ascontiguousarray(prep.worst_t[:, rows])
    return Prepared(
        prep.method,
        prep.missing,
        empty,
        empty,
        empty,
        np.ascontiguousarray(prep.terms_t[:, rows]),
        np.ascontiguousarray(prep.observed_t[:, rows]),
        take,
        None if prep.layers is None else prep.layers[rows],
    )


def _identical_groups(preps: list[Prepared], positive: np.ndarray, score_factor) -> tuple[np.ndarray, ...]:
    """Groups of rows that score alike under any weights in every matrix: (first row of each group, group of each
    row, group sizes), groups in a canonical order (sorted by the first matrix's data).

    Rows are grouped on the first matrix, and only groups of several rows are split further on the others (a
    comparison over all matrices at once is slow: 0.45 s for 20,000 rows x 16 matrices)."""
    signature = preps[0].signature(positive)
    if score_factor is not None:
        signature = np.hstack([signature, np.asarray(score_factor, dtype=np.float64)[:, None]])
    _, first, inverse, counts = np.unique(signature, axis=0, return_index=True, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    shared = counts[inverse] > 1
    if len(preps) == 1 or not shared.any():
        return first, inverse, counts
    rows = np.flatnonzero(shared)
    wide = np.hstack([inverse[rows, None].astype(np.float64)] + [p.signature(positive)[rows] for p in preps[1:]])
    refined = np.unique(wide, axis=0, return_inverse=True)[1].reshape(-1)
    codes = inverse.astype(np.int64) * len(rows)  # keep the first matrix's order, split ties by the refinement
    codes[rows] += refined
    _, first, inverse, counts = np.unique(codes, return_index=True, return_inverse=True, return_counts=True)
    return first, inverse.reshape(-1), counts


def _tie_offsets(groups: np.ndarray, tie_order: np.ndarray) -> np.ndarray:
    """Each row's place (0, 1, ...) among the rows of its group, in ``tie_order``."""
    order = np.lexsort((tie_order, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    run_lengths = np.diff(np.r_[starts, len(order)])
    offsets = np.empty(len(order), dtype=np.int64)
    offsets[order] = np.arange(len(order)) - np.repeat(starts, run_lengths)
    return offsets


def _summarise(ranks: np.ndarray, top_k: int) -> tuple[np.ndarray, ...]:
    """Median, 5th and 95th percentile rank and P(rank <= top_k) per row of ``ranks`` ``(u, s)`` (sorted in
    place; small-integer sorts are fast)."""
    samples = ranks.shape[1]
    ranks.sort(axis=1)
    lo = _nearest_rank_index(0.05, samples)
    hi = _nearest_rank_index(0.95, samples)
    median = (ranks[:, (samples - 1) // 2].astype(np.float64) + ranks[:, samples // 2]) / 2.0
    in_top = (ranks <= top_k).sum(axis=1) / samples
    return median, ranks[:, lo].astype(np.float64), ranks[:, hi].astype(np.float64), in_top
