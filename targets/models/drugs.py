"""Drugs, their mechanisms on targets, and the clinical trials that test them."""

from django.db import models

from targets.choices import Attribution, Modality, Source, Stage
from targets.models.catalogue import Target
from targets.validators import validate_chembl_id, validate_nct_id


class Drug(models.Model):
    """A drug or clinical candidate, keyed by its lower-cased name (and its ChEMBL id when known)."""

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    chembl_id = models.CharField(max_length=20, null=True, blank=True, unique=True, validators=[validate_chembl_id])
    modality = models.CharField(max_length=30, choices=Modality.choices, blank=True)
    max_stage = models.CharField("highest stage (any indication)", max_length=20, choices=Stage.choices, blank=True)
    first_approval = models.PositiveSmallIntegerField(null=True, blank=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="other names and code names (BL-8040, AMD3100) trials may use"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = self.name.strip().lower()
        super().save(*args, **kwargs)


class DrugMechanism(models.Model):
    """How a drug acts on a target, with the stages it reached there and their qualifiers."""

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="mechanisms")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="mechanisms")
    source = models.CharField(max_length=20, choices=Source.choices)
    action_type = models.CharField(max_length=40, blank=True)
    mechanism = models.CharField(max_length=300, blank=True)
    attribution = models.CharField(max_length=20, choices=Attribution.choices, default=Attribution.DIRECT)
    acts_on = models.CharField(
        max_length=30, blank=True, help_text="the symbol the drug binds when it is via_partner or indirect"
    )
    stage_aml = models.CharField("highest stage in AML/MDS", max_length=20, choices=Stage.choices, blank=True)
    stage_aml_qualifiers = models.JSONField(default=list, blank=True)
    stage_any = models.CharField("highest stage in any indication", max_length=20, choices=Stage.choices, blank=True)
    stage_any_qualifiers = models.JSONField(default=list, blank=True)
    verified = models.BooleanField(default=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["target__symbol", "drug__name"]
        constraints = [models.UniqueConstraint(fields=["drug", "target", "source"], name="unique_mechanism_per_source")]

    def __str__(self) -> str:
        return f"{self.drug} on {self.target} ({self.source})"

    @property
    def attribution_text(self) -> str:
        """'direct', 'via CXCR4' or 'indirect via PSMB5'."""
        if self.attribution == Attribution.VIA_PARTNER:
            return f"via {self.acts_on}" if self.acts_on else "via partner"
        if self.attribution == Attribution.INDIRECT:
            return f"indirect via {self.acts_on}" if self.acts_on else "indirect"
        return "direct"


class ClinicalTrial(models.Model):
    """A registered clinical trial; dates may be partial ('2015-08') exactly as registered."""

    nct_id = models.CharField("NCT id", max_length=11, unique=True, validators=[validate_nct_id])
    title = models.CharField(max_length=500, blank=True)
    phases = models.JSONField(default=list, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    overall_status = models.CharField(max_length=40, blank=True)
    conditions = models.JSONField(default=list, blank=True)
    start_date = models.CharField(max_length=10, blank=True)
    last_update_date = models.CharField(max_length=10, blank=True)
    enrollment = models.PositiveIntegerField(null=True, blank=True)
    sponsor = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CATALOGUE)
    mds_only = models.BooleanField(default=False, help_text="its conditions name MDS and not AML")
    drugs = models.ManyToManyField(Drug, related_name="trials", blank=True)
    targets = models.ManyToManyField(Target, related_name="trials", blank=True)

    class Meta:
        ordering = ["nct_id"]

    def __str__(self) -> str:
        return self.nct_id

    @property
    def url(self) -> str:
        """The trial's page on ClinicalTrials.gov."""
        return f"https://clinicaltrials.gov/study/{self.nct_id}"
