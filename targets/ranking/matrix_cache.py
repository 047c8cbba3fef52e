"""Every target's facts and criteria matrix, kept in process memory for the catalogue's data generation.

The sliders' what-if re-ranks all targets under new weights; building the facts and the matrix from the
database is most of its time and does not depend on the weights. The cache holds one entry, keyed by the
``catalogue`` data generation (`targets.generation`, bumped by database triggers on every write to the tables
the facts come from), the database, the assembled-data setting and the criteria versions; any process (web or
worker) that sees a new generation rebuilds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection

from scoring.criteria import build_matrix, criteria_versions
from scoring.facts import TargetFacts
from targets import generation
from targets.ranking.facts import build_facts, targets_for_scoring


@dataclass(frozen=True)
class ScoringInputs:
    """All targets in symbol order: their facts, criteria matrix (read-only) and row by symbol."""

    facts: tuple[TargetFacts, ...]
    matrix: np.ndarray
    rows: dict[str, int]
    derived: dict = field(default_factory=dict)  # weight-independent pieces `rank_targets` keeps (its ``derived``)


_lock = threading.Lock()
_entry: dict = {}


def _key() -> tuple:
    return (
        connection.vendor,
        connection.settings_dict["NAME"],
        settings.NICHERANK_RANK_ASSEMBLED_DATA,
        tuple(sorted(criteria_versions().items())),
        generation.current(generation.CATALOGUE),  # read before the data (see targets.generation)
    )


def build_inputs() -> ScoringInputs:
    """The facts and matrix from the database, uncached."""
    facts = tuple(build_facts(targets_for_scoring()))
    matrix = build_matrix(facts)
    matrix.setflags(write=False)
    return ScoringInputs(facts, matrix, {f.symbol: i for i, f in enumerate(facts)})


def scoring_inputs(*, use_cache: bool = True) -> ScoringInputs:
    """The cached inputs when the data generation is unchanged, else freshly built (and cached)."""
    if not use_cache:
        return build_inputs()
    key = _key()
    with _lock:
        if _entry.get("key") == key:
            return _entry["inputs"]
    inputs = build_inputs()
    with _lock:
        _entry.update(key=key, inputs=inputs)
    return inputs


def clear() -> None:
    """Forget the cached entry (tests; nothing else needs it, the generation decides)."""
    with _lock:
        _entry.clear()
