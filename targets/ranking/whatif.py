"""Rank under weights a user proposes, without saving anything (the what-if of the API and the sliders)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.engine import Ranking, rank_targets
from scoring.errors import FieldError
from scoring.profiles import profile_from_dict
from targets.models import ScoringProfile
from targets.ranking.facts import build_facts, targets_for_scoring
from targets.ranking.profiles import current_profile, profile_payload
from targets.ranking.symbols import resolve_symbols


@dataclass(frozen=True)
class WhatIf:
    """A ranking computed on request, and the requested identifiers that matched no target."""

    ranking: Ranking
    unknown: list[str]


def what_if(*, data: Mapping, symbols: Sequence[str] | None = None, samples: int = 0, seed: int = 0) -> WhatIf:
    """Rank all targets (or the listed symbols / Ensembl ids) under ``data``'s profile fields.

    ``data`` may name a ``base_profile`` whose current version supplies every field it does not give.
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
    targets = targets_for_scoring()
    unknown: list[str] = []
    if symbols is not None:
        ids, unknown = resolve_symbols(symbols)
        targets = targets.filter(pk__in=ids)
    return WhatIf(rank_targets(build_facts(targets), profile, stability_samples=samples, seed=seed), unknown)
