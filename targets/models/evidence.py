"""Curated evidence: a cited claim about a target's role in the niche."""

from urllib.parse import quote

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from targets.choices import EvidenceDirection, EvidenceLevel, Source
from targets.models.catalogue import Target
from targets.validators import citation_kind, normalise_citation, validate_citation


class Evidence(models.Model):
    """One cited claim; PMIDs link to PubMed and DOIs to doi.org."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="evidence")
    citation = models.CharField(max_length=200, validators=[validate_citation])
    claim = models.TextField()
    direction = models.CharField(max_length=20, choices=EvidenceDirection.choices)
    level = models.CharField(max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.UNGRADED)
    verified = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CURATOR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__symbol", "citation"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["target", "citation", "claim"], name="unique_evidence_claim")
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.citation}"

    def save(self, *args, **kwargs):
        self.citation = normalise_citation(self.citation)
        super().save(*args, **kwargs)

    @property
    def url(self) -> str:
        """PubMed for a PMID, doi.org for a DOI."""
        if citation_kind(self.citation) == "pmid":
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.citation}/"
        return f"https://doi.org/{quote(self.citation, safe='/:;()._-')}"
