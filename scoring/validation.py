"""Rank statistics the ranking uses to validate itself (pure numpy; no scipy at run time).

- `average_ranks`: 1-based ranks, tied values share the mean of the positions they occupy ("midranks").
- `roc_auc`: ROC AUC as the Mann-Whitney U statistic over midranks, so a tied positive-negative pair counts 1/2.
- `bootstrap_auc_interval`: seeded percentile interval, resampling positives and negatives separately (stratified),
  so every replicate keeps the class sizes and has an AUC.
- `spearman`: Spearman's rho with missing values handled PAIRWISE: only rows where both values are present take
  part, and they are ranked among themselves; fewer than `MIN_PAIRS` such rows, or a constant side, gives NaN.
- `kendall_tau_b`: Kendall's tau-b (ties in either variable corrected); NaN when a side is constant.
- `top_k_tau`: tau-b between two top-k lists. The items compared are the union of both lists; an item missing from
  one list (it left or never entered that list's top k) takes rank k + 1 there, tied with every other missing item
  (the "k + 1 placement" of Fagin, Kumar and Sivakumar 2003, "Comparing top k lists"). So the figure depends on the
  two lists only: a target dropping from 3rd to 21st or to 38th counts alike.
- `top_k_overlap`: share of the top k that both lists hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

MIN_PAIRS = 3  # Spearman needs at least this many rows with both values present


def average_ranks(values) -> np.ndarray:
    """1-based ranks of ``values`` (1-d, no NaN); tied values get the mean of their positions."""
    v = np.asarray(values, dtype=np.float64).reshape(-1)
    if np.isnan(v).any():
        raise ValueError("values: NaN cannot be ranked")
    order = np.argsort(v, kind="mergesort")
    ordered = v[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(v)]  # exclusive
    ranks = np.empty(len(v))
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return ranks


def _classes(scores, labels) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    y = np.asarray(labels).reshape(-1)
    if s.shape != y.shape:
        raise ValueError(f"labels: expected {len(s)} labels, got {len(y)}")
    if y.dtype != bool:
        if not np.isin(y, (0, 1)).all():
            raise ValueError("labels: must be booleans or 0/1")
        y = y.astype(bool)
    if np.isnan(s).any():
        raise ValueError("scores: NaN; drop unscored items first")
    if y.all() or not y.any():
        raise ValueError(f"labels: need both classes, got {int(y.sum())} positive of {len(y)}")
    return s, y


def roc_auc(scores, labels) -> float:
    """Probability that a random positive scores above a random negative (ties count 1/2)."""
    s, y = _classes(scores, labels)
    n1 = int(y.sum())
    n0 = len(y) - n1
    ranks = average_ranks(s)
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2.0) / (n1 * n0))


def bootstrap_auc_interval(scores, labels, *, samples: int = 2000, seed: int = 0, level: float = 0.95):
    """Percentile ``level`` interval of the AUC over ``samples`` stratified bootstrap replicates (seeded).

    Each replicate draws n1 positives from the positives and n0 negatives from the negatives, with replacement.
    Quantiles use numpy's default linear interpolation."""
    if samples < 1:
        raise ValueError(f"samples: must be >= 1, got {samples}")
    if not 0 < level < 1:
        raise ValueError(f"level: must lie within (0, 1), got {level}")
    s, y = _classes(scores, labels)
    pos, neg = s[y], s[~y]
    # pair[i, j]: credit of positive i against negative j; a replicate's AUC is counts1 @ pair @ counts0 / n1 n0.
    pair = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    rng = np.random.default_rng(seed)
    counts1 = rng.multinomial(len(pos), np.full(len(pos), 1.0 / len(pos)), size=samples)
    counts0 = rng.multinomial(len(neg), np.full(len(neg), 1.0 / len(neg)), size=samples)
    aucs = ((counts1 @ pair) * counts0).sum(axis=1) / (len(pos) * len(neg))
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(aucs, [tail, 1.0 - tail])
    return float(low), float(high)


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    denominator = math.sqrt(float(dx @ dx) * float(dy @ dy))
    if denominator == 0:
        return float("nan")
    return float(np.clip((dx @ dy) / denominator, -1.0, 1.0))


def spearman(x, y, *, min_pairs: int = MIN_PAIRS) -> tuple[float, int]:
    """Spearman's rho over the rows where both ``x`` and ``y`` are present, and how many rows that is."""
    a = np.asarray(x, dtype=np.float64).reshape(-1)
    b = np.asarray(y, dtype=np.float64).reshape(-1)
    if a.shape != b.shape:
        raise ValueError(f"y: expected {len(a)} values, got {len(b)}")
    both = ~np.isnan(a) & ~np.isnan(b)
    pairs = int(both.sum())
    if pairs < min_pairs:
        return float("nan"), pairs
    return _pearson(average_ranks(a[both]), average_ranks(b[both])), pairs


def spearman_matrix(matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise Spearman rho ``(m, m)`` between the columns of ``matrix`` ``(n, m)``, and pair counts ``(m, m)``."""
    values = np.asarray(matrix, dtype=np.float64)
    m = values.shape[1]
    rho = np.full((m, m), np.nan)
    pairs = np.zeros((m, m), dtype=np.int64)
    for i in range(m):
        for j in range(i, m):
            rho[i, j], pairs[i, j] = spearman(values[:, i], values[:, j])
            rho[j, i], pairs[j, i] = rho[i, j], pairs[i, j]
    return rho, pairs


def kendall_tau_b(x, y) -> float:
    """Kendall's tau-b of two paired samples (no NaN); NaN if either is constant or has fewer than 2 items."""
    a = np.asarray(x, dtype=np.float64).reshape(-1)
    b = np.asarray(y, dtype=np.float64).reshape(-1)
    if a.shape != b.shape:
        raise ValueError(f"y: expected {len(a)} values, got {len(b)}")
    if np.isnan(a).any() or np.isnan(b).any():
        raise ValueError("x, y: NaN")
    n = len(a)
    if n < 2:
        return float("nan")
    upper = np.triu_indices(n, 1)
    sa = np.sign(a[:, None] - a[None, :])[upper]
    sb = np.sign(b[:, None] - b[None, :])[upper]
    pairs = len(sa)
    denominator = math.sqrt(float(pairs - (sa == 0).sum()) * float(pairs - (sb == 0).sum()))
    if denominator == 0:
        return float("nan")
    return float(np.clip((sa * sb).sum() / denominator, -1.0, 1.0))


def _head(items: Sequence, k: int) -> list:
    head = list(items)[:k]
    if len(set(head)) != len(head):
        raise ValueError("list: an item appears twice in the top k")
    return head


def top_k_tau(list_a: Sequence, list_b: Sequence, k: int) -> float:
    """Kendall tau-b of the top ``k`` of two best-first lists, absent items placed at rank k + 1 (see module)."""
    if k < 1:
        raise ValueError(f"k: must be >= 1, got {k}")
    a, b = _head(list_a, k), _head(list_b, k)
    union = a + [item for item in b if item not in set(a)]
    if len(union) < 2:
        return 1.0 if a == b else float("nan")
    rank_a = {item: position for position, item in enumerate(a, start=1)}
    rank_b = {item: position for position, item in enumerate(b, start=1)}
    return kendall_tau_b([rank_a.get(i, k + 1) for i in union], [rank_b.get(i, k + 1) for i in union])


def top_k_overlap(list_a: Sequence, list_b: Sequence, k: int) -> float:
    """Share of the top ``k`` held by both lists (1 = same members, in any order)."""
    a, b = _head(list_a, k), _head(list_b, k)
    size = max(len(a), len(b))
    return len(set(a) & set(b)) / size if size else 1.0
