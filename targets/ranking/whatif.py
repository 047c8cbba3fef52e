"""Rank under weights a user proposes, without saving anything (the what-if of the API and the sliders)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from scoring.engine import Ranking, rank_targets
from scoring.profiles import profile_from_dict
from targets.models import ScoringProfile, Target
from targets.ranking.facts import build_facts, targets_for_scoring
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

    ``data`` may name a ``base_profile`` whose current version supplies every field it does not give.
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
    ranking = rank_targets(build_facts(targets_for_scoring()), profile, stability_samples=samples, seed=seed)
    if symbols is None:
        return WhatIf(ranking, [])
    ids, unknown = resolve_symbols(symbols)
    wanted = set(Target.objects.filter(pk__in=ids).values_list("symbol", flat=True))
    return WhatIf(replace(ranking, rows=tuple(row for row in ranking.rows if row.symbol in wanted)), unknown)
