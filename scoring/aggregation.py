"""Aggregation methods and missing-data policies on arrays.

One `Prepared` object holds everything that does not depend on the weights, so the same code scores
one weight vector (the profile) and thousands of sampled ones (stability, `scoring.stability`).

Shapes: ``matrix`` is ``(n, m)`` with NaN for missing; weights are ``(m,)`` or ``(s, m)`` and are
normalised to sum 1 per row; batch scores come out ``(s, n)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.errors import FieldError
from scoring.pareto import pareto_layers

NEUTRAL_VALUE = 0.5  # "neutral" policy: a missing value counts as middling
COVERAGE_PENALTY = 0.5  # "renormalise" policy: score x (1 - COVERAGE_PENALTY x missing weight share)
GEOMETRIC_FLOOR = 0.01  # geometric mean: values are floored here so a 0 drags hard without giving log(0)

METHODS = ("weighted_sum", "geometric", "topsis", "pareto")
MISSING_POLICIES = ("renormalise", "neutral", "zero")


def policy_definitions() -> dict:
    """JSON-ready constants of the methods and missing-data policies."""
    return {
        "methods": list(METHODS),
        "missing_policies": list(MISSING_POLICIES),
        "neutral_value": NEUTRAL_VALUE,
        "coverage_penalty": COVERAGE_PENALTY,
        "geometric_floor": GEOMETRIC_FLOOR,
    }


def row_sum(values: np.ndarray) -> np.ndarray:
    """Sum the columns of ``(n, m)`` left to right.

    Unlike ``values.sum(axis=1)`` or a matrix product, the result for a row never depends on where the row
    sits in memory, so shuffling the input cannot change a score in its last bit.
    """
    total = np.zeros(values.shape[0])
    for column in values.T:
        total = total + column
    return total


def normalise_weights(weights) -> np.ndarray:
    """Check weights (finite, >= 0, not all 0) and scale them to sum 1 along the last axis."""
    w = np.asarray(weights, dtype=np.float64)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise FieldError("weights", "must be finite and >= 0")
    total = w.sum(axis=-1, keepdims=True)
    if np.any(total <= 0):
        raise FieldError("weights", "at least one weight must be > 0")
    return w / total


def coverage(matrix: np.ndarray, weights) -> np.ndarray:
    """Weighted share of observed criteria per row, in [0, 1]."""
    return row_sum((~np.isnan(matrix)) * normalise_weights(weights))


_TINY = 1e-200  # coverage guard (no overflow even x 2**52): an uncovered row has a total of exactly 0


@dataclass(frozen=True)
class Prepared:
    """Weight-independent arrays for one method and missing policy over the rows being scored.

    The ``*_t`` arrays are stored criterion-major ``(m, n)`` so products with many weight rows read them
    contiguously, and one weight row sums them criterion by criterion (exact per row, see `row_sum`).
    """

    method: str
    missing: str
    filled: np.ndarray  # (n, m) values with the policy's fill for missing
    used: np.ndarray  # (n, m) float 1/0: does this cell take part (renormalise: observed only)
    observed: np.ndarray  # (n, m) float 1/0
    terms_t: np.ndarray  # (m, n) per-cell term combined with the weights (see `prepare`)
    observed_t: np.ndarray  # (m, n)
    worst_t: np.ndarray | None  # (m, n) TOPSIS: squared distance to the anti-ideal per cell
    layers: np.ndarray | None  # (n,) Pareto layers (0 = non-dominated)

    def subset(self, rows: np.ndarray) -> Prepared:
        """The same preparation restricted to ``rows`` (TOPSIS ideals and Pareto layers are kept as computed)."""
        return Prepared(
            self.method,
            self.missing,
            self.filled[rows],
            self.used[rows],
            self.observed[rows],
            np.ascontiguousarray(self.terms_t[:, rows]),
            np.ascontiguousarray(self.observed_t[:, rows]),
            None if self.worst_t is None else np.ascontiguousarray(self.worst_t[:, rows]),
            None if self.layers is None else self.layers[rows],
        )

    def signature(self, positive: np.ndarray) -> np.ndarray:
        """``(n, k)`` rows that are equal exactly when two targets score the same under any weights."""
        parts = [self.terms_t[positive].T]
        if self.missing == "renormalise":
            parts.append(self.observed_t[positive].T)
        if self.worst_t is not None:
            parts.append(self.worst_t[positive].T)
        if self.layers is not None:
            parts.append(self.layers[:, None].astype(np.float64))
        return np.hstack(parts)


def prepare(
    matrix: np.ndarray,
    *,
    method: str,
    missing: str,
    reference: np.ndarray | None = None,
    positive: np.ndarray | None = None,
) -> Prepared:
    """Precompute the weight-independent part of the method.

    ``reference`` (bool, (n,)) marks the rows that define TOPSIS's ideal, anti-ideal and column norms and
    that take part in Pareto sorting (the eligible ones); ``positive`` marks criteria with weight > 0
    (Pareto dominance only looks at those).
    """
    if method not in METHODS:
        raise FieldError("method", f"must be one of {', '.join(METHODS)}; got {method!r}")
    if missing not in MISSING_POLICIES:
        raise FieldError("missing", f"must be one of {', '.join(MISSING_POLICIES)}; got {missing!r}")
    matrix = np.asarray(matrix, dtype=np.float64)
    n, m = matrix.shape
    observed_mask = ~np.isnan(matrix)
    observed = observed_mask.astype(np.float64)
    fill = NEUTRAL_VALUE if missing == "neutral" else 0.0
    filled = np.where(observed_mask, matrix, fill)
    used = observed if missing == "renormalise" else np.ones_like(observed)
    reference = np.ones(n, dtype=bool) if reference is None else np.asarray(reference, dtype=bool)
    worst = None
    layers = None
    if method in ("weighted_sum", "pareto"):
        terms = filled * used
    elif method == "geometric":
        terms = np.log(np.maximum(filled, GEOMETRIC_FLOOR)) * used
    else:  # topsis: vector-normalised columns; squared distances to ideal and anti-ideal per cell
        ref_values = filled[reference] * used[reference]
        norms = np.sqrt(np.sort(ref_values**2, axis=0).sum(axis=0))  # sorted: independent of row order
        normalised = np.divide(filled, norms, out=np.zeros_like(filled), where=norms > 0)
        ref_used = used[reference].astype(bool)
        ref_norm = normalised[reference]
        best = np.where(ref_used, ref_norm, -np.inf).max(axis=0, initial=-np.inf)
        low = np.where(ref_used, ref_norm, np.inf).min(axis=0, initial=np.inf)
        best = np.where(np.isfinite(best), best, 0.0)
        low = np.where(np.isfinite(low), low, 0.0)
        terms = (normalised - best) ** 2 * used
        worst = np.ascontiguousarray(((normalised - low) ** 2 * used).T)
    if method == "pareto":
        positive = np.ones(m, dtype=bool) if positive is None else np.asarray(positive, dtype=bool)
        layers = np.full(n, -1, dtype=np.int64)
        layers[reference] = pareto_layers(filled[reference][:, positive])
    return Prepared(
        method,
        missing,
        filled,
        used,
        observed,
        np.ascontiguousarray(terms.T),
        np.ascontiguousarray(observed.T),
        worst,
        layers,
    )


# Products with many weight rows are split into column blocks of at most this many multiply-adds. OpenBLAS
# runs a product that small on the calling thread; larger ones wake its thread pool, whose threads then
# spin and steal the cores from the stability workers (measured: 1.25 s -> 0.69 s CPU for 20,000 x 1,000).
SMALL_PRODUCT = 2**18


def _dot(weights: np.ndarray, terms_t: np.ndarray) -> np.ndarray:
    """``weights (s, m) @ terms_t (m, n)``; a single weight row is summed criterion by criterion (exact)."""
    s, m = weights.shape
    n = terms_t.shape[1]
    if s == 1:
        return row_sum((terms_t * weights[0][:, None]).T)[None, :]
    out = np.empty((s, n))
    block = max(64, SMALL_PRODUCT // max(1, s * m))
    for start in range(0, n, block):
        np.matmul(weights, terms_t[:, start : start + block], out=out[:, start : start + block])
    return out


def batch_scores(prep: Prepared, weights: np.ndarray, *, scale: float = 1.0) -> np.ndarray:
    """``scale`` x scores ``(s, n)`` for weight rows ``(s, m)`` (each normalised to sum 1). Never NaN.

    For Pareto these are the weighted-sum scores used to order targets within a layer. Works in place and
    folds ``scale`` into the arithmetic where it is free (this is the inner loop of rank stability).
    """
    w = np.atleast_2d(weights)
    renormalise = prep.missing == "renormalise"
    if renormalise:
        cov = _dot(w, prep.observed_t)
        uncovered = cov <= 0
        np.maximum(cov, _TINY, out=cov)
    if prep.method in ("weighted_sum", "pareto"):
        scores = _dot(w, prep.terms_t)
        if renormalise:  # total / cov x (1 - penalty x (1 - cov)) = total x ((1 - penalty) / cov + penalty)
            np.divide(scale * (1.0 - COVERAGE_PENALTY), cov, out=cov)
            cov += scale * COVERAGE_PENALTY
            scores *= cov
        elif scale != 1.0:
            scores *= scale
        return scores  # an uncovered row's total is exactly 0
    if prep.method == "geometric":
        scores = _dot(w, prep.terms_t)
        if renormalise:
            scores /= cov
        np.exp(scores, out=scores)
    else:
        w2 = w * w
        d_best = np.sqrt(_dot(w2, prep.terms_t))
        d_worst = np.sqrt(_dot(w2, prep.worst_t))
        spread = d_best + d_worst
        scores = np.divide(d_worst, spread, out=np.full_like(spread, 0.5), where=spread > 0)
    if renormalise:
        scores *= scale * (1.0 - COVERAGE_PENALTY * (1.0 - cov))
        scores[uncovered] = 0.0
    elif scale != 1.0:
        scores *= scale
    return scores


def contributions(prep: Prepared, weights: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per-criterion contributions ``(n, m)`` that sum to ``scores`` along each row.

    Weighted sum: weight x value (renormalised over observed criteria and scaled by the coverage penalty).
    Other methods: the score is split in proportion to each criterion's weighted value (weight x value),
    so each criterion's share of the score matches its share of the weighted sum.
    """
    w = np.asarray(weights, dtype=np.float64)
    weighted = prep.filled * prep.used * w
    if prep.method in ("weighted_sum", "pareto"):
        if prep.missing != "renormalise":
            return weighted
        cov = row_sum(prep.observed * w)
        scale = np.divide(1.0 - COVERAGE_PENALTY * (1.0 - cov), cov, out=np.zeros_like(cov), where=cov > 0)
        return weighted * scale[:, None]
    # A row whose weighted values are all 0 splits its score by weight alone.
    share_weights = prep.used * w
    weight_total = row_sum(share_weights)[:, None]
    share = np.divide(share_weights, weight_total, out=np.zeros_like(share_weights), where=weight_total > 0)
    row_total = row_sum(weighted)[:, None]
    share = np.divide(weighted, row_total, out=share, where=row_total > 0)
    return share * scores[:, None]
