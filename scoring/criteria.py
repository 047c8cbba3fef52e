"""The criteria: definitions, thresholds and the one place where target facts become a matrix."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from scoring import transforms as t
from scoring.errors import FieldError
from scoring.facts import TargetFacts


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion: ``transform(facts, thresholds)`` gives a value in [0, 1] or None (missing);
    ``derive(facts, thresholds)`` gives the value with the facts that produced it (for explanations)."""

    key: str
    label: str
    version: str
    description: str
    transform: Callable[[TargetFacts, Mapping], float | None]
    thresholds: Mapping[str, object] = field(default_factory=dict)
    higher_is_better: bool = True
    formula: str = ""
    missing_when: str = ""
    derive: Callable[[TargetFacts, Mapping], t.Derivation] | None = None


def _criterion(key: str, derive, **kwargs) -> Criterion:
    return Criterion(key=key, transform=getattr(t, key), derive=derive, **kwargs)


_QUALIFIERS = {"qualifier_factors": dict(t.STAGE_QUALIFIER_FACTORS)}
_EVIDENCE_THRESHOLDS = {
    "level_points": dict(t.EVIDENCE_LEVEL_POINTS),
    "niche_mediated_factors": dict(t.NICHE_MEDIATED_FACTORS),
    "context_factors": dict(t.CONTEXT_FACTORS),
    "unverified_factor": t.UNVERIFIED_EVIDENCE_FACTOR,
    "mixed_factor": t.MIXED_EVIDENCE_FACTOR,
    "contrary_factor": t.CONTRARY_EVIDENCE_FACTOR,
    "corroboration_cap": t.CORROBORATION_CAP,
    "full_marks_points": t.EVIDENCE_FULL_MARKS,
}
_PRECEDENT_THRESHOLDS = {
    **_QUALIFIERS,
    "other_indication_factor": t.OTHER_INDICATION_FACTOR,
    "via_partner_factor": t.VIA_PARTNER_FACTOR,
    "unverified_agent_factor": t.UNVERIFIED_AGENT_FACTOR,
}
_PRECEDENT_FORMULA = (
    "best counted agent of stage value / 4 x its qualifier factors; a stage outside AML/MDS x "
    "other_indication_factor; via-partner agents x via_partner_factor; unverified agents x unverified_agent_factor"
)
_EVIDENCE_FORMULA = (
    "sum over non-clinical findings of level points x direction (1 supporting, mixed_factor context-dependent, "
    "-contrary_factor contrary or no effect) x niche-mediated factor x context factor (another leukaemia, another "
    "disease; normal-HSC-only findings not counted) x unverified_factor if from memory; supporting findings "
    "not niche-mediated add at most corroboration_cap x the niche-mediated (or not graded) support; "
    "floored at 0, / full_marks_points, capped at 1"
)

CRITERIA: tuple[Criterion, ...] = (
    _criterion(
        "niche_biology",
        t.derive_niche_biology,
        label="Niche biology",
        version="3",
        description="Graded non-clinical evidence that the target acts in the MSC-AML niche as its role says.",
        thresholds=_EVIDENCE_THRESHOLDS,
        formula=_EVIDENCE_FORMULA,
        missing_when="never: no curated evidence is an observed 0",
    ),
    _criterion(
        "niche_specificity",
        t.derive_niche_specificity,
        label="Niche specificity",
        version="1",
        description="How directly the target acts through the MSC-blast interaction (compartment, ligand-receptor "
        "pairs) rather than as a blast-intrinsic dependency the niche induces.",
        thresholds={"compartment_scores": dict(t.COMPARTMENT_SCORES), "pair_scores": dict(t.PAIR_SCORES)},
        formula="max(compartment score, best pair score)",
        missing_when="never: every target has a compartment",
    ),
    _criterion(
        "clinical_precedent",
        t.derive_clinical_precedent,
        label="Clinical precedent",
        version="1",
        description="Furthest stage of the best direct (or via-partner) agent, AML/MDS first, with outcome "
        "qualifiers; other indications as partial credit.",
        thresholds=_PRECEDENT_THRESHOLDS,
        formula=_PRECEDENT_FORMULA,
        missing_when="no agent and no catalogue stage known",
    ),
    _criterion(
        "trial_activity",
        t.derive_trial_activity,
        label="AML/MDS trial activity",
        version="3",
        description="Recruiting or active AML/MDS trials of agents reaching the target, and how recent the latest is.",
        thresholds={
            "active_trials_full_marks": t.ACTIVE_TRIALS_FULL_MARKS,
            "active_share": t.ACTIVE_TRIALS_SHARE,
            "recency_reference_year": t.RECENCY_REFERENCE_YEAR,
            "recency_window_years": t.RECENCY_WINDOW_YEARS,
        },
        formula="active_share x min(1, active / active_trials_full_marks) + (1 - active_share) x "
        "clip(1 - (reference_year - latest_year) / window, 0, 1)",
        missing_when="no linked trial, or trials with neither status nor date; the catalogue stage is never read",
    ),
    _criterion(
        "tractability",
        t.derive_tractability,
        label="Tractability",
        version="3",
        description="The best single modality by what exists, never by stage: Open Targets' non-clinical labels "
        "(structure, ligand, pocket, location) and a direct binder of each modality (antibody > small molecule); "
        "never additive across modalities.",
        thresholds={
            "label_scores": {m: dict(v) for m, v in t.TRACTABILITY_LABEL_SCORES.items()},
            "binder_scores": dict(t.BINDER_SCORES),
            "unverified_agent_factor": t.UNVERIFIED_AGENT_FACTOR,
        },
        formula="max over Open Targets modalities (best non-clinical label; clinical labels are left to "
        "clinical_precedent; AB only for a protein not known to be intracellular) and direct binders (binder "
        "score of their modality x unverified_agent_factor if from memory); an agent's stage is never read",
        missing_when="no Open Targets buckets, no direct agent and no modality precedent",
    ),
    _criterion(
        "disease_association",
        t.derive_disease_association,
        label="Disease association",
        version="1",
        description="Open Targets AML association by datatype, without known_drug and literature.",
        thresholds={"excluded_datatypes": list(t.EXCLUDED_DATATYPES), "full_marks": t.ASSOCIATION_FULL_MARKS},
        formula="min(1, best datatype score outside excluded_datatypes / full_marks)",
        missing_when="no Open Targets datatype scores (until a refresh)",
    ),
    _criterion(
        "hsc_safety",
        t.derive_hsc_safety,
        label="HSC-niche safety",
        version="2",  # 1 new in scoring v2; 2: a programme stopped for harm counts with the class toxicities
        description="Higher is safer: curated HSC-niche, class-toxicity and tissue signals, core-essential genes "
        "and Open Targets liabilities, by kind and severity.",
        thresholds={
            "severity_penalties": dict(t.SEVERITY_PENALTIES),
            "kind_factors": dict(t.SAFETY_KIND_FACTORS),
            "unverified_factor": t.UNVERIFIED_SAFETY_FACTOR,
            "core_essential_severity": t.CORE_ESSENTIAL_SEVERITY,
            "ungraded_severity": t.UNGRADED_SEVERITY,
        },
        formula="product over kinds of (1 - worst severity penalty x kind factor x unverified_factor if from memory)",
        missing_when="no safety signal and no core-essential mark (unknown is not safe)",
    ),
    _criterion(
        "novelty",
        t.derive_novelty,
        label="Novelty",
        version="3",
        description="How little has been published on the gene at all (PubMed articles per gene, NCBI gene2pubmed): "
        "study depth, never the clinical stage or the curated evidence.",
        thresholds={"publications_full_marks": t.PUBLICATIONS_FULL_MARKS},
        formula="max(0, 1 - log(1 + articles) / log(1 + publications_full_marks))",
        missing_when="the gene's article count is not known (not in the bundled NCBI file, or not loaded)",
    ),
    _criterion(
        "enhancement_biology",
        t.derive_enhancement_biology,
        label="Anti-leukemic biology",
        version="2",
        description="Graded non-clinical evidence that the target restrains leukaemia (for enhancement).",
        thresholds=_EVIDENCE_THRESHOLDS,
        formula=_EVIDENCE_FORMULA.replace("supporting", "anti-leukemic"),
        missing_when="never: no curated evidence is an observed 0",
    ),
    _criterion(
        "enhancement_precedent",
        t.derive_enhancement_precedent,
        label="Delivery/agonist precedent",
        version="1",
        description="Clinical precedent of agents that enhance or deliver the target (agonists, delivery, "
        "recombinant protein).",
        thresholds=_PRECEDENT_THRESHOLDS,
        formula=_PRECEDENT_FORMULA + "; enhancing agents only",
        missing_when="no agent and no catalogue stage known",
    ),
)
CRITERION_KEYS: tuple[str, ...] = tuple(c.key for c in CRITERIA)
# Criteria with no genuine offline source: nothing bundled can fill them (no Open Targets AML association scores
# and no ClinicalTrials.gov records are reachable offline), so they stay missing until a refresh, and say so.
NO_OFFLINE_SOURCE: dict[str, str] = {
    "disease_association": "no offline source: only an Open Targets refresh brings AML association scores",
    "trial_activity": "no offline source: only a ClinicalTrials.gov refresh brings trial statuses",
}


_LABELS = {c.key: c.label for c in CRITERIA}


def criterion_label(key: str) -> str:
    """A criterion's label ("Niche specificity"); any other key as words ("min_coverage" -> "min coverage")."""
    return _LABELS.get(key) or key.replace("_", " ")


CRITERIA_BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}


def effective_thresholds(criterion: Criterion, overrides: Mapping[str, object] | None = None) -> Mapping:
    """The criterion's thresholds with ``overrides`` applied. A name replaces a default; a dotted name
    (``qualifier_factors.negative``) or a mapping value replaces entries of a nested threshold. An unknown
    name raises ValueError naming it."""
    if not overrides:
        return criterion.thresholds
    merged = {key: dict(value) if isinstance(value, Mapping) else value for key, value in criterion.thresholds.items()}
    for name, value in overrides.items():
        head, _, tail = name.partition(".")
        if head not in merged:
            expected = ", ".join(merged)
            raise FieldError(f"overrides.{criterion.key}.{name}", f"unknown threshold; expected one of {expected}")
        if tail:
            if not isinstance(merged[head], dict) or tail not in merged[head]:
                raise FieldError(f"overrides.{criterion.key}.{name}", "unknown threshold")
            merged[head][tail] = value
        elif isinstance(merged[head], dict) and isinstance(value, Mapping):
            merged[head].update(value)
        else:
            merged[head] = value
    return merged


def build_matrix(
    facts: Sequence[TargetFacts],
    criteria: Sequence[Criterion] = CRITERIA,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> np.ndarray:
    """Turn target facts into a ``(n_targets, n_criteria)`` float64 matrix in [0, 1]; NaN marks missing.

    ``overrides`` ({criterion_key: {threshold_name: value}}) replace default thresholds for this call only."""
    overrides = overrides or {}
    keys = {c.key for c in criteria}
    unknown = sorted(set(overrides) - keys)
    if unknown:
        raise FieldError("overrides", f"unknown criteria {', '.join(unknown)}")
    nan = float("nan")
    columns = []
    for criterion in criteria:
        thresholds = effective_thresholds(criterion, overrides.get(criterion.key))
        transform = criterion.transform
        column = [transform(target, thresholds) for target in facts]
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
