"""Per-criterion transforms: one target's facts -> a value in [0, 1], or None when unknown.

Every number a transform uses is a named constant here; `scoring.criteria` publishes them as the
criterion's thresholds, so the API and docs/scoring.md show exactly what the code uses.
"""

from __future__ import annotations

import math

from scoring.facts import TargetFacts
from scoring.stages import MAX_STAGE, STAGE_VALUES

# --- clinical stage -------------------------------------------------------------------------------
# Stage value / approved (4.0): preclinical 0, phase 1 0.25, 1/2 0.375, 2 0.5, 2/3 0.625, 3 0.75, approved 1.
# Each qualifier multiplies the value; several qualifiers multiply together.
STAGE_QUALIFIER_FACTORS: dict[str, float] = {
    "negative": 0.5,  # the trial read out and missed its endpoint: tractable, but less promising
    "failed": 0.5,  # stopped for futility or harm
    "terminated": 0.7,  # stopped early for other or unknown reasons
    "indirect": 0.6,  # the agent acts upstream/downstream (e.g. bortezomib for NF-kB), not on the target
    "unverified": 0.9,  # stage taken from memory, not checked against a source
    "mds_only": 0.8,  # the trial was in MDS, not AML (applies to the AML criterion only)
}
# MDS is a valid indication for "any indication", so `mds_only` does not discount clinical_any.
ANY_INDICATION_IGNORED_QUALIFIERS = frozenset({"mds_only"})


def stage_score(stage: str | None, qualifiers: frozenset[str], ignored: frozenset[str] = frozenset()) -> float | None:
    """Scale an internal stage code to [0, 1] and apply the qualifier discounts."""
    if stage is None:
        return None
    value = STAGE_VALUES[stage] / MAX_STAGE
    for qualifier in sorted(qualifiers - ignored):
        value *= STAGE_QUALIFIER_FACTORS[qualifier]
    return value


def clinical_aml(facts: TargetFacts) -> float | None:
    """Most advanced stage reached in AML (or MDS, discounted), with qualifiers applied."""
    return stage_score(facts.stage_aml, facts.stage_aml_qualifiers)


def clinical_any(facts: TargetFacts) -> float | None:
    """Most advanced stage reached in any indication, with qualifiers applied (MDS counts fully)."""
    return stage_score(facts.stage_any, facts.stage_any_qualifiers, ANY_INDICATION_IGNORED_QUALIFIERS)


# --- tractability ---------------------------------------------------------------------------------
_CLINICAL_LABELS = {"Approved Drug": 1.0, "Advanced Clinical": 0.9, "Phase 1 Clinical": 0.8}
# Open Targets tractability labels (value true) -> credit; a modality scores its best label.
TRACTABILITY_LABEL_SCORES: dict[str, dict[str, float]] = {
    "SM": {
        **_CLINICAL_LABELS,
        "Structure with Ligand": 0.6,
        "High-Quality Ligand": 0.6,
        "High-Quality Pocket": 0.5,
        "Med-Quality Pocket": 0.3,
        "Druggable Family": 0.3,
    },
    "AB": {
        **_CLINICAL_LABELS,
        "UniProt loc high conf": 0.6,
        "GO CC high conf": 0.6,
        "UniProt loc med conf": 0.4,
        "UniProt SigP or TMHMM": 0.4,
        "GO CC med conf": 0.3,
        "Human Protein Atlas loc": 0.3,
    },
    "PR": {
        **_CLINICAL_LABELS,
        "Literature": 0.5,
        "Small Molecule Binder": 0.3,
        "UniProt Ubiquitination": 0.3,
        "Database Ubiquitination": 0.3,
        "Half-life Data": 0.2,
    },
    "OC": dict(_CLINICAL_LABELS),
}
# Without Open Targets buckets: the catalogue's modality precedent (an agent of that modality exists).
PRECEDENT_PRESENT_SCORE = 0.7
PRECEDENT_ABSENT_SCORE = 0.0


def _bucket_score(tractability, modalities: tuple[str, ...]) -> float:
    best = 0.0
    for modality in modalities:
        table = TRACTABILITY_LABEL_SCORES[modality]
        for label in tractability.get(modality, ()):
            best = max(best, table.get(label, 0.0))
    return best


def _tractability(facts: TargetFacts, ot_modalities: tuple[str, ...], precedent: str) -> float | None:
    if facts.tractability is not None:
        return _bucket_score(facts.tractability, ot_modalities)
    if not facts.modalities:
        return None
    return PRECEDENT_PRESENT_SCORE if precedent in facts.modalities else PRECEDENT_ABSENT_SCORE


def tractability_sm(facts: TargetFacts) -> float | None:
    """Small-molecule tractability: Open Targets SM bucket, else small-molecule precedent."""
    return _tractability(facts, ("SM",), "small_molecule")


def tractability_ab(facts: TargetFacts) -> float | None:
    """Antibody tractability; 0 when the protein is known to be neither membrane-bound nor secreted."""
    if facts.is_membrane_or_secreted is False:
        return 0.0
    return _tractability(facts, ("AB",), "antibody")


def tractability_other(facts: TargetFacts) -> float | None:
    """Other modalities (PROTAC and other clinical): best of the PR and OC buckets, else 'other' precedent."""
    return _tractability(facts, ("PR", "OC"), "other")


# --- association ----------------------------------------------------------------------------------
# Open Targets AML association scores of niche genes sit mostly below 0.5; at or above this, full marks.
ASSOCIATION_FULL_MARKS = 0.5


def aml_association(facts: TargetFacts) -> float | None:
    """Open Targets AML association score, rescaled so ASSOCIATION_FULL_MARKS and above give 1."""
    if facts.aml_association is None:
        return None
    return min(1.0, facts.aml_association / ASSOCIATION_FULL_MARKS)


# --- curated niche evidence ----------------------------------------------------------------------
EVIDENCE_LEVEL_POINTS: dict[str, float] = {
    "in_vitro": 1.0,
    "in_vivo": 2.0,
    "patient_samples": 3.0,
    "clinical": 4.0,
}
UNVERIFIED_EVIDENCE_FACTOR = 0.5  # evidence whose source was not checked counts half
OPPOSING_EVIDENCE_FACTOR = -0.5  # evidence pointing against the target's role subtracts half its points
EVIDENCE_FULL_MARKS = 8.0  # points at which the criterion saturates at 1


def _direction_factor(role: str, direction: str) -> float:
    if role == "dual" or role == direction:
        return 1.0
    return OPPOSING_EVIDENCE_FACTOR


def niche_evidence(facts: TargetFacts) -> float:
    """Points from curated evidence (level, direction vs role, verified), capped at EVIDENCE_FULL_MARKS.

    An empty evidence tuple is observed "no curated evidence" and scores 0 (never missing).
    """
    points = 0.0
    for item in facts.evidence:
        factor = _direction_factor(facts.role, item.direction)
        if not item.verified:
            factor *= UNVERIFIED_EVIDENCE_FACTOR
        points += EVIDENCE_LEVEL_POINTS[item.level] * factor
    return min(1.0, max(0.0, points) / EVIDENCE_FULL_MARKS)


# --- trial activity ---------------------------------------------------------------------------------
ACTIVE_TRIALS_FULL_MARKS = 3  # recruiting/active AML or MDS trials at which the activity part is full
ACTIVE_TRIALS_SHARE = 0.7  # share of the criterion from active trials; the rest from recency
RECENCY_REFERENCE_YEAR = 2026  # fixed so scores are reproducible; raised together with the version
RECENCY_WINDOW_YEARS = 10  # a latest trial this many years before the reference year scores 0 recency


def trial_activity(facts: TargetFacts) -> float | None:
    """Active AML/MDS trials (saturating) plus recency of the latest one.

    Known to have no AML/MDS trial at all: 0. Trials known to exist but with neither status nor dates
    known: missing (their activity is unknown, not zero). Nothing known: missing.
    """
    if facts.active_aml_trials is None and facts.latest_aml_trial_year is None:
        return 0.0 if facts.aml_trials_total == 0 else None
    activity = min(1.0, (facts.active_aml_trials or 0) / ACTIVE_TRIALS_FULL_MARKS)
    recency = 0.0
    if facts.latest_aml_trial_year is not None:
        age = RECENCY_REFERENCE_YEAR - facts.latest_aml_trial_year
        recency = min(1.0, max(0.0, 1.0 - age / RECENCY_WINDOW_YEARS))
    return ACTIVE_TRIALS_SHARE * activity + (1.0 - ACTIVE_TRIALS_SHARE) * recency


# --- safety ------------------------------------------------------------------------------------------
SAFETY_EVENTS_HALF = 5  # this many Open Targets safety liabilities halve the liability part
LOEUF_CONSTRAINED = 0.35  # LOEUF at or below: strongly constrained, constraint part 0
LOEUF_TOLERANT = 1.0  # LOEUF at or above: tolerant of loss of function, constraint part 1
SAFETY_PART_WEIGHTS: dict[str, float] = {"liabilities": 0.4, "hsc_niche": 0.4, "constraint": 0.2}


def safety(facts: TargetFacts) -> float | None:
    """Higher is safer: weighted mean of the known parts (liabilities, HSC-niche essentiality, constraint)."""
    parts: dict[str, float] = {}
    if facts.safety_event_count is not None:
        parts["liabilities"] = 1.0 / (1.0 + facts.safety_event_count / SAFETY_EVENTS_HALF)
    if facts.hsc_niche_essential is not None:
        parts["hsc_niche"] = 0.0 if facts.hsc_niche_essential else 1.0
    if facts.loeuf is not None and math.isfinite(facts.loeuf):
        span = LOEUF_TOLERANT - LOEUF_CONSTRAINED
        parts["constraint"] = min(1.0, max(0.0, (facts.loeuf - LOEUF_CONSTRAINED) / span))
    if not parts:
        return None
    total = sum(SAFETY_PART_WEIGHTS[name] for name in parts)
    return sum(SAFETY_PART_WEIGHTS[name] * value for name, value in parts.items()) / total


# --- novelty --------------------------------------------------------------------------------------------
def novelty(facts: TargetFacts) -> float | None:
    """Inverse of precedent: 1 - (furthest stage reached anywhere) / approved. Qualifiers do not apply:
    a failed phase 3 is still precedent."""
    values = [STAGE_VALUES[s] for s in (facts.stage_any, facts.stage_aml) if s is not None]
    if not values:
        return None
    return 1.0 - max(values) / MAX_STAGE
