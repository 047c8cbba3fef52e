"""One internal scale of clinical development stages, and the sources' vocabularies mapped onto it.

The scale is ordinal and numeric so it can be compared and normalised:
preclinical 0, phase 1 1.0, phase 1/2 1.5, phase 2 2.0, phase 2/3 2.5, phase 3 3.0, approved 4.0.
"""

from __future__ import annotations

import re

STAGE_VALUES: dict[str, float] = {
    "preclinical": 0.0,
    "phase1": 1.0,
    "phase1/2": 1.5,
    "phase2": 2.0,
    "phase2/3": 2.5,
    "phase3": 3.0,
    "approved": 4.0,
}
MAX_STAGE = STAGE_VALUES["approved"]
STAGE_LABELS: dict[str, str] = {
    "preclinical": "Preclinical",
    "phase1": "Phase 1",
    "phase1/2": "Phase 1/2",
    "phase2": "Phase 2",
    "phase2/3": "Phase 2/3",
    "phase3": "Phase 3",
    "approved": "Approved",
}

# Open Targets v26.03 `maximumClinicalStage` / `maxClinicalStage` strings.
_OPEN_TARGETS = {
    "PRECLINICAL": "preclinical",
    "IND": "preclinical",
    "EARLY_PHASE_1": "phase1",
    "PHASE_1": "phase1",
    "PHASE_1_2": "phase1/2",
    "PHASE_2": "phase2",
    "PHASE_2_3": "phase2/3",
    "PHASE_3": "phase3",
    "PREAPPROVAL": "phase3",
    "APPROVAL": "approved",
    "PHASE_4": "approved",
    "WITHDRAWAL": "approved",
}
# ClinicalTrials.gov v2 `designModule.phases[]` values.
_CLINICALTRIALS = {
    "EARLY_PHASE1": "phase1",
    "PHASE1": "phase1",
    "PHASE2": "phase2",
    "PHASE3": "phase3",
    "PHASE4": "approved",
}
# ChEMBL `max_phase` (integer, or text such as "4.0"; 0.5 is early phase 1, -1 unknown).
_CHEMBL = {0.5: "phase1", 1.0: "phase1", 2.0: "phase2", 3.0: "phase3", 4.0: "approved"}

_CATALOGUE_TOKEN = re.compile(r"^(preclinical|phase1/2|phase2/3|phase1|phase2|phase3|approved)$")


def parse_catalogue_stage(token: str) -> str:
    """Parse a catalogue stage token such as ``phase1/2`` into an internal code (strict)."""
    cleaned = token.strip().lower()
    if not _CATALOGUE_TOKEN.match(cleaned):
        raise ValueError(f"unknown stage {token!r}; expected one of {', '.join(STAGE_VALUES)}")
    return cleaned


def from_open_targets(value: str | None) -> str | None:
    """Map an Open Targets clinical-stage string to an internal code; UNKNOWN and None give None."""
    if value is None or value == "UNKNOWN":
        return None
    try:
        return _OPEN_TARGETS[value]
    except KeyError:
        raise ValueError(f"unknown Open Targets clinical stage {value!r}") from None


def from_clinicaltrials(phases: list[str] | tuple[str, ...]) -> str | None:
    """Map ClinicalTrials.gov ``phases`` (e.g. ``["PHASE1", "PHASE2"]``) to one internal code.

    A trial listed under two adjacent phases is a combined phase (PHASE1 + PHASE2 is phase 1/2).
    ``NA`` and an empty list give None.
    """
    codes = []
    for phase in phases:
        if phase == "NA":
            continue
        try:
            codes.append(_CLINICALTRIALS[phase])
        except KeyError:
            raise ValueError(f"unknown ClinicalTrials.gov phase {phase!r}") from None
    if not codes:
        return None
    if set(codes) == {"phase1", "phase2"}:
        return "phase1/2"
    if set(codes) == {"phase2", "phase3"}:
        return "phase2/3"
    return max(codes, key=STAGE_VALUES.__getitem__)


def from_chembl(max_phase: float | int | str | None) -> str | None:
    """Map a ChEMBL ``max_phase`` (number or text like ``"4.0"``) to an internal code."""
    if max_phase is None or max_phase == "":
        return None
    try:
        number = float(max_phase)
    except (TypeError, ValueError):
        raise ValueError(f"ChEMBL max_phase {max_phase!r} is not a number") from None
    if number <= 0:
        return "preclinical" if number == 0 else None
    try:
        return _CHEMBL[number]
    except KeyError:
        raise ValueError(f"unknown ChEMBL max_phase {max_phase!r}") from None
