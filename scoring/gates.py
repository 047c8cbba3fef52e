"""Hard gates, dual-role policy, flags and the therapeutic direction of each target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.facts import COMPARTMENT_WORDS, ROLES, TargetFacts
from scoring.profiles import Profile

DUAL_PENALTY_FACTOR = 0.8  # dual_policy "penalise": a dual-role target's score (and contributions) x this
DIRECTIONS = {
    "pro_leukemic": "inhibit",
    "anti_leukemic": "enhance or deliver",
    "dual": "context-dependent",
}
# Roles a profile's direction gate admits, and the direction a dual-role target takes under it.
ADMITTED_ROLES = {"inhibit": ("pro_leukemic", "dual"), "enhance": ("anti_leukemic", "dual"), "": ROLES}
DUAL_DIRECTION = {"inhibit": "inhibit (dual role)", "enhance": "enhance or deliver (dual role)"}
_EXCLUDED_FOR_DIRECTION = {
    "inhibit": "anti-leukemic: ranked for enhancement (profile enhance-anti-leukemic), not inhibition",
    "enhance": "pro-leukemic: ranked for inhibition, not enhancement",
}


def direction_for(role: str, profile: Profile) -> str:
    """What the profile proposes to do with a target of this role."""
    if role == "dual" and profile.gates.direction:
        return DUAL_DIRECTION[profile.gates.direction]
    return DIRECTIONS[role]


@dataclass(frozen=True)
class GateResult:
    eligible: np.ndarray  # (n,) bool
    reasons: tuple[str, ...]  # "" when eligible
    flags: tuple[tuple[str, ...], ...]
    score_factor: np.ndarray | None  # (n,) multiplier, or None when all 1


def target_flags(facts: TargetFacts, profile: Profile) -> tuple[str, ...]:
    """Visible warnings for one target (dual role, unknown location under antibody gate, unverified facts)."""
    flags = []
    if facts.role == "dual":
        flags.append("dual-role")
        if profile.dual_policy == "penalise":
            flags.append(f"dual-role-penalty-x{DUAL_PENALTY_FACTOR:g}")
    if profile.gates.antibody_only and facts.is_membrane_or_secreted is None:
        flags.append("location-unknown")
    if "unverified" in facts.stage_aml_qualifiers | facts.stage_any_qualifiers or any(
        not agent.verified or "unverified" in agent.stage_aml_qualifiers | agent.stage_any_qualifiers
        for agent in facts.agents
        if agent.attribution != "indirect"
    ):
        flags.append("unverified-stage")
    if any(not item.verified for item in facts.evidence):
        flags.append("unverified-evidence")
    return tuple(flags)


def all_flags(facts: Sequence[TargetFacts], profile: Profile) -> tuple[tuple[str, ...], ...]:
    """`target_flags` of every target (they depend on the profile's dual policy and antibody gate only)."""
    return tuple(target_flags(f, profile) for f in facts)


def _exclusion(facts: TargetFacts, coverage: float, profile: Profile) -> str:
    gates = profile.gates
    if facts.role not in ADMITTED_ROLES[gates.direction]:
        return _EXCLUDED_FOR_DIRECTION[gates.direction]
    if gates.compartments and facts.compartment not in gates.compartments:
        admitted = ", ".join(COMPARTMENT_WORDS[c] for c in gates.compartments)
        return f"compartment {COMPARTMENT_WORDS[facts.compartment]} not admitted by the profile ({admitted})"
    if gates.antibody_only and facts.is_membrane_or_secreted is False:
        return "not membrane-bound or secreted (antibody-only gate)"
    if facts.role == "dual" and (gates.exclude_dual or profile.dual_policy == "exclude"):
        return "dual-role target excluded by the profile"
    if coverage < gates.min_coverage:
        return f"data coverage {coverage:.2f} is below the profile minimum {gates.min_coverage:.2f}"
    return ""


def apply_gates(facts: Sequence[TargetFacts], coverage: np.ndarray, profile: Profile, flags=None) -> GateResult:
    """Decide eligibility, exclusion reasons, flags and score factors for each target.

    ``flags``: `all_flags(facts, profile)` when the caller has kept them (they do not depend on the weights)."""
    reasons = tuple(_exclusion(f, float(c), profile) for f, c in zip(facts, coverage, strict=True))
    eligible = np.array([not reason for reason in reasons], dtype=bool)
    flags = all_flags(facts, profile) if flags is None else flags
    score_factor = None
    if profile.dual_policy == "penalise" and any(f.role == "dual" for f in facts):
        score_factor = np.array([DUAL_PENALTY_FACTOR if f.role == "dual" else 1.0 for f in facts])
    return GateResult(eligible, reasons, flags, score_factor)
