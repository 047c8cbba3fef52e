"""Curated evidence: one graded finding of a cited paper about a target's role in the niche."""

import hashlib
from urllib.parse import quote

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scoring.errors import FieldError
from targets.choices import EvidenceContext, EvidenceDirection, EvidenceLevel, Role, Source
from targets.models.catalogue import Target
from targets.validators import citation_kind, normalise_citation, validate_citation


def claim_hash(claim: str) -> str:
    """sha256 of the claim with case and whitespace normalised: the key that makes a finding unique per paper
    (a unique index on the claim text itself breaks PostgreSQL's btree limit for claims over ~2.7 KB)."""
    return hashlib.sha256(" ".join(claim.split()).casefold().encode()).hexdigest()


def citation_url(citation: str) -> str:
    """PubMed for a PMID, doi.org for a DOI ('' for no citation)."""
    if not citation:
        return ""
    if citation_kind(citation) == "pmid":
        return f"https://pubmed.ncbi.nlm.nih.gov/{citation}/"
    return f"https://doi.org/{quote(citation, safe='/:;()._-')}"


class Evidence(models.Model):
    """One cited finding; PMIDs link to PubMed and DOIs to doi.org. ``verified`` is a property of the record
    (the curator checked the finding against ``checked_source``), never inferred from URLs."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="evidence")
    citation = models.CharField(max_length=200, validators=[validate_citation])
    claim = models.TextField(help_text="the finding, in one sentence")
    claim_hash = models.CharField(max_length=64, editable=False, default="")
    direction = models.CharField(max_length=20, choices=EvidenceDirection.choices)
    level = models.CharField(max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.UNGRADED)
    niche_mediated = models.BooleanField(
        null=True, blank=True, help_text="effect shown to be mediated by MSC/stroma/niche (blank: not graded)"
    )
    context = models.CharField(
        max_length=20,
        choices=EvidenceContext.choices,
        blank=True,
        default="",
        help_text="where the finding was made (blank: not recorded, counted as AML and said so)",
    )
    verified = models.BooleanField(default=False)
    checked_source = models.CharField(max_length=500, blank=True, help_text="what the finding was checked against")
    note = models.TextField(blank=True, help_text="e.g. 'via review', 'clinical report: never niche evidence'")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CURATOR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__symbol", "citation"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["target", "citation", "claim_hash"], name="unique_evidence_claim_hash")
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.citation}"

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self) -> "Evidence":
        """Normalise the citation and fill the claim hash (call before bulk_create, which skips save())."""
        self.citation = normalise_citation(self.citation)
        self.claim_hash = claim_hash(self.claim)
        return self

    @property
    def is_contrary(self) -> bool:
        """True when the finding opposes the target's catalogue role, or shows no effect."""
        if self.direction == EvidenceDirection.NO_EFFECT:
            return True
        opposite = {
            Role.PRO_LEUKEMIC: EvidenceDirection.ANTI_LEUKEMIC,
            Role.ANTI_LEUKEMIC: EvidenceDirection.PRO_LEUKEMIC,
        }
        return opposite.get(self.target.role) == self.direction

    @property
    def checked_source_url(self) -> str:
        """The checked source when it is a link ('' for e.g. 'search:pages <title>')."""
        return self.checked_source if self.checked_source.startswith(("https://", "http://")) else ""

    @property
    def url(self) -> str:
        """PubMed for a PMID, doi.org for a DOI."""
        return citation_url(self.citation)


DUPLICATE_CLAIM = "This target already has this claim with this citation."
UNCHECKED_VERIFIED = "required when verified: name what the finding was checked against"


def verification_error(verified: bool, checked_source: str | None) -> FieldError | None:
    """The one rule every way in (form, API, CSV import) applies: a finding marked verified names what it was
    checked against. None when the pair is acceptable."""
    if verified and not (checked_source or "").strip():
        return FieldError("checked_source", UNCHECKED_VERIFIED)
    return None


def claim_taken(target, citation: str, claim: str, *, exclude_pk: int | None = None) -> bool:
    """Whether ``target`` already has this claim (case and whitespace aside) with this citation, not counting
    the evidence ``exclude_pk`` (the one being edited)."""
    found = Evidence.objects.filter(target=target, citation=citation, claim_hash=claim_hash(claim))
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.exists()
