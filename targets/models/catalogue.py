"""Axes, targets and the ligand-receptor interactions that join them across compartments."""

from django.db import models
from simple_history.models import HistoricalRecords

from targets.choices import Compartment, Role, Stage, StageQualifier
from targets.validators import validate_ensembl_gene, validate_hgnc_symbol, validate_uniprot

# The related facts (agents, evidence items, safety signals) whose `verified=False` makes a target unverified.
UNVERIFIED_RELATIONS = ("mechanisms", "evidence", "safety_signals")


def target_fields_unverified(unverified_notes, stage_aml_qualifiers, stage_any_qualifiers) -> bool:
    """The target's own catalogue fields mark a fact as from memory."""
    return bool(unverified_notes) or StageQualifier.UNVERIFIED in [*stage_aml_qualifiers, *stage_any_qualifiers]


class Axis(models.Model):
    """A signalling or adhesion axis of the niche, e.g. 'CXCL12-CXCR4 chemokine axis'."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "axes"

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A candidate therapeutic target: one human gene with its place in the niche."""

    # Set when a target is added and read-only after (the catalogue reload and every URL find it by them).
    IDENTIFIERS = ("symbol", "ensembl_id", "uniprot")
    # What curators may edit, on both faces (identifiers and source-derived numbers stay with the loaders).
    CURATED_FIELDS = (
        "name",
        "axis",
        "compartment",
        "compartment_note",
        "role",
        "mechanism",
        "is_membrane_or_secreted",
        "hsc_niche_essential",
    )

    symbol = models.CharField(max_length=30, unique=True, validators=[validate_hgnc_symbol])
    ensembl_id = models.CharField("Ensembl gene id", max_length=15, unique=True, validators=[validate_ensembl_gene])
    uniprot = models.CharField("UniProt accession", max_length=10, unique=True, validators=[validate_uniprot])
    name = models.CharField(max_length=300, blank=True)
    axis = models.ForeignKey(Axis, on_delete=models.PROTECT, related_name="targets")
    compartment = models.CharField(max_length=20, choices=Compartment.choices)
    compartment_note = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    mechanism = models.TextField(blank=True)
    agents_note = models.TextField("agents (catalogue text)", blank=True)
    modalities = models.JSONField(default=list, blank=True, help_text="[{modality, qualifier}] precedent modalities")
    stage_aml = models.CharField("highest stage in AML/MDS", max_length=20, choices=Stage.choices, blank=True)
    stage_aml_qualifiers = models.JSONField(default=list, blank=True)
    stage_aml_note = models.CharField(max_length=200, blank=True)
    stage_any = models.CharField("highest stage in any indication", max_length=20, choices=Stage.choices, blank=True)
    stage_any_qualifiers = models.JSONField(default=list, blank=True)
    stage_any_note = models.CharField(max_length=200, blank=True)
    verified_sources = models.JSONField(default=list, blank=True, help_text="facts checked against a source (V:)")
    unverified_notes = models.JSONField(default=list, blank=True, help_text="facts from memory, not checked (M:)")
    is_membrane_or_secreted = models.BooleanField(null=True, blank=True)
    hsc_niche_essential = models.BooleanField(null=True, blank=True)
    core_essential = models.BooleanField(
        null=True, blank=True, help_text="Hart 2017: True in CEGv2, False in NEGv1, blank in neither"
    )
    publications = models.PositiveIntegerField(
        null=True, blank=True, help_text="PubMed articles NCBI Gene links to the gene (gene2pubmed): study depth"
    )
    # Derived from source records (Open Targets); each has a SourceRecord with release and date.
    aml_association = models.FloatField("AML association (Open Targets)", null=True, blank=True)
    aml_association_datatypes = models.JSONField(
        null=True, blank=True, help_text="Open Targets datatype id -> AML association score"
    )
    tractability = models.JSONField(null=True, blank=True, help_text="modality (SM/AB/PR/OC) -> true labels")
    safety_event_count = models.PositiveIntegerField(null=True, blank=True)
    loeuf = models.FloatField("LOEUF (genetic constraint)", null=True, blank=True)
    catalogue_line = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="raised by every edit (optimistic concurrency)")
    history = HistoricalRecords()

    class Meta:
        ordering = ["symbol"]

    def __str__(self) -> str:
        return self.symbol

    @property
    def has_unverified_facts(self) -> bool:
        """True when any fact feeding this target is unverified: a catalogue stage or memory note, or one of its
        agents, evidence items or safety signals (querysets may annotate ``unverified_related`` to save a query)."""
        if target_fields_unverified(self.unverified_notes, self.stage_aml_qualifiers, self.stage_any_qualifiers):
            return True
        related = getattr(self, "unverified_related", None)
        if related is not None:
            return related
        return self.pk is not None and any(
            getattr(self, name).filter(verified=False).exists() for name in UNVERIFIED_RELATIONS
        )


class Interaction(models.Model):
    """A ligand on one side of the niche binding a receptor on the other (CXCL12 -> CXCR4)."""

    ligand = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="as_ligand")
    receptor = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="as_receptor")
    ligand_compartment = models.CharField(max_length=20, choices=Compartment.choices)
    receptor_compartment = models.CharField(max_length=20, choices=Compartment.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["ligand__symbol", "receptor__symbol"]
        constraints = [models.UniqueConstraint(fields=["ligand", "receptor"], name="unique_interaction")]

    def __str__(self) -> str:
        return f"{self.ligand} -> {self.receptor}"
