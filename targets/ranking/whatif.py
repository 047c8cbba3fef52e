"""Rank under weights a user proposes, without saving anything (the what-if of the API and the sliders)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from scoring.engine import Ranking, rank_targets
from scoring.profiles import profile_from_dict
from targets.models import ScoringProfile, Target
from targets.ranking.matrix_cache import scoring_inputs
from targets.ranking.profiles import current_profile, profile_payload
from targets.ranking.symbols import resolve_symbols


@dataclass(frozen=True)
class WhatIf:
    """A ranking computed on request, and the requested identifiers that matched no target."""

    ranking: Ranking
    unknown: list[str]


def what_if(*, data: Mapping, symbols: Sequence[str] | None = None, samples: int = 0, seed: int = 0) -> WhatIf:
    """Rank all targets (or the listed symbols / Ensembl ids) under ``data``'s profile fields.

    ``data`` may name a ``base_profile`` whose current version supplies every field it does not give. The facts
    and criteria matrix come from `targets.ranking.matrix_cache` (rebuilt when the data generation changes).
    Raises ValueError naming the field when a value is invalid.
    """
    fields = dict(data)
    base_name = fields.pop("base_profile", None)
    if base_name:
        try:
            fields = {**profile_payload(current_profile(base_name)), **fields}
        except ScoringProfile.DoesNotExist:
            raise ValueError(f"base_profile: unknown profile {base_name!r}") from None
    fields.setdefault("name", "what-if")
    profile = profile_from_dict(fields)
    inputs = scoring_inputs()
    facts, matrix, derived, unknown = inputs.facts, inputs.matrix, inputs.derived, []
    if symbols is not None:
        ids, unknown = resolve_symbols(symbols)
        facts, matrix = inputs.subset(Target.objects.filter(pk__in=ids).values_list("symbol", flat=True))
        derived = None  # kept pieces belong to the whole catalogue
    with _cycle_collection_paused():
        ranking = rank_targets(facts, profile, stability_samples=samples, seed=seed, matrix=matrix, derived=derived)
    return WhatIf(ranking, unknown)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Build the ranking's rows without Python's cycle collector: each of the collections that 20,000 new rows
    trigger walks the cached facts of every target (hundreds of thousands of objects), which tripled the
    what-if's time at 19,300 targets (bench/bench_universe.py). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
