"""Pareto layers (non-dominated sorting) for maximisation, with dominator sets as bitsets.

Row ``a`` dominates row ``b`` when ``a >= b`` on every column and ``a > b`` on at least one. Layer 0 holds
the rows no other row dominates; layer 1 those dominated only by layer 0; and so on. Identical rows share
a layer. A row with a NaN compares neither way (every comparison with NaN is false): it is in layer 0 and
dominates nothing.

Algorithm. Values become integer ranks per column (ties kept), identical rows are merged, and the distinct
rows are ordered by decreasing rank sum, so every dominator comes before the rows it dominates. A row's layer
is one more than the highest layer among its dominators. Rows are processed in chunks; for a chunk, the set
of chunk rows that a row is at least as good as on column j is a prefix of the chunk sorted by that column,
so each earlier row's "at least as good on every column" set over the chunk is one table look-up per column
(prefix bitsets of 64-bit words) and an AND: n^2 k / 64 word operations instead of n^2 k comparisons. OR-ing
those sets per layer of the earlier rows gives each chunk row's highest dominating layer; dominators inside
the chunk are resolved by relaxing the chunk's own (small) dominance matrix.
"""

from __future__ import annotations

import numpy as np

_CHUNK = 1024  # rows resolved at once (bitsets of n x _CHUNK / 64 words)


def pareto_layers(values: np.ndarray) -> np.ndarray:
    """Layer index per row of ``values`` ``(n, k)`` (0 = non-dominated); higher values are better."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"values: expected 2 dimensions, got {values.ndim}")
    n = len(values)
    layers = np.zeros(n, dtype=np.int64)
    comparable = ~np.isnan(values).any(axis=1)
    if n == 0 or values.shape[1] == 0 or comparable.sum() < 2:
        return layers
    rows = np.flatnonzero(comparable)
    ranks = np.column_stack([np.unique(col, return_inverse=True)[1] for col in values[rows].T]).astype(np.int64)
    distinct, inverse = np.unique(ranks, axis=0, return_inverse=True)
    order = np.argsort(-distinct.sum(axis=1), kind="stable")
    sorted_layers = _layers_in_dominance_order(distinct[order])
    distinct_layers = np.empty(len(distinct), dtype=np.int64)
    distinct_layers[order] = sorted_layers
    layers[rows] = distinct_layers[inverse.reshape(-1)]
    return layers


def _layers_in_dominance_order(ranks: np.ndarray) -> np.ndarray:
    """Layers of distinct rows ordered so that no row dominates an earlier one."""
    layers = np.zeros(len(ranks), dtype=np.int64)
    for start in range(0, len(ranks), _CHUNK):
        stop = min(len(ranks), start + _CHUNK)
        layers[start:stop] = _chunk_layers(ranks, layers, start, stop)
    return layers


def _bits(matrix: np.ndarray, size: int) -> np.ndarray:
    """Bool ``(rows, size)`` from rows of little-endian 64-bit words."""
    return np.unpackbits(matrix.view(np.uint8), axis=1, bitorder="little")[:, :size].astype(bool)


def _chunk_layers(ranks: np.ndarray, layers: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Layers of rows ``start:stop``, given the layers of every earlier row."""
    size = stop - start
    words = -(-size // 64)
    # covers[a]: bit b set when row a (earlier, or in the chunk) is >= chunk row b on every column.
    covers = np.full((stop, words), np.iinfo(np.uint64).max, dtype=np.uint64)
    top = ranks[:stop].max(axis=0)
    one_bit = np.left_shift(np.uint64(1), (np.arange(size) & 63).astype(np.uint64))
    for j in range(ranks.shape[1]):
        mine = ranks[start:stop, j]
        order = np.argsort(mine, kind="stable")
        prefix = np.zeros((size + 1, words), dtype=np.uint64)  # prefix[t]: the t chunk rows with the lowest values
        prefix[np.arange(1, size + 1), order >> 6] = one_bit[order]
        np.bitwise_or.accumulate(prefix, axis=0, out=prefix)
        at_or_below = np.cumsum(np.bincount(mine, minlength=int(top[j]) + 1))  # chunk rows with rank <= r
        covers &= prefix[at_or_below[ranks[:stop, j]]]
    result = np.zeros(size, dtype=np.int64)
    earlier = layers[:start]
    for layer in range(int(earlier.max()) + 1 if start else 0):
        dominated = np.bitwise_or.reduce(covers[:start][earlier == layer], axis=0)
        result[_bits(dominated[None, :], size)[0]] = layer + 1  # layers ascend: the highest dominating one wins
    own = _bits(covers[start:stop], size)  # own[a, b]: chunk row a dominates chunk row b, or a is b
    np.fill_diagonal(own, False)
    if own.any():
        while True:
            relaxed = np.maximum(result, np.where(own, result[:, None] + 1, 0).max(axis=0))
            if np.array_equal(relaxed, result):
                break
            result = relaxed
    return result
