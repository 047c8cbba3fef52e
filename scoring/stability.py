"""Rank stability by stochastic multicriteria acceptability analysis (SMAA).

Weight vectors are drawn from Dirichlet(concentration x normalised profile weights) over the criteria
with a positive weight (criteria the profile switches off stay off). Every target is re-ranked under each
draw; we report its median rank, the 5th and 95th percentile ranks (nearest-rank order statistics) and the
share of draws that put it in the top k. Within a draw, tied scores share the better rank.

Memory: samples are processed in chunks so that one chunk's score matrix stays near CHUNK_CELLS cells;
ranks are kept as unsigned 16-bit integers when there are fewer than 65,535 targets. Chunks run on a small
thread pool (numpy releases the GIL in matrix products and sorts); results do not depend on it.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from scoring.aggregation import Prepared, batch_scores

CHUNK_CELLS = 2_000_000  # targets x samples per chunk (16 MB per float64 array)
TIE_TOLERANCE = 1e-12  # scores closer than this within one draw are tied
PARETO_LAYER_STEP = 2.0  # sort key = layer x step - score; scores are within [0, 1] so layers never mix


@dataclass(frozen=True)
class Stability:
    """Per-target rank statistics over the sampled weights (rows not ranked hold NaN)."""

    median_rank: np.ndarray
    rank_p05: np.ndarray
    rank_p95: np.ndarray
    p_top_k: np.ndarray


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


def competition_ranks(keys: np.ndarray, dtype=np.int64) -> np.ndarray:
    """Rank each row of ``keys`` ``(s, n)`` ascending (1 = smallest); near-equal keys share a rank."""
    s, n = keys.shape
    order = np.argsort(keys, axis=1)
    ordered = np.take_along_axis(keys, order, axis=1)
    new_group = np.ones((s, n), dtype=bool)
    new_group[:, 1:] = np.diff(ordered, axis=1) > TIE_TOLERANCE
    start = np.where(new_group, np.arange(1, n + 1, dtype=dtype), 0).astype(dtype, copy=False)
    np.maximum.accumulate(start, axis=1, out=start)
    ranks = np.empty((s, n), dtype=dtype)
    np.put_along_axis(ranks, order, start, axis=1)
    return ranks


def _sort_keys(prep: Prepared, weights: np.ndarray, score_factor: np.ndarray | None) -> np.ndarray:
    scores = batch_scores(prep, weights)
    if score_factor is not None:
        scores = scores * score_factor
    if prep.method == "pareto":
        return prep.layers * PARETO_LAYER_STEP - scores
    return -scores


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
) -> Stability:
    """SMAA rank statistics for the rows of ``prep`` (which must all be eligible)."""
    n = prep.filled.shape[0]
    if samples < 1 or n == 0:
        empty = np.full(n, np.nan)
        return Stability(empty, empty.copy(), empty.copy(), empty.copy())
    draws = sample_weights(weights, samples=samples, concentration=concentration, seed=seed)
    dtype = np.uint16 if n < np.iinfo(np.uint16).max else np.uint32
    ranks = np.empty((samples, n), dtype=dtype)
    chunk = max(1, CHUNK_CELLS // n)

    def run(start: int) -> None:
        keys = _sort_keys(prep, draws[start : start + chunk], score_factor)
        ranks[start : start + chunk] = competition_ranks(keys, dtype=dtype)

    starts = range(0, samples, chunk)
    workers = workers or min(len(starts), os.cpu_count() or 1)
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, starts))
    else:
        for start in starts:
            run(start)
    return _summarise(ranks, top_k)


def _summarise(ranks: np.ndarray, top_k: int) -> Stability:
    samples = ranks.shape[0]
    lo = _nearest_rank_index(0.05, samples)
    hi = _nearest_rank_index(0.95, samples)
    mid_lo, mid_hi = (samples - 1) // 2, samples // 2
    kth = sorted({lo, hi, mid_lo, mid_hi})
    part = np.partition(ranks, kth, axis=0)
    median = (part[mid_lo].astype(np.float64) + part[mid_hi]) / 2.0
    p_top = (ranks <= top_k).mean(axis=0)
    return Stability(median, part[lo].astype(np.float64), part[hi].astype(np.float64), p_top)
