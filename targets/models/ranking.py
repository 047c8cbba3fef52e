"""Scoring profiles (versioned) and immutable ranking runs with one row per target."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from scoring import limits
from targets.models.catalogue import Target


def within(bounds: limits.Bounds) -> list:
    """Django validators for a scoring bound (scoring.limits defines every profile and run bound once)."""
    return [MinValueValidator(bounds.low), MaxValueValidator(bounds.high)]


class ScoringProfile(models.Model):
    """A named, versioned set of weights, method, missing-data policy and gates. Edits add a version."""

    name = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    weights = models.JSONField()
    method = models.CharField(max_length=20, default="weighted_sum")
    missing_policy = models.CharField(max_length=20, default="renormalise")
    gates = models.JSONField(default=dict, blank=True)
    dual_policy = models.CharField(max_length=20, default="flag")
    concentration = models.FloatField(default=50.0, validators=within(limits.CONCENTRATION))
    top_k = models.PositiveIntegerField(default=10, validators=within(limits.TOP_K))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="unique_profile_version"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(is_current=True), name="one_current_version_per_profile"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class RankingRun(models.Model):
    """An immutable ranking: profile version, data versions, input hash and code version recorded."""

    profile = models.ForeignKey(ScoringProfile, on_delete=models.PROTECT, related_name="runs")
    created_at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=20)
    missing_policy = models.CharField(max_length=20)
    input_hash = models.CharField(max_length=64)
    code_version = models.CharField(max_length=40)
    data_versions = models.JSONField(default=dict, blank=True)
    criteria = models.JSONField(default=list, blank=True, help_text="criterion keys and versions used")
    seed = models.IntegerField(default=0, validators=within(limits.SEED))
    stability_samples = models.PositiveIntegerField(default=0, validators=within(limits.STABILITY_SAMPLES))
    stability_components = models.JSONField(
        default=list,
        blank=True,
        help_text="sources of uncertainty the stability draws varied (weights, thresholds, data)",
    )
    target_count = models.PositiveIntegerField(default=0)
    triggered_by = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"ranking #{self.pk} ({self.profile})"

    @property
    def stability_label(self) -> str:
        """What the rank intervals vary, in words ("weights, thresholds, data"); runs stored before the field
        existed varied the weights only; "" without stability draws."""
        if not self.stability_samples:
            return ""
        return ", ".join(self.stability_components or ["weights"])


class RankingRow(models.Model):
    """One target's place in one ranking run, with why (contributions) and how sure (stability)."""

    run = models.ForeignKey(RankingRun, on_delete=models.CASCADE, related_name="rows")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="ranking_rows")
    rank = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    contributions = models.JSONField(default=dict)
    values = models.JSONField(default=dict)
    coverage = models.FloatField(default=0.0)
    eligible = models.BooleanField(default=True)
    excluded_reason = models.CharField(max_length=200, blank=True)
    direction = models.CharField(max_length=30, blank=True)
    flags = models.JSONField(default=list, blank=True)
    median_rank = models.FloatField(null=True, blank=True)
    rank_p05 = models.PositiveIntegerField(null=True, blank=True)
    rank_p95 = models.PositiveIntegerField(null=True, blank=True)
    p_top_k = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["run", models.F("rank").asc(nulls_last=True), "target__symbol"]
        constraints = [models.UniqueConstraint(fields=["run", "target"], name="unique_row_per_run")]
        indexes = [models.Index(fields=["run", "rank"])]

    def __str__(self) -> str:
        return f"{self.target} #{self.rank} in run {self.run_id}"
