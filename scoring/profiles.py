"""Scoring profiles: weights, aggregation method, missing-data policy, gates. Validation names the field."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType

from scoring import limits
from scoring.aggregation import METHODS, MISSING_POLICIES
from scoring.criteria import CRITERION_KEYS
from scoring.errors import FieldError

DUAL_POLICIES = ("flag", "exclude", "penalise")
GATE_DIRECTIONS = ("", "inhibit", "enhance")
COMPARTMENTS = ("msc", "aml_blast", "both", "endothelium", "other")


@dataclass(frozen=True)
class Gates:
    """Hard filters applied before ranking.

    ``direction``: "inhibit" admits pro-leukemic and dual targets, "enhance" anti-leukemic and dual ones,
    "" every target. ``compartments``: admit only targets in these compartments (empty: all)."""

    antibody_only: bool = False  # admit only membrane or secreted targets (unknown: admitted, flagged)
    exclude_dual: bool = False
    min_coverage: float = 0.0
    direction: str = ""
    compartments: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.compartments, (list, set, frozenset)):
            object.__setattr__(self, "compartments", tuple(self.compartments))


@dataclass(frozen=True)
class Profile:
    """How to rank: weights per criterion (missing keys = 0), method, missing-data policy and gates."""

    name: str
    weights: Mapping[str, float]
    method: str = "weighted_sum"
    missing: str = "renormalise"
    gates: Gates = Gates()
    dual_policy: str = "flag"
    concentration: float = 50.0
    top_k: int = 10
    description: str = ""
    version: str = "1"

    def __post_init__(self) -> None:
        if isinstance(self.weights, Mapping):
            object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))

    def weight_vector(self) -> list[float]:
        """Weights in CRITERION_KEYS order, 0 for criteria the profile does not name."""
        return [float(self.weights.get(key, 0.0)) for key in CRITERION_KEYS]

    def as_dict(self) -> dict:
        """JSON-ready representation (round-trips through `profile_from_dict`)."""
        return {
            "name": self.name,
            "weights": dict(self.weights),
            "method": self.method,
            "missing": self.missing,
            "gates": {f.name: _plain(getattr(self.gates, f.name)) for f in fields(Gates)},
            "dual_policy": self.dual_policy,
            "concentration": self.concentration,
            "top_k": self.top_k,
            "description": self.description,
            "version": self.version,
        }


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_choice(name: str, value, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise FieldError(name, f"must be one of {', '.join(allowed)}; got {value!r}")


def _check_weight(key: str, weight) -> None:
    field = f"weights.{key}"
    if key not in CRITERION_KEYS:
        raise FieldError(field, f"unknown criterion; expected one of {', '.join(CRITERION_KEYS)}")
    if not _is_number(weight):
        raise FieldError(field, f"must be a number; got {weight!r}")
    if not math.isfinite(weight) or weight < limits.WEIGHT.low:
        raise FieldError(field, f"must be finite and >= {limits.WEIGHT.low:g}; got {weight!r}")
    if weight > limits.WEIGHT.high:
        raise FieldError(field, f"must be at most {limits.WEIGHT.high:g} (weights are relative); got {weight!r}")


def validate_profile(profile: Profile) -> None:
    """Raise FieldError naming the offending field (e.g. ``weights.safety: must be finite and >= 0``)."""
    if not isinstance(profile.name, str) or not profile.name.strip():
        raise FieldError("name", "must be a non-empty string")
    if not isinstance(profile.weights, Mapping):
        raise FieldError("weights", "must be a mapping of criterion key to weight")
    for key, weight in profile.weights.items():
        _check_weight(key, weight)
    if not any(weight > 0 for weight in profile.weights.values()):
        raise FieldError("weights", "at least one weight must be > 0")
    _check_choice("method", profile.method, METHODS)
    _check_choice("missing", profile.missing, MISSING_POLICIES)
    _check_choice("dual_policy", profile.dual_policy, DUAL_POLICIES)
    if not isinstance(profile.gates, Gates):
        raise FieldError("gates", "must be a Gates")
    for name in ("antibody_only", "exclude_dual"):
        if not isinstance(getattr(profile.gates, name), bool):
            raise FieldError(f"gates.{name}", "must be true or false")
    _check_choice("gates.direction", profile.gates.direction, GATE_DIRECTIONS)
    compartments = profile.gates.compartments
    if not isinstance(compartments, tuple) or any(c not in COMPARTMENTS for c in compartments):
        raise FieldError("gates.compartments", f"must be a list of {', '.join(COMPARTMENTS)}; got {compartments!r}")
    limits.MIN_COVERAGE.check("gates.min_coverage", profile.gates.min_coverage)
    limits.CONCENTRATION.check("concentration", profile.concentration)
    limits.TOP_K.check("top_k", profile.top_k)
    for name in ("description", "version"):
        if not isinstance(getattr(profile, name), str):
            raise FieldError(name, "must be a string")


_PROFILE_FIELDS = {f.name for f in fields(Profile)}
_GATE_FIELDS = {f.name for f in fields(Gates)}


def profile_from_dict(data: Mapping) -> Profile:
    """Build and validate a Profile from JSON data; a bad or unknown field raises FieldError naming it."""
    if not isinstance(data, Mapping):
        raise FieldError("profile", "must be an object")
    for key in data:
        if key not in _PROFILE_FIELDS:
            raise FieldError(key, f"unknown field; expected some of {', '.join(sorted(_PROFILE_FIELDS))}")
    for required in ("name", "weights"):
        if required not in data:
            raise FieldError(required, "required")
    if not isinstance(data["weights"], Mapping):
        raise FieldError("weights", "must be a mapping of criterion key to weight")
    gates_data = data.get("gates", {})
    if isinstance(gates_data, Gates):
        gates = gates_data
    elif isinstance(gates_data, Mapping):
        for key in gates_data:
            if key not in _GATE_FIELDS:
                raise FieldError(f"gates.{key}", f"unknown field; expected some of {', '.join(sorted(_GATE_FIELDS))}")
        gates = Gates(**gates_data)
    else:
        raise FieldError("gates", "must be an object")
    profile = Profile(**{**data, "gates": gates})
    validate_profile(profile)
    return profile


def _profile(**kwargs) -> Profile:
    profile = Profile(**kwargs)
    validate_profile(profile)
    return profile


# Inhibition profiles rank pro-leukemic (and, penalised, dual-role) targets; anti-leukemic MSC functions are
# ranked for enhancement in their own profile. docs/scoring.md gives the reason for every weight.
_INHIBIT = Gates(direction="inhibit")
DEFAULT_PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        _profile(
            name="balanced",
            description="Targets to inhibit: niche biology and specificity first, then clinical precedent, "
            "safety and tractability; dual-role targets penalised.",
            weights={
                "niche_biology": 3.0,
                "niche_specificity": 2.0,
                "clinical_precedent": 2.0,
                "hsc_safety": 1.5,
                "tractability": 1.5,
                "trial_activity": 1.0,
                "disease_association": 1.0,
            },
            gates=_INHIBIT,
            dual_policy="penalise",
            version="2",
        ),
        _profile(
            name="clinical-first",
            description="Targets to inhibit, closest to the clinic in AML: precedent, running trials and safety.",
            weights={
                "clinical_precedent": 4.0,
                "trial_activity": 2.0,
                "hsc_safety": 1.5,
                "niche_biology": 1.5,
                "tractability": 1.0,
                "disease_association": 1.0,
                "niche_specificity": 0.5,
            },
            gates=_INHIBIT,
            dual_policy="penalise",
            version="2",
        ),
        _profile(
            name="antibody-first",
            description="Membrane or secreted targets to inhibit; tractability and niche position weighted up.",
            weights={
                "niche_biology": 3.0,
                "tractability": 2.5,
                "niche_specificity": 2.0,
                "hsc_safety": 1.5,
                "clinical_precedent": 1.0,
                "disease_association": 1.0,
                "trial_activity": 0.5,
            },
            gates=Gates(antibody_only=True, direction="inhibit"),
            dual_policy="penalise",
            version="2",
        ),
        _profile(
            name="novelty-seeking",
            description="First-in-class targets to inhibit: little AML literature, strong niche biology, no "
            "weight on clinical precedent.",
            weights={
                "novelty": 3.0,
                "niche_biology": 3.0,
                "niche_specificity": 2.0,
                "hsc_safety": 1.5,
                "tractability": 1.0,
                "disease_association": 1.0,
            },
            gates=_INHIBIT,
            dual_policy="penalise",
            version="2",
        ),
        _profile(
            name="enhance-anti-leukemic",
            description="MSC functions that restrain AML, to preserve, enhance or deliver: anti-leukemic "
            "evidence, niche position and delivery/agonist precedent (tractability, which grades binders that "
            "block, does not apply).",
            weights={
                "enhancement_biology": 3.0,
                "niche_specificity": 2.0,
                "enhancement_precedent": 2.0,
                "hsc_safety": 1.0,
                "disease_association": 0.5,
            },
            gates=Gates(direction="enhance"),
            dual_policy="penalise",
            version="2",
        ),
    )
}
