"""The gene universe: every approved human protein-coding gene, its ligand-receptor pairs and genome-wide facts.

A tier below the curated catalogue (`Target`): genes carry facts read from open data files (HGNC, liana's
OmniPath consensus and Baccin 2019 bone-marrow atlas, GO, Reactome, DrugCentral 2016, Open Targets
tractability, Hart 2017 essentials), each file recorded as a `UniverseSource` with its sha256 and release.
A gene links to the curated target of the same symbol when there is one; nothing in the universe changes a
target's own columns.
"""

from django.db import models

from targets.models.catalogue import Target


class UniverseSource(models.Model):
    """One loaded open-data file: where it came from, its release and licence, and the hash of the bytes read."""

    key = models.CharField(max_length=40, unique=True)
    path = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    release = models.CharField(max_length=200)
    licence = models.CharField(max_length=200)
    origin = models.CharField(max_length=400)
    rows = models.PositiveIntegerField()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} ({self.release})"


class Gene(models.Model):
    """An approved HGNC protein-coding gene with its identifiers and genome-wide facts (None = unknown)."""

    hgnc_id = models.CharField("HGNC id", max_length=20, unique=True)
    symbol = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=300, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    previous_symbols = models.JSONField(default=list, blank=True)
    entrez_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    ensembl_id = models.CharField(max_length=20, blank=True)
    uniprot_ids = models.JSONField(default=list, blank=True)
    search_text = models.TextField(blank=True, help_text="lower-case symbol, name, aliases and previous symbols")
    target = models.OneToOneField(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="universe_gene"
    )
    # Niche graph summary (from LigandReceptorPair, kept here so ranking reads one table).
    is_ligand = models.BooleanField(default=False)
    is_receptor = models.BooleanField(default=False)
    atlas_partners = models.PositiveIntegerField(default=0, help_text="distinct partners in Baccin 2019")
    consensus_partners = models.PositiveIntegerField(default=0, help_text="distinct partners in LIANA consensus")
    partners = models.JSONField(
        default=list, blank=True, help_text="[[symbol, partner is ligand|receptor, [complexes], [resources], atlas]]"
    )
    # GO (org.Hs.eg.db 3.16): selected terms, and whether each ontology annotates the gene at all.
    go_terms = models.JSONField(default=list, blank=True, help_text="[[go_id, term, evidence]]")
    go_cc_annotated = models.BooleanField(default=False)
    go_bp_annotated = models.BooleanField(default=False)
    go_mf_annotated = models.BooleanField(default=False)
    # Reactome: niche pathways the gene is in, and whether Reactome knows the gene at all.
    reactome_niche = models.JSONField(default=list, blank=True, help_text="[[R-HSA id, name]]")
    in_reactome = models.BooleanField(default=False)
    # DrugCentral 2016: approved drugs whose efficacy target this gene is.
    drugs = models.JSONField(default=list, blank=True, help_text="[[drug, action type, DrugCentral id]]")
    # Open Targets tractability (2021 rows, 50 targets): modality -> category; None when no row.
    tractability = models.JSONField(null=True, blank=True)
    # Hart 2017: "core" (CEGv2), "non" (NEGv1) or "" (in neither reference set: unknown).
    essentiality = models.CharField(max_length=4, blank=True)

    class Meta:
        ordering = ["symbol"]

    def __str__(self) -> str:
        return self.symbol


class LigandReceptorPair(models.Model):
    """One ligand subunit binding one receptor subunit in one resource; complexes keep their name (ITGA4_ITGB1)."""

    ligand = models.ForeignKey(Gene, on_delete=models.CASCADE, related_name="pairs_as_ligand")
    receptor = models.ForeignKey(Gene, on_delete=models.CASCADE, related_name="pairs_as_receptor")
    ligand_complex = models.CharField(max_length=120)
    receptor_complex = models.CharField(max_length=120)
    resource = models.CharField(max_length=40)
    reference = models.CharField(max_length=300)
    in_bone_marrow_atlas = models.BooleanField(default=False)

    class Meta:
        ordering = ["ligand_complex", "receptor_complex", "resource"]
        constraints = [
            models.UniqueConstraint(
                fields=["ligand", "receptor", "ligand_complex", "receptor_complex", "resource"],
                name="unique_universe_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ligand_complex} -> {self.receptor_complex} ({self.resource})"


class DiscoveryRun(models.Model):
    """One genome-wide ranking: weights, data hashes and stability settings; only the newest keeps its scores."""

    created_at = models.DateTimeField(auto_now_add=True)
    input_hash = models.CharField(max_length=64)
    weights = models.JSONField()
    sources = models.JSONField(help_text="source key -> sha256 of the file the facts came from")
    stability_samples = models.PositiveIntegerField()
    seed = models.PositiveIntegerField(default=0)
    genes = models.PositiveIntegerField()
    seconds = models.FloatField()
    data_generation = models.BigIntegerField(
        null=True, help_text="the universe data generation (targets.generation) the run ranked; differs = stale"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"discovery run {self.pk} ({self.genes} genes)"


class DiscoveryScore(models.Model):
    """A gene's place in a discovery run, with per-criterion values and contributions (None = missing)."""

    run = models.ForeignKey(DiscoveryRun, on_delete=models.CASCADE, related_name="scores")
    gene = models.ForeignKey(Gene, on_delete=models.CASCADE, related_name="discovery_scores")
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    coverage = models.FloatField()
    values = models.JSONField()
    contributions = models.JSONField()
    rank_p05 = models.PositiveIntegerField(null=True)
    rank_p95 = models.PositiveIntegerField(null=True)
    # Copies of the gene's side and of two criterion values, so the API filters without a join or JSON lookup.
    is_ligand = models.BooleanField(default=False)
    is_receptor = models.BooleanField(default=False)
    antibody_reach = models.FloatField(null=True)
    drug_precedent = models.FloatField(null=True)

    class Meta:
        ordering = ["run", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "gene"], name="unique_discovery_score")]
        indexes = [models.Index(fields=["run", "rank"], name="discovery_run_rank")]

    def __str__(self) -> str:
        return f"{self.gene_id} #{self.rank} in run {self.run_id}"
