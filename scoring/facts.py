"""Plain, frozen facts about one target: what the Django side reads from the database for scoring.

Missing is ``None`` everywhere. An empty ``evidence`` tuple is *observed*: "no curated evidence"
scores 0 on `niche_biology`; it is not treated as missing. An empty ``safety`` tuple (and no
core-essential mark) is *unknown*: nobody has looked, which is not the same as safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.stages import STAGE_VALUES

# `ungraded` stays only for curator items nobody has graded yet (they count at the lowest level).
EVIDENCE_LEVELS = ("in_vitro", "in_vivo", "patient_samples", "clinical", "ungraded")
EVIDENCE_DIRECTIONS = ("pro_leukemic", "anti_leukemic", "mixed", "no_effect")
EVIDENCE_CONTEXTS = ("aml", "other_leukaemia", "normal_hsc", "other", "unrecorded")
DIRECTIONS = EVIDENCE_DIRECTIONS  # kept for callers of the first version
ROLES = ("pro_leukemic", "anti_leukemic", "dual")
COMPARTMENTS = ("msc", "aml_blast", "both", "endothelium", "other")
COMPARTMENT_WORDS = {
    "msc": "MSC",
    "aml_blast": "AML blast",
    "both": "MSC and blast",
    "endothelium": "endothelial",
    "other": "other",
}
MODALITIES = ("small_molecule", "antibody", "other")
ATTRIBUTIONS = ("direct", "via_partner", "indirect")
STAGE_QUALIFIERS = (
    "negative",
    "stopped_harm",
    "stopped_business",
    "terminated",
    "other_primary_target",
    "unverified",
    "mds_only",
)
TRACTABILITY_MODALITIES = ("SM", "AB", "PR", "OC")
SAFETY_KINDS = (
    "hsc_niche",
    "class_toxicity",
    "tissue_essential",
    "no_signal_found",
    "stopped_for_harm",
    "open_targets_liability",
    "core_essential",
)
SEVERITIES = ("high", "moderate", "low", "")
PAIR_SIDES = ("ligand", "receptor")


def _check_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not one of {', '.join(allowed)}")


def _check_subset(field: str, values: frozenset[str], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValueError(f"{field}: {', '.join(map(repr, unknown))} not in {', '.join(allowed)}")


def _check_stage(field: str, value: str | None) -> None:
    if value is not None and value not in STAGE_VALUES:
        raise ValueError(f"{field}: {value!r} is not one of {', '.join(STAGE_VALUES)}")


@dataclass(frozen=True)
class EvidenceFact:
    """One graded finding: level, which way it points, whether the niche mediates it, whether it was checked,
    and where it was made (``context``: AML/MDS, another leukaemia, normal HSC only, another disease or review).

    ``citation`` (PMID or DOI), ``finding`` and ``source_url`` only feed explanations, never a value."""

    level: str
    direction: str
    verified: bool
    niche_mediated: bool | None = None
    citation: str = ""
    finding: str = ""
    context: str = "aml"

    def __post_init__(self) -> None:
        _check_choice("level", self.level, EVIDENCE_LEVELS)
        _check_choice("direction", self.direction, EVIDENCE_DIRECTIONS)
        _check_choice("evidence context", self.context, EVIDENCE_CONTEXTS)


@dataclass(frozen=True)
class AgentFact:
    """One drug's facts for one target, merged across sources (catalogue, ChEMBL, Open Targets).

    ``attribution``: direct (binds the target), via_partner (binds its ligand/receptor partner ``acts_on``)
    or indirect (acts up- or downstream). ``modality`` is the scoring bucket. ``action`` is the mechanism's
    action type in lower case (``agonist``, ``delivery``, ``inhibitor`` ...). ``verified`` is False when any
    source marks the agent's facts as from memory; ``sources`` name where the agent came from."""

    name: str
    attribution: str = "direct"
    modality: str = "other"
    stage_aml: str | None = None
    stage_aml_qualifiers: frozenset[str] = frozenset()
    stage_any: str | None = None
    stage_any_qualifiers: frozenset[str] = frozenset()
    verified: bool = True
    sources: tuple[str, ...] = ()
    acts_on: str = ""
    action: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("agent name: must not be empty")
        _check_choice("attribution", self.attribution, ATTRIBUTIONS)
        _check_choice("modality", self.modality, MODALITIES)
        _check_stage("stage_aml", self.stage_aml)
        _check_stage("stage_any", self.stage_any)
        _check_subset("stage_aml_qualifiers", self.stage_aml_qualifiers, STAGE_QUALIFIERS)
        _check_subset("stage_any_qualifiers", self.stage_any_qualifiers, STAGE_QUALIFIERS)


@dataclass(frozen=True)
class SafetyFact:
    """One safety signal: its kind, severity ('' for no_signal_found) and whether its source was checked."""

    kind: str
    severity: str = ""
    verified: bool = True
    signal: str = ""
    citation: str = ""

    def __post_init__(self) -> None:
        _check_choice("safety kind", self.kind, SAFETY_KINDS)
        _check_choice("severity", self.severity, SEVERITIES)


@dataclass(frozen=True)
class NichePair:
    """A ligand-receptor pair the target belongs to: its ``side`` and where each side sits."""

    partner: str
    side: str
    ligand_compartment: str
    receptor_compartment: str

    def __post_init__(self) -> None:
        _check_choice("pair side", self.side, PAIR_SIDES)
        _check_choice("ligand_compartment", self.ligand_compartment, COMPARTMENTS)
        _check_choice("receptor_compartment", self.receptor_compartment, COMPARTMENTS)


@dataclass(frozen=True)
class TargetFacts:
    """Everything the criteria need about one target. ``None`` means unknown (missing).

    ``agents`` are per-drug facts; ``stage_aml``/``stage_any`` (with qualifiers) are the catalogue's one-line
    summary, used by `clinical_precedent` only for a target with no agent at all. ``publications`` is the number of
    PubMed articles NCBI Gene links to the gene (study depth, read by `novelty` only)."""

    symbol: str
    role: str
    compartment: str
    agents: tuple[AgentFact, ...] = ()
    modalities: frozenset[str] = frozenset()
    stage_aml: str | None = None
    stage_aml_qualifiers: frozenset[str] = frozenset()
    stage_any: str | None = None
    stage_any_qualifiers: frozenset[str] = frozenset()
    is_membrane_or_secreted: bool | None = None
    tractability: Mapping[str, frozenset[str]] | None = None
    aml_association_datatypes: Mapping[str, float] | None = None
    evidence: tuple[EvidenceFact, ...] = ()
    niche_pairs: tuple[NichePair, ...] = ()
    active_aml_trials: int | None = None
    aml_trials_total: int | None = None
    latest_aml_trial_year: int | None = None
    safety: tuple[SafetyFact, ...] = ()
    core_essential: bool | None = None
    publications: int | None = None

    def __post_init__(self) -> None:
        if not self.symbol:
            raise ValueError("symbol: must not be empty")
        _check_choice("role", self.role, ROLES)
        _check_choice("compartment", self.compartment, COMPARTMENTS)
        _check_subset("modalities", self.modalities, MODALITIES)
        _check_subset("stage_aml_qualifiers", self.stage_aml_qualifiers, STAGE_QUALIFIERS)
        _check_subset("stage_any_qualifiers", self.stage_any_qualifiers, STAGE_QUALIFIERS)
        _check_stage("stage_aml", self.stage_aml)
        _check_stage("stage_any", self.stage_any)
        if self.tractability is not None:
            _check_subset("tractability", frozenset(self.tractability), TRACTABILITY_MODALITIES)
        for field in ("active_aml_trials", "aml_trials_total", "publications"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValueError(f"{field}: must be >= 0, got {value}")
        for key, score in (self.aml_association_datatypes or {}).items():
            if not 0.0 <= score <= 1.0:
                raise ValueError(f"aml_association_datatypes.{key}: must be within 0..1, got {score}")
