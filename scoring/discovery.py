"""Genome-wide discovery criteria: every protein-coding gene scored for MSC-niche potential from open data.

Pure Python and numpy (no Django). The Django side fills one `UniverseFacts` (column arrays, one row per
gene); `discovery_matrix` turns it into an ``(n, 8)`` criteria matrix in [0, 1] with NaN for missing, and
`rank_universe` ranks it with the engine's own weighted sum, missing-data policy and SMAA rank stability
(`scoring.rank_matrix`, `scoring.stability.rank_stability`).

Missing stays missing: a value is NaN when its source says nothing about the gene (no GO cellular-component
annotation, no Open Targets row, in neither Hart reference set). A source that lists everything it covers
(the ligand-receptor resources, DrugCentral's approved drugs) gives an observed 0 to a gene it does not list.

Circularity: `curated_partners` counts a gene's niche partners that are curated targets. A gene's own curated
status never enters (self-pairs are excluded and the gene's own flag is not an input), but two curated genes
that bind each other lift each other; `recall` is therefore reported with and without that criterion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.aggregation import normalise_weights, prepare
from scoring.engine import rank_matrix
from scoring.stability import rank_stability

__all__ = [
    "DISCOVERY_CRITERIA",
    "DISCOVERY_KEYS",
    "DiscoveryCriterion",
    "DiscoveryRanking",
    "UniverseFacts",
    "discovery_definitions",
    "discovery_matrix",
    "rank_universe",
    "recall",
]


@dataclass(frozen=True)
class DiscoveryCriterion:
    key: str
    label: str
    measures: str
    value: str
    missing_when: str
    sources: tuple[str, ...]  # UniverseSource keys the value comes from
    weight: float = 1.0


ATLAS_FULL_MARKS = 3  # distinct Baccin 2019 partners for full marks
CONSENSUS_FULL_MARKS = 5  # distinct LIANA consensus partners for full marks
CURATED_FULL_MARKS = 2  # distinct curated-target partners for full marks
PROCESS_FULL_MARKS = 3  # distinct niche GO terms + Reactome niche pathways for full marks
PLASMA_MEMBRANE_ONLY = 0.5  # plasma membrane without "cell surface": the protein's face is not said
TRACTABILITY_MEDIUM = 0.5  # only medium-confidence Open Targets buckets

DISCOVERY_CRITERIA = (
    DiscoveryCriterion(
        "bm_atlas",
        "Bone-marrow atlas pairs",
        "partners in Baccin 2019's bone-marrow niche atlas",
        f"min(1, distinct atlas partners / {ATLAS_FULL_MARKS})",
        "never (not in the atlas = 0)",
        ("ligand_receptor",),
    ),
    DiscoveryCriterion(
        "lr_support",
        "Resource support",
        "partners in LIANA's consensus of expert-curated resources (OmniPath)",
        f"min(1, distinct consensus partners / {CONSENSUS_FULL_MARKS})",
        "never (no consensus pair = 0)",
        ("ligand_receptor",),
    ),
    DiscoveryCriterion(
        "curated_partners",
        "Curated partners",
        "niche partners that are curated targets (never the gene itself)",
        f"min(1, distinct curated partners / {CURATED_FULL_MARKS})",
        "never (no curated partner = 0)",
        ("ligand_receptor",),
    ),
    DiscoveryCriterion(
        "antibody_reach",
        "Antibody reach",
        "cell surface or secreted (GO cellular component)",
        f"1 cell surface or secreted; {PLASMA_MEMBRANE_ONLY} plasma membrane only; 0 other compartments",
        "GO has no cellular-component annotation for the gene",
        ("go_terms", "go_annotated"),
    ),
    DiscoveryCriterion(
        "drug_precedent",
        "Approved-drug precedent",
        "efficacy target of an approved drug (DrugCentral 2016)",
        "1 if at least one approved drug, else 0",
        "never (DrugCentral lists every approved drug's targets)",
        ("drugcentral",),
    ),
    DiscoveryCriterion(
        "tractability",
        "Tractability (non-clinical)",
        "Open Targets structure/ligand/pocket (small molecule) and localisation (antibody) buckets; the clinical "
        "buckets are left out because drug precedent already counts them",
        f"1 any high-confidence bucket; {TRACTABILITY_MEDIUM} medium only; 0 none",
        "no Open Targets row (the bundled file has 50 targets)",
        ("tractability",),
    ),
    DiscoveryCriterion(
        "essentiality_safety",
        "Not core-essential",
        "Hart 2017 reference sets: core-essential genes are a safety signal",
        "0 core-essential (CEGv2); 1 non-essential (NEGv1)",
        "in neither reference set",
        ("hart_core", "hart_non"),
    ),
    DiscoveryCriterion(
        "niche_process",
        "Niche processes",
        "niche GO terms (HSC homing, leukocyte rolling, chemokine, integrin, cytokine...) and niche Reactome pathways",
        f"min(1, distinct annotations / {PROCESS_FULL_MARKS})",
        "GO has no process or function annotation and Reactome does not list the gene",
        ("go_terms", "go_annotated", "reactome"),
    ),
)
DISCOVERY_KEYS = tuple(c.key for c in DISCOVERY_CRITERIA)
STABILITY_CONCENTRATION = 50.0  # as the default profiles (scoring.profiles.Profile.concentration)


@dataclass(frozen=True)
class UniverseFacts:
    """Column arrays over n genes (None entries are not allowed; use the documented codes)."""

    symbols: np.ndarray  # (n,) str
    atlas_partners: np.ndarray  # (n,) int
    consensus_partners: np.ndarray  # (n,) int
    curated_partners: np.ndarray  # (n,) int, partners that are curated targets, self excluded
    reach: np.ndarray  # (n,) float: 1 surface/secreted, 0.5 plasma membrane only, 0 elsewhere, NaN no CC data
    approved_drugs: np.ndarray  # (n,) int
    tractability: np.ndarray  # (n,) float: 1 high, 0.5 medium, 0 none, NaN no Open Targets row
    essentiality: np.ndarray  # (n,) int8: 1 core-essential, 0 non-essential, -1 unknown
    niche_annotations: np.ndarray  # (n,) int
    process_annotated: np.ndarray  # (n,) bool: GO BP/MF or Reactome knows the gene


def discovery_matrix(facts: UniverseFacts) -> np.ndarray:
    """The ``(n, len(DISCOVERY_KEYS))`` criteria matrix in [0, 1], NaN for missing."""
    n = len(facts.symbols)
    matrix = np.empty((n, len(DISCOVERY_KEYS)))
    matrix[:, 0] = np.minimum(1.0, np.asarray(facts.atlas_partners) / ATLAS_FULL_MARKS)
    matrix[:, 1] = np.minimum(1.0, np.asarray(facts.consensus_partners) / CONSENSUS_FULL_MARKS)
    matrix[:, 2] = np.minimum(1.0, np.asarray(facts.curated_partners) / CURATED_FULL_MARKS)
    matrix[:, 3] = np.asarray(facts.reach, dtype=np.float64)
    matrix[:, 4] = (np.asarray(facts.approved_drugs) > 0).astype(np.float64)
    matrix[:, 5] = np.asarray(facts.tractability, dtype=np.float64)
    essential = np.asarray(facts.essentiality)
    matrix[:, 6] = np.where(essential < 0, np.nan, 1.0 - essential)
    process = np.minimum(1.0, np.asarray(facts.niche_annotations) / PROCESS_FULL_MARKS)
    matrix[:, 7] = np.where(np.asarray(facts.process_annotated, dtype=bool), process, np.nan)
    return matrix


def default_weights() -> np.ndarray:
    """Equal weights: a starting point, not tuned to any result (docs/scoring.md, Discovery)."""
    return np.array([c.weight for c in DISCOVERY_CRITERIA])


@dataclass(frozen=True)
class DiscoveryRanking:
    """Row i is gene i: matrix values, score, contributions, coverage, 1-based rank, stability interval."""

    matrix: np.ndarray
    weights: np.ndarray
    scores: np.ndarray
    contributions: np.ndarray
    coverage: np.ndarray
    ranks: np.ndarray
    order: np.ndarray
    rank_p05: np.ndarray | None
    rank_p95: np.ndarray | None


def discovery_weights(weights=None) -> np.ndarray:
    """The normalised weights a discovery ranking uses (the defaults when ``weights`` is None)."""
    return normalise_weights(default_weights() if weights is None else weights)


def rank_universe(
    facts: UniverseFacts,
    weights=None,
    *,
    samples: int = 1000,
    seed: int = 0,
    missing: str = "renormalise",
    matrix: np.ndarray | None = None,
) -> DiscoveryRanking:
    """Rank every gene by the weighted sum of the discovery criteria, with ``samples`` SMAA weight draws
    (``matrix``: the facts' `discovery_matrix` when the caller has built it already)."""
    matrix = discovery_matrix(facts) if matrix is None else matrix
    w = discovery_weights(weights)
    symbols = np.asarray(facts.symbols).astype(str)
    result = rank_matrix(matrix, w, method="weighted_sum", missing=missing, tie_keys=symbols if len(symbols) else None)
    p05 = p95 = None
    if samples > 0 and len(symbols):
        prep = prepare(matrix, method="weighted_sum", missing=missing, positive=w > 0)
        stability = rank_stability(
            prep,
            w,
            samples=samples,
            concentration=STABILITY_CONCENTRATION,
            top_k=min(100, len(symbols)),
            seed=seed,
            tie_order=result.ranks,
        )
        p05, p95 = stability.rank_p05, stability.rank_p95
    return DiscoveryRanking(
        matrix, w, result.scores, result.contributions, result.coverage, result.ranks, result.order, p05, p95
    )


def recall(ranks: np.ndarray, members: np.ndarray, cutoffs=(10, 50, 100, 500, 1000)) -> dict[int, int]:
    """How many of ``members`` (bool, (n,)) rank within each cutoff (ranks 1-based)."""
    ranks = np.asarray(ranks)
    members = np.asarray(members, dtype=bool)
    return {k: int(np.sum(members & (ranks >= 1) & (ranks <= k))) for k in cutoffs}


def discovery_definitions() -> dict:
    """JSON-ready criteria, thresholds and default weights (served by the API, quoted in docs/scoring.md)."""
    return {
        "criteria": [c.__dict__ | {"sources": list(c.sources)} for c in DISCOVERY_CRITERIA],
        "thresholds": {
            "atlas_full_marks": ATLAS_FULL_MARKS,
            "consensus_full_marks": CONSENSUS_FULL_MARKS,
            "curated_full_marks": CURATED_FULL_MARKS,
            "process_full_marks": PROCESS_FULL_MARKS,
            "plasma_membrane_only": PLASMA_MEMBRANE_ONLY,
            "tractability_medium": TRACTABILITY_MEDIUM,
        },
        "method": "weighted_sum",
        "missing": "renormalise",
        "stability_concentration": STABILITY_CONCENTRATION,
    }
