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
    NEGATIVE = "negative", "negative"
    FAILED = "failed", "failed"
    TERMINATED = "terminated", "terminated"
    DISCONTINUED = "discontinued", "discontinued"
    INDIRECT = "indirect", "indirect agent"
    UNVERIFIED = "unverified", "unverified (from memory)"
    MDS_ONLY = "mds_only", "in MDS only"


class Source(models.TextChoices):
    CATALOGUE = "catalogue", "NicheRank catalogue"
    CURATOR = "curator", "curator"
    OPEN_TARGETS = "opentargets", "Open Targets Platform"
    CHEMBL = "chembl", "ChEMBL"
    CLINICALTRIALS = "clinicaltrials", "ClinicalTrials.gov"
    DGIDB = "dgidb", "DGIdb"


EXTERNAL_SOURCES = (Source.OPEN_TARGETS, Source.CHEMBL, Source.CLINICALTRIALS, Source.DGIDB)
