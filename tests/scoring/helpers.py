"""Small builders shared by the scoring tests."""

from __future__ import annotations

from scoring.facts import EvidenceFact, TargetFacts


def target(symbol: str = "T1", **overrides) -> TargetFacts:
    """A pro-leukemic blast target with no data unless overridden."""
    fields = {"role": "pro_leukemic", "compartment": "aml_blast"}
    fields.update(overrides)
    return TargetFacts(symbol=symbol, **fields)


def evidence(level: str = "in_vivo", direction: str = "pro_leukemic", verified: bool = True) -> EvidenceFact:
    return EvidenceFact(level=level, direction=direction, verified=verified)
