"""Pareto layers (non-dominated sorting) for maximisation, vectorised in blocks.

Row ``a`` dominates row ``b`` when ``a >= b`` on every column and ``a > b`` on at least one. Layer 0 holds
the rows no other row dominates; layer 1 those dominated only by layer 0; and so on. Identical rows share
a layer.
"""

from __future__ import annotations

import numpy as np

_BLOCK = 256  # candidates checked at once
_FRONT_CHUNK = 4096  # front members compared at once (two _BLOCK x _FRONT_CHUNK boolean arrays)


def _dominated_by(front: np.ndarray, block: np.ndarray) -> np.ndarray:
    """Bool per block row: does any row of ``front`` dominate it?

    Compares one column at a time on 2-D (front x block) boolean arrays, which is several times faster
    than reducing a 3-D comparison over its short last axis.
    """
    hit = np.zeros(len(block), dtype=bool)
    for start in range(0, len(front), _FRONT_CHUNK):
        chunk = front[start : start + _FRONT_CHUNK]
        at_least = np.ones((len(chunk), len(block)), dtype=bool)
        better = np.zeros_like(at_least)
        for j in range(block.shape[1]):
            mine, theirs = chunk[:, j, None], block[None, :, j]
            at_least &= mine >= theirs
            better |= mine > theirs
        at_least &= better
        hit |= at_least.any(axis=0)
    return hit


def _first_front(values: np.ndarray) -> np.ndarray:
    """Bool mask of the non-dominated rows.

    Rows are visited by decreasing row sum: a dominating row always has a strictly larger sum, and every
    dominated row is dominated by some non-dominated one, so comparing against the front found so far
    (plus the current block) is enough.
    """
    order = np.argsort(-values.sum(axis=1), kind="stable")
    in_front = np.zeros(len(values), dtype=bool)
    front = values[:0]
    for start in range(0, len(order), _BLOCK):
        idx = order[start : start + _BLOCK]
        block = values[idx]
        keep = ~(_dominated_by(front, block) | _dominated_by(block, block))
        in_front[idx[keep]] = True
        front = np.concatenate([front, block[keep]])
    return in_front


def pareto_layers(values: np.ndarray) -> np.ndarray:
    """Layer index per row of ``values`` ``(n, k)`` (0 = non-dominated); higher values are better."""
    values = np.asarray(values, dtype=np.float64)
    layers = np.zeros(len(values), dtype=np.int64)
    remaining = np.arange(len(values))
    layer = 0
    while remaining.size:
        front = _first_front(values[remaining])
        layers[remaining[front]] = layer
        remaining = remaining[~front]
        layer += 1
    return layers
