"""Plain, frozen facts about one target: what the Django side reads from the database for scoring.

Missing is ``None`` everywhere. An empty ``evidence`` tuple is *observed*: "no curated evidence"
scores 0 on `niche_evidence`; it is not treated as missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.stages import STAGE_VALUES

EVIDENCE_LEVELS = ("in_vitro", "in_vivo", "patient_samples", "clinical")
DIRECTIONS = ("pro_leukemic", "anti_leukemic")
ROLES = ("pro_leukemic", "anti_leukemic", "dual")
COMPARTMENTS = ("msc", "aml_blast", "both", "endothelium", "other")
MODALITIES = ("small_molecule", "antibody", "other")
STAGE_QUALIFIERS = ("negative", "failed", "terminated", "indirect", "unverified", "mds_only")
TRACTABILITY_MODALITIES = ("SM", "AB", "PR", "OC")


def _check_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not one of {', '.join(allowed)}")


def _check_subset(field: str, values: frozenset[str], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValueError(f"{field}: {', '.join(map(repr, unknown))} not in {', '.join(allowed)}")


@dataclass(frozen=True)
class EvidenceFact:
    """One curated piece of evidence: its level, which way it points, and whether a source was checked."""

    level: str
    direction: str
    verified: bool

    def __post_init__(self) -> None:
        _check_choice("level", self.level, EVIDENCE_LEVELS)
        _check_choice("direction", self.direction, DIRECTIONS)


@dataclass(frozen=True)
class TargetFacts:
    """Everything the criteria need about one target. ``None`` means unknown (missing)."""

    symbol: str
    role: str
    compartment: str
    modalities: frozenset[str] = frozenset()
    stage_aml: str | None = None
    stage_aml_qualifiers: frozenset[str] = frozenset()
    stage_any: str | None = None
    stage_any_qualifiers: frozenset[str] = frozenset()
    is_membrane_or_secreted: bool | None = None
    tractability: Mapping[str, frozenset[str]] | None = None
    aml_association: float | None = None
    evidence: tuple[EvidenceFact, ...] = ()
    active_aml_trials: int | None = None
    aml_trials_total: int | None = None
    latest_aml_trial_year: int | None = None
    safety_event_count: int | None = None
    hsc_niche_essential: bool | None = None
    loeuf: float | None = None

    def __post_init__(self) -> None:
        if not self.symbol:
            raise ValueError("symbol: must not be empty")
        _check_choice("role", self.role, ROLES)
        _check_choice("compartment", self.compartment, COMPARTMENTS)
        _check_subset("modalities", self.modalities, MODALITIES)
        _check_subset("stage_aml_qualifiers", self.stage_aml_qualifiers, STAGE_QUALIFIERS)
        _check_subset("stage_any_qualifiers", self.stage_any_qualifiers, STAGE_QUALIFIERS)
        for field in ("stage_aml", "stage_any"):
            value = getattr(self, field)
            if value is not None and value not in STAGE_VALUES:
                raise ValueError(f"{field}: {value!r} is not one of {', '.join(STAGE_VALUES)}")
        if self.tractability is not None:
            _check_subset("tractability", frozenset(self.tractability), TRACTABILITY_MODALITIES)
        for field in ("active_aml_trials", "aml_trials_total", "safety_event_count"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValueError(f"{field}: must be >= 0, got {value}")
        if self.aml_association is not None and not 0.0 <= self.aml_association <= 1.0:
            raise ValueError(f"aml_association: must be within 0..1, got {self.aml_association}")
