"""Uncertainty beyond the weights, for rank stability: jittered thresholds and uncertain facts left out.

Each *variant* is one criteria matrix built from perturbed inputs (a few are precomputed; `scoring.stability`
shares its weight draws among them):

- **thresholds**: every numeric threshold of every criterion (see `numeric_thresholds`) is multiplied by its own
  factor drawn uniformly from [1 - THRESHOLD_SPREAD, 1 + THRESHOLD_SPREAD] (passed to ``build_matrix`` as
  overrides); criterion values are clipped to [0, 1], their range, afterwards (a discount factor moved above 1
  could otherwise push a value past 1);
- **data**: every uncertain fact (an item marked unverified, i.e. taken from memory and not checked against a
  source, or assembled rather than fetched) is left out with probability DROP_PROBABILITY, independently.
  Verified and fetched facts always stay. We have no measured error rate for from-memory facts, so 0.5 says
  "as likely wrong as right": the widest Bernoulli, not a fitted number.

Everything is seeded: the same facts, settings and seed give the same variants, in any input order (an item's
drop draw is fixed by the seed, the variant, the target's symbol and the item).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence

import numpy as np

THRESHOLD_SPREAD = 0.25  # thresholds vary uniformly within +-25 % (as the threshold-sensitivity report moves them)
DROP_PROBABILITY = 0.5  # chance that one uncertain fact is left out of a variant
VARIANTS = 16  # matrices precomputed per stability run (measured in bench/bench_scoring.py) ...
VARIANT_BUDGET = 80_000  # ... while targets x matrices stays within this (building one costs ~50 us per target)
MIN_VARIANTS = 4  # ... and never fewer than this


def variant_count(targets: int) -> int:
    """How many perturbed matrices to build for ``targets`` targets: VARIANTS up to 5,000 targets, then as many
    as VARIANT_BUDGET allows, at least MIN_VARIANTS (20,000 targets: 4)."""
    return max(MIN_VARIANTS, min(VARIANTS, VARIANT_BUDGET // max(targets, 1)))


THRESHOLDS, DATA = "thresholds", "data"


# Not judgements but fixed references: moving the reference year by 25 % (to 1520 or 2533) means nothing.
FIXED_THRESHOLDS = frozenset({"recency_reference_year"})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scaled(value, factor: float):
    if _is_number(value):
        return value * factor
    return {k: _scaled(v, factor) for k, v in value.items()}


def _numeric_table(value) -> bool:
    return isinstance(value, Mapping) and bool(value) and all(_is_number(v) for v in value.values())


def numeric_thresholds(criteria: Sequence) -> dict[str, dict[str, object]]:
    """criterion key -> {threshold name: value} for every threshold a number can move, one name per unit moved:
    a plain number (``full_marks``); an entry of a table of numbers, by dotted name (``level_points.in_vivo``); a
    table of numbers inside a table, as a whole (``label_scores.SM``: all its labels move together). Flags, lists,
    words and FIXED_THRESHOLDS are not moved."""
    found: dict[str, dict[str, object]] = {}
    for criterion in criteria:
        units: dict[str, object] = {}
        for name, value in criterion.thresholds.items():
            if name in FIXED_THRESHOLDS:
                continue
            if _is_number(value):
                units[name] = value
            elif isinstance(value, Mapping):
                for entry, inner in value.items():
                    if _is_number(inner) or _numeric_table(inner):
                        units[f"{name}.{entry}"] = inner
        if units:
            found[criterion.key] = units
    return found


def move(value, factor: float):
    """A threshold (a number, or a table of numbers) multiplied by ``factor``."""
    return _scaled(value, factor)


def jitter_thresholds(criteria: Sequence, rng: np.random.Generator, spread: float = THRESHOLD_SPREAD) -> dict:
    """Overrides {criterion key: {threshold: value x U(1 - spread, 1 + spread)}}, one factor per threshold."""
    overrides = {}
    for key, thresholds in numeric_thresholds(criteria).items():
        factors = rng.uniform(1.0 - spread, 1.0 + spread, size=len(thresholds))
        overrides[key] = {name: move(value, f) for (name, value), f in zip(thresholds.items(), factors, strict=True)}
    return overrides


def is_uncertain(item) -> bool:
    """A fact item is uncertain when it says it is unverified or assembled."""
    return getattr(item, "verified", True) is False or getattr(item, "assembled", False) is True


def _unit(stream: str, symbol: str, field: str, index: int) -> float:
    """A uniform number in [0, 1) fixed by the stream (seed, variant), the target and the item, so a target's
    dropped facts never depend on where it sits in the input (the ranking ignores input order)."""
    digest = hashlib.blake2b(f"{stream}|{symbol}|{field}|{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") / 2.0**64


def drop_uncertain(facts, stream: str, probability: float = DROP_PROBABILITY):
    """A copy of one target's facts with each uncertain item of its fact tuples left out with ``probability``;
    ``stream`` (e.g. "seed:variant") picks the draw."""
    changes = {}
    for field in dataclasses.fields(facts):
        items = getattr(facts, field.name)
        if not isinstance(items, tuple) or not items or not dataclasses.is_dataclass(items[0]):
            continue
        kept = tuple(
            item
            for index, item in enumerate(items)
            if not (is_uncertain(item) and _unit(stream, facts.symbol, field.name, index) < probability)
        )
        if len(kept) != len(items):
            changes[field.name] = kept
    return dataclasses.replace(facts, **changes) if changes else facts


def variant_matrices(
    facts: Sequence,
    criteria: Sequence,
    build: Callable[..., np.ndarray],
    *,
    count: int = VARIANTS,
    seed: int = 0,
    spread: float | None = None,
    drop_probability: float | None = None,
) -> tuple[list[np.ndarray], tuple[str, ...]]:
    """``count`` perturbed matrices ``build(facts, criteria=..., overrides=...)`` and the components they vary
    (``spread`` and ``drop_probability`` default to THRESHOLD_SPREAD and DROP_PROBABILITY).

    A component with nothing to vary (spread 0, probability 0, or no uncertain fact) is not claimed."""
    spread = THRESHOLD_SPREAD if spread is None else spread
    drop_probability = DROP_PROBABILITY if drop_probability is None else drop_probability
    if count < 1:
        raise ValueError(f"count: must be >= 1, got {count}")
    if not 0.0 <= spread < 1.0:
        raise ValueError(f"spread: must lie within [0, 1), got {spread}")
    if not 0.0 <= drop_probability <= 1.0:
        raise ValueError(f"drop_probability: must lie within [0, 1], got {drop_probability}")
    rng = np.random.default_rng([seed, 0x5EED])  # a stream of its own, apart from the weight draws
    vary_thresholds = spread > 0 and bool(numeric_thresholds(criteria))
    uncertain = [_has_uncertain(f) for f in facts]
    vary_data = drop_probability > 0 and any(uncertain)
    matrices = []
    for variant in range(count):
        overrides: Mapping = jitter_thresholds(criteria, rng, spread) if vary_thresholds else {}
        perturbed = list(facts)
        if vary_data:
            stream = f"{seed}:{variant}"
            pairs = zip(facts, uncertain, strict=True)
            perturbed = [drop_uncertain(f, stream, drop_probability) if u else f for f, u in pairs]
        matrices.append(np.clip(build(perturbed, criteria=criteria, overrides=overrides or None), 0.0, 1.0))
    components = tuple(name for name, on in ((THRESHOLDS, vary_thresholds), (DATA, vary_data)) if on)
    return matrices, components


def _has_uncertain(facts) -> bool:
    for field in dataclasses.fields(facts):
        items = getattr(facts, field.name)
        if isinstance(items, tuple) and any(dataclasses.is_dataclass(i) and is_uncertain(i) for i in items):
            return True
    return False
