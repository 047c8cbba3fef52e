"""The criteria: definitions, thresholds and the one place where target facts become a matrix."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from scoring import transforms as t
from scoring.facts import TargetFacts


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion: ``transform(facts)`` gives a value in [0, 1] or None (missing)."""

    key: str
    label: str
    version: str
    description: str
    transform: Callable[[TargetFacts], float | None]
    thresholds: Mapping[str, object] = field(default_factory=dict)
    higher_is_better: bool = True
    formula: str = ""
    missing_when: str = ""


_STAGE_THRESHOLDS = {"stage_values": dict(t.STAGE_VALUES), "max_stage": t.MAX_STAGE}
_TRACTABILITY_FALLBACK = {
    "precedent_present_score": t.PRECEDENT_PRESENT_SCORE,
    "precedent_absent_score": t.PRECEDENT_ABSENT_SCORE,
}

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        key="clinical_aml",
        label="Clinical stage in AML",
        version="1",
        description="Most advanced clinical stage of an agent against the target in AML (MDS discounted).",
        transform=t.clinical_aml,
        thresholds={**_STAGE_THRESHOLDS, "qualifier_factors": dict(t.STAGE_QUALIFIER_FACTORS)},
        formula="stage value / 4, multiplied by the factor of each qualifier",
        missing_when="the AML stage is unknown",
    ),
    Criterion(
        key="clinical_any",
        label="Clinical stage in any indication",
        version="1",
        description="Most advanced clinical stage of an agent against the target in any disease.",
        transform=t.clinical_any,
        thresholds={
            **_STAGE_THRESHOLDS,
            "qualifier_factors": {
                k: v for k, v in t.STAGE_QUALIFIER_FACTORS.items() if k not in t.ANY_INDICATION_IGNORED_QUALIFIERS
            },
        },
        formula="stage value / 4, multiplied by the factor of each qualifier (MDS-only is not discounted)",
        missing_when="the stage in any indication is unknown",
    ),
    Criterion(
        key="tractability_sm",
        label="Small-molecule tractability",
        version="1",
        description="Can a small molecule act on it? Open Targets SM bucket, else small-molecule precedent.",
        transform=t.tractability_sm,
        thresholds={"label_scores": dict(t.TRACTABILITY_LABEL_SCORES["SM"]), **_TRACTABILITY_FALLBACK},
        formula="best score among the true Open Targets SM labels; without Open Targets data, "
        "precedent_present_score if a small-molecule agent exists, else precedent_absent_score",
        missing_when="no Open Targets tractability and no known modality precedent",
    ),
    Criterion(
        key="tractability_ab",
        label="Antibody tractability",
        version="1",
        description="Can an antibody reach it? Needs a membrane or secreted protein.",
        transform=t.tractability_ab,
        thresholds={"label_scores": dict(t.TRACTABILITY_LABEL_SCORES["AB"]), **_TRACTABILITY_FALLBACK},
        formula="0 if the protein is known to be neither membrane-bound nor secreted; otherwise best score "
        "among the true Open Targets AB labels, else antibody precedent as for small molecules",
        missing_when="location not known to be intracellular, and no tractability or modality data",
    ),
    Criterion(
        key="tractability_other",
        label="Other-modality tractability",
        version="1",
        description="PROTAC and other clinical modalities (Open Targets PR and OC buckets).",
        transform=t.tractability_other,
        thresholds={
            "label_scores": {m: dict(t.TRACTABILITY_LABEL_SCORES[m]) for m in ("PR", "OC")},
            **_TRACTABILITY_FALLBACK,
        },
        formula="best score among the true Open Targets PR and OC labels, else 'other' precedent",
        missing_when="no Open Targets tractability and no known modality precedent",
    ),
    Criterion(
        key="aml_association",
        label="AML association",
        version="1",
        description="Open Targets association score between the target and AML.",
        transform=t.aml_association,
        thresholds={"full_marks": t.ASSOCIATION_FULL_MARKS},
        formula="min(1, score / full_marks)",
        missing_when="no Open Targets association score",
    ),
    Criterion(
        key="niche_evidence",
        label="Curated niche evidence",
        version="1",
        description="Curated evidence that the target acts in the MSC-AML niche as its role says.",
        transform=t.niche_evidence,
        thresholds={
            "level_points": dict(t.EVIDENCE_LEVEL_POINTS),
            "unverified_factor": t.UNVERIFIED_EVIDENCE_FACTOR,
            "opposing_factor": t.OPPOSING_EVIDENCE_FACTOR,
            "full_marks_points": t.EVIDENCE_FULL_MARKS,
        },
        formula="sum of level points x direction factor (1 matching the role or dual, opposing_factor "
        "otherwise) x unverified_factor if unverified; floored at 0, / full_marks_points, capped at 1",
        missing_when="never: no curated evidence is an observed 0",
    ),
    Criterion(
        key="trial_activity",
        label="AML/MDS trial activity",
        version="2",
        description="Recruiting or active AML/MDS trials, and how recent the latest one is.",
        transform=t.trial_activity,
        thresholds={
            "active_trials_full_marks": t.ACTIVE_TRIALS_FULL_MARKS,
            "active_share": t.ACTIVE_TRIALS_SHARE,
            "recency_reference_year": t.RECENCY_REFERENCE_YEAR,
            "recency_window_years": t.RECENCY_WINDOW_YEARS,
        },
        formula="active_share x min(1, active / active_trials_full_marks) + (1 - active_share) x "
        "clip(1 - (reference_year - latest_year) / window, 0, 1)",
        missing_when="neither active count nor latest year known, unless the target has no AML/MDS trial (0)",
    ),
    Criterion(
        key="safety",
        label="Safety",
        version="1",
        description="Higher is safer: few liabilities, not needed by normal HSC niches, not constrained.",
        transform=t.safety,
        thresholds={
            "events_half": t.SAFETY_EVENTS_HALF,
            "loeuf_constrained": t.LOEUF_CONSTRAINED,
            "loeuf_tolerant": t.LOEUF_TOLERANT,
            "part_weights": dict(t.SAFETY_PART_WEIGHTS),
        },
        formula="weighted mean of the known parts: liabilities 1 / (1 + events / events_half); "
        "HSC-niche essential 0 else 1; constraint clip((LOEUF - constrained) / (tolerant - constrained))",
        missing_when="liabilities, HSC-niche essentiality and LOEUF are all unknown",
    ),
    Criterion(
        key="novelty",
        label="Novelty",
        version="1",
        description="Inverse of precedent: targets without advanced agents anywhere score high.",
        transform=t.novelty,
        thresholds={"stage_values": dict(t.STAGE_VALUES), "max_stage": t.MAX_STAGE},
        formula="1 - (furthest stage in any indication or AML) / 4; qualifiers ignored (a failed trial is "
        "still precedent)",
        missing_when="both stages are unknown",
    ),
)
CRITERION_KEYS: tuple[str, ...] = tuple(c.key for c in CRITERIA)
CRITERIA_BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}


def build_matrix(facts: Sequence[TargetFacts], criteria: Sequence[Criterion] = CRITERIA) -> np.ndarray:
    """Turn target facts into a ``(n_targets, n_criteria)`` float64 matrix in [0, 1]; NaN marks missing."""
    nan = float("nan")
    columns = []
    for criterion in criteria:
        transform = criterion.transform
        column = [transform(target) for target in facts]
        columns.append([nan if value is None else value for value in column])
    return np.array(columns, dtype=np.float64).T.reshape(len(facts), len(criteria)).copy()


def criteria_versions(criteria: Sequence[Criterion] = CRITERIA) -> dict[str, str]:
    """Map criterion key -> version string."""
    return {c.key: c.version for c in criteria}


def criteria_definitions() -> list[dict]:
    """JSON-ready definitions of every criterion, in matrix column order (served by the API)."""
    return [
        {
            "key": c.key,
            "label": c.label,
            "version": c.version,
            "description": c.description,
            "higher_is_better": c.higher_is_better,
            "transform": c.formula,
            "missing_when": c.missing_when,
            "thresholds": _json_ready(c.thresholds),
        }
        for c in CRITERIA
    ]


def _json_ready(value):
    if isinstance(value, Mapping):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        return [_json_ready(v) for v in value]
    return value
