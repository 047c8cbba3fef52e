"""Small builders shared by the scoring tests."""

from __future__ import annotations

from scoring.facts import AgentFact, EvidenceFact, SafetyFact, TargetFacts


def target(symbol: str = "T1", **overrides) -> TargetFacts:
    """A pro-leukemic blast target with no data unless overridden."""
    fields = {"role": "pro_leukemic", "compartment": "aml_blast"}
    fields.update(overrides)
    return TargetFacts(symbol=symbol, **fields)


def evidence(
    level: str = "in_vivo", direction: str = "pro_leukemic", verified: bool = True, niche_mediated: bool | None = True
) -> EvidenceFact:
    return EvidenceFact(level=level, direction=direction, verified=verified, niche_mediated=niche_mediated)


def agent(name: str = "drug", **fields) -> AgentFact:
    """A verified direct agent; qualifiers may be given as plain sets."""
    for key in ("stage_aml_qualifiers", "stage_any_qualifiers"):
        if key in fields:
            fields[key] = frozenset(fields[key])
    return AgentFact(name=name, **fields)


def signal(kind: str = "hsc_niche", severity: str = "high", verified: bool = True) -> SafetyFact:
    return SafetyFact(kind=kind, severity=severity, verified=verified)
