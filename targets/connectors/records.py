"""Typed, frozen records the connectors return; each top-level record carries its provenance.

``Provenance`` holds the source name, the source release when known, the raw JSON fragment the record was
parsed from and a SHA-256 of that fragment (canonical JSON), so the Django side can store a SourceRecord
and skip unchanged rows by hash. Stage fields use the internal codes of :mod:`scoring.stages`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from targets.connectors.util import names


def content_hash(raw: Any) -> str:
    """SHA-256 hex digest of ``raw`` as canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True)
class Provenance:
    """Where a record came from: source, release (None when the source does not say) and raw fragment."""

    source: str
    release: str | None
    raw: Any = field(compare=False, repr=False, hash=False)
    content_hash: str

    @classmethod
    def of(cls, source: str, release: str | None, raw: Any) -> Provenance:
        """Provenance for ``raw``, hashing it."""
        return cls(source=source, release=release, raw=raw, content_hash=content_hash(raw))


@dataclass(frozen=True, kw_only=True)
class NotFound:
    """The source has no record for ``key`` (unknown symbol, id or gene)."""

    source: str
    key: str
    detail: str = ""


# --- Open Targets ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SymbolMapping:
    """A gene symbol resolved to its Ensembl gene id."""

    symbol: str
    ensembl_id: str
    approved_symbol: str
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Tractability:
    """One Open Targets tractability bucket, e.g. modality ``AB``, label ``UniProt loc high conf``."""

    modality: str
    label: str
    value: bool


@dataclass(frozen=True, kw_only=True)
class SafetyEffect:
    direction: str
    dosing: str | None


@dataclass(frozen=True, kw_only=True)
class SafetyLiability:
    """A known safety event for a target, with its data source and affected tissues or cells."""

    event: str | None
    event_id: str | None
    datasource: str
    effects: tuple[SafetyEffect, ...]
    biosamples: tuple[str, ...]
    url: str | None


@dataclass(frozen=True, kw_only=True)
class GeneticConstraint:
    """gnomAD constraint for one variant class (``lof``, ``mis``, ``syn``); LOEUF is ``oe_upper`` of lof."""

    constraint_type: str
    score: float | None
    oe: float | None
    oe_lower: float | None
    oe_upper: float | None
    upper_bin6: int | None


@dataclass(frozen=True, kw_only=True)
class SubcellularLocation:
    location: str
    source: str
    term: str | None
    label: str | None


@dataclass(frozen=True, kw_only=True)
class PrioritisationFactor:
    """An Open Targets prioritisation factor; the platform sends values as strings."""

    key: str
    value: str


@dataclass(frozen=True, kw_only=True)
class DiseaseRef:
    id: str | None
    name: str | None
    from_source: str | None


@dataclass(frozen=True, kw_only=True)
class DrugMechanism:
    """A drug's mechanism of action as Open Targets reports it, with the Ensembl ids it acts on."""

    description: str
    action_type: str | None
    target_ids: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class DrugCandidate:
    """A drug or clinical candidate acting on a target (Open Targets ``drugAndClinicalCandidates`` row)."""

    target_id: str
    drug_id: str
    drug_name: str
    drug_type: str | None
    stage: str | None
    stage_reported: str
    diseases: tuple[DiseaseRef, ...]
    mechanisms: tuple[DrugMechanism, ...]
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class TargetProfile:
    """Everything Open Targets says about one target that the ranking needs."""

    ensembl_id: str
    symbol: str
    tractability: tuple[Tractability, ...]
    prioritisation: tuple[PrioritisationFactor, ...]
    safety_liabilities: tuple[SafetyLiability, ...]
    genetic_constraint: tuple[GeneticConstraint, ...]
    subcellular_locations: tuple[SubcellularLocation, ...]
    drug_candidates: tuple[DrugCandidate, ...]
    provenance: Provenance

    def prioritisation_dict(self) -> dict[str, str]:
        """Prioritisation factors as ``{key: value}``."""
        return {factor.key: factor.value for factor in self.prioritisation}

    def tractable_modalities(self) -> tuple[str, ...]:
        """Modalities (SM, AB, PR, OC) with at least one positive tractability bucket, in report order."""
        seen: dict[str, None] = {}
        for bucket in self.tractability:
            if bucket.value:
                seen.setdefault(bucket.modality, None)
        return tuple(seen)


@dataclass(frozen=True, kw_only=True)
class ScoredComponent:
    id: str
    score: float


@dataclass(frozen=True, kw_only=True)
class AssociationScore:
    """Open Targets target-disease association score (0-1) with its per-datatype breakdown."""

    disease_id: str
    ensembl_id: str
    symbol: str
    score: float
    datatype_scores: tuple[ScoredComponent, ...]
    datasource_scores: tuple[ScoredComponent, ...]
    provenance: Provenance


# --- ChEMBL ---------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ChemblTarget:
    target_chembl_id: str
    accession: str
    pref_name: str | None
    target_type: str | None
    organism: str | None
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Mechanism:
    """A ChEMBL mechanism: molecule (possibly a salt) acting on a target."""

    target_chembl_id: str | None
    molecule_chembl_id: str
    parent_molecule_chembl_id: str | None
    mechanism_of_action: str | None
    action_type: str | None
    max_phase: float | None
    stage: str | None
    direct_interaction: bool | None
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Molecule:
    molecule_chembl_id: str
    pref_name: str | None
    molecule_type: str | None
    parent_chembl_id: str | None
    max_phase: float | None
    stage: str | None
    first_approval: int | None
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class Indication:
    """A ChEMBL drug indication (kept only for the disease ids asked for, e.g. AML)."""

    molecule_chembl_id: str
    parent_molecule_chembl_id: str | None
    efo_id: str | None
    efo_term: str | None
    mesh_id: str | None
    mesh_heading: str | None
    max_phase_for_ind: float | None
    stage: str | None
    provenance: Provenance


# --- ClinicalTrials.gov ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PartialDate:
    """A date as the registry gives it ("2015-08" stays "2015-08"); precision is year, month or day."""

    text: str
    precision: str


@dataclass(frozen=True, kw_only=True)
class Intervention:
    type: str | None
    name: str
    other_names: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Trial:
    """One ClinicalTrials.gov study."""

    nct_id: str
    title: str
    phases: tuple[str, ...]
    stage: str | None
    overall_status: str | None
    start_date: PartialDate | None
    last_update: PartialDate | None
    enrollment: int | None
    enrollment_type: str | None
    interventions: tuple[Intervention, ...]
    conditions: tuple[str, ...]
    lead_sponsor: str | None
    provenance: Provenance

    def mentions_drug(self, name: str) -> bool:
        """True if an intervention's name or other names name ``name`` as whole words (case-insensitive);
        a longer word containing it does not count."""
        return any(
            names(candidate, name)
            for intervention in self.interventions
            for candidate in (intervention.name, *intervention.other_names)
        )


# --- DGIdb ----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Interaction:
    """A DGIdb drug-gene interaction."""

    gene: str
    drug_name: str
    drug_concept_id: str | None
    approved: bool | None
    immunotherapy: bool | None
    anti_neoplastic: bool | None
    score: float | None
    types: tuple[str, ...]
    directionalities: tuple[str, ...]
    sources: tuple[str, ...]
    pmids: tuple[int, ...]
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class GeneCategories:
    """DGIdb druggable-genome categories of a gene (e.g. KINASE, CELL SURFACE)."""

    gene: str
    concept_id: str | None
    categories: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True, kw_only=True)
class DgidbGene:
    gene: str
    categories: GeneCategories
    interactions: tuple[Interaction, ...]
