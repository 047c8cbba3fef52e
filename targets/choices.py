"""Controlled vocabularies shared by models, the catalogue loader, filters and the scoring bridge."""

from django.db import models

from scoring.stages import STAGE_LABELS


class Compartment(models.TextChoices):
    MSC = "msc", "MSC"
    AML_BLAST = "aml_blast", "AML blast"
    BOTH = "both", "MSC and blast"
    ENDOTHELIUM = "endothelium", "Endothelium"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    PRO_LEUKEMIC = "pro_leukemic", "pro-leukemic"
    ANTI_LEUKEMIC = "anti_leukemic", "anti-leukemic"
    DUAL = "dual", "dual"


class EvidenceDirection(models.TextChoices):
    PRO_LEUKEMIC = "pro_leukemic", "supports a pro-leukemic role"
    ANTI_LEUKEMIC = "anti_leukemic", "supports an anti-leukemic role"
    MIXED = "mixed", "context-dependent (both roles)"
    NO_EFFECT = "no_effect", "no effect (null or negative finding)"


class EvidenceContext(models.TextChoices):
    """Where a finding was made: niche biology is about the AML niche (docs/scoring.md, Niche biology)."""

    AML = "aml", "AML or MDS"
    OTHER_LEUKAEMIA = "other_leukaemia", "another leukaemia (CLL, ALL, CML)"
    NORMAL_HSC = "normal_hsc", "normal haematopoietic stem cells only (no leukaemia read-out)"
    OTHER = "other", "another disease, or a review of several"


class EvidenceLevel(models.TextChoices):
    IN_VITRO = "in_vitro", "in vitro co-culture"
    IN_VIVO = "in_vivo", "in vivo model"
    PATIENT_SAMPLES = "patient_samples", "patient samples"
    CLINICAL = "clinical", "clinical"
    UNGRADED = "ungraded", "not graded yet"


class Modality(models.TextChoices):
    SMALL_MOLECULE = "small molecule", "small molecule"
    ANTIBODY = "antibody", "antibody"
    PEPTIDE = "peptide", "peptide"
    APTAMER = "aptamer", "aptamer"
    CELL_THERAPY = "cell therapy", "cell therapy"
    FUSION_PROTEIN = "fusion protein", "fusion protein"
    RECOMBINANT_PROTEIN = "recombinant protein", "recombinant protein"
    SIRNA = "siRNA", "siRNA"
    CARBOHYDRATE = "carbohydrate", "carbohydrate-based"


# Which scoring bucket (Open Targets' SM / AB / other) each modality counts towards.
MODALITY_BUCKET = {
    Modality.SMALL_MOLECULE: "small_molecule",
    Modality.ANTIBODY: "antibody",
    Modality.FUSION_PROTEIN: "antibody",
}


def modality_bucket(modality: str) -> str:
    """Return the scoring bucket (small_molecule, antibody, other) of a modality."""
    return MODALITY_BUCKET.get(modality, "other")


Stage = models.TextChoices(
    "Stage", [(code.replace("/", "_").upper(), (code, label)) for code, label in STAGE_LABELS.items()]
)


class StageQualifier(models.TextChoices):
    """What happened at a stage (docs/catalogue.md); stored in this order of meaning."""

    NEGATIVE = "negative", "missed its efficacy endpoint"
    STOPPED_HARM = "stopped_harm", "stopped for harm"
    STOPPED_BUSINESS = "stopped_business", "stopped for business reasons"
    TERMINATED = "terminated", "terminated (reason unknown or other)"
    OTHER_PRIMARY_TARGET = "other_primary_target", "earned through another target"
    UNVERIFIED = "unverified", "unverified (from memory)"
    MDS_ONLY = "mds_only", "in MDS only"


# Legacy qualifier words the loader still reads: the new word, or None when the word is dropped
# ('indirect' is now the mechanism's attribution, not a stage qualifier).
LEGACY_QUALIFIERS = {"failed": StageQualifier.NEGATIVE, "discontinued": StageQualifier.TERMINATED, "indirect": None}


def ordered_qualifiers(values) -> list[str]:
    """The distinct qualifiers in the vocabulary's order (unknown words last, alphabetically)."""
    order = {value: index for index, value in enumerate(StageQualifier.values)}
    return sorted(set(values), key=lambda value: (order.get(value, len(order)), value))


def qualifier_labels(values) -> list[tuple[str, str]]:
    """(qualifier, its words) pairs in the vocabulary's order (an unknown word is its own label)."""
    labels = dict(StageQualifier.choices)
    return [(value, labels.get(value, value)) for value in ordered_qualifiers(values)]


class Attribution(models.TextChoices):
    """How a drug reaches a target (docs/catalogue.md, attribution rule)."""

    DIRECT = "direct", "direct"
    VIA_PARTNER = "via_partner", "via partner"
    INDIRECT = "indirect", "indirect"


class SafetyKind(models.TextChoices):
    HSC_NICHE = "hsc_niche", "HSC-niche risk"
    CLASS_TOXICITY = "class_toxicity", "class toxicity"
    TISSUE_ESSENTIAL = "tissue_essential", "tissue-essential role"
    NO_SIGNAL_FOUND = "no_signal_found", "no signal found"
    STOPPED_FOR_HARM = "stopped_for_harm", "programme stopped for harm"
    OPEN_TARGETS_LIABILITY = "open_targets_liability", "Open Targets safety liability"
    CORE_ESSENTIAL = "core_essential", "core-essential gene (Hart 2017)"


class Severity(models.TextChoices):
    HIGH = "high", "high"
    MODERATE = "moderate", "moderate"
    LOW = "low", "low"


class SafetyEvidence(models.TextChoices):
    CLINICAL = "clinical", "clinical"
    ANIMAL = "animal", "animal"
    HUMAN_GENETIC = "human_genetic", "human genetic"
    IN_VITRO = "in_vitro", "in vitro"


class Source(models.TextChoices):
    CATALOGUE = "catalogue", "NicheRank catalogue"
    CURATOR = "curator", "curator"
    OPEN_TARGETS = "opentargets", "Open Targets Platform"
    CHEMBL = "chembl", "ChEMBL"
    CLINICALTRIALS = "clinicaltrials", "ClinicalTrials.gov"
    DGIDB = "dgidb", "DGIdb"
    DERIVED = "derived", "derived by rule"


EXTERNAL_SOURCES = (Source.OPEN_TARGETS, Source.CHEMBL, Source.CLINICALTRIALS, Source.DGIDB)
