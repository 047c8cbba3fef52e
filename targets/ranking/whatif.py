"""Rank under weights a user proposes, without saving anything (the what-if of the API and the sliders)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from scoring.engine import Ranking, rank_targets
from scoring.errors import FieldError
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
    """Rank all targets under ``data``'s profile fields; with ``symbols`` (HGNC symbols or Ensembl ids) keep
    only their rows. Ranks are always those among all targets (on both faces), so they compare with the
    full list's; a subset never re-ranks within itself.

    ``data`` may name a ``base_profile`` whose current version supplies every field it does not give. The facts
    and criteria matrix come from `targets.ranking.matrix_cache` (rebuilt when the data generation changes).
    Raises FieldError naming the field when a value is invalid.
    """
    fields = dict(data)
    base_name = fields.pop("base_profile", None)
    if base_name:
        try:
            fields = {**profile_payload(current_profile(base_name)), **fields}
        except ScoringProfile.DoesNotExist:
            raise FieldError("base_profile", f"unknown profile {base_name!r}") from None
    fields.setdefault("name", "what-if")
    profile = profile_from_dict(fields)
    inputs = scoring_inputs()
    with _cycle_collection_paused():
        ranking = rank_targets(
            inputs.facts, profile, stability_samples=samples, seed=seed, matrix=inputs.matrix, derived=inputs.derived
        )
    if symbols is None:
        return WhatIf(ranking, [])
    ids, unknown = resolve_symbols(symbols)
    wanted = set(Target.objects.filter(pk__in=ids).values_list("symbol", flat=True))
    return WhatIf(replace(ranking, rows=tuple(row for row in ranking.rows if row.symbol in wanted)), unknown)


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
