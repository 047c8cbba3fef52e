"""Safety signals: what acting on a target may do to normal haematopoiesis and other tissues."""

from django.db import models
from simple_history.models import HistoricalRecords

from targets.choices import SafetyEvidence, SafetyKind, Severity, Source
from targets.models.catalogue import Target
from targets.models.drugs import Drug
from targets.models.evidence import citation_url


class SafetySignal(models.Model):
    """One safety signal with its source; a target without any is unknown, not safe."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="safety_signals")
    kind = models.CharField(max_length=30, choices=SafetyKind.choices)
    signal = models.TextField()
    severity = models.CharField(max_length=10, choices=Severity.choices, blank=True)
    evidence = models.CharField(max_length=20, choices=SafetyEvidence.choices, blank=True)
    citation = models.CharField(max_length=200, blank=True)
    verified = models.BooleanField(default=False)
    checked_source = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.CURATOR)
    note = models.TextField(blank=True, help_text="e.g. where the curator looked when no signal was found")
    drug = models.ForeignKey(Drug, null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_signals")
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__symbol", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.target}: {self.get_kind_display()}"

    @property
    def citation_url(self) -> str:
        """PubMed or doi.org for the citation ('' when there is none)."""
        return citation_url(self.citation)

    @property
    def checked_source_url(self) -> str:
        """The checked source when it is a link."""
        return self.checked_source if self.checked_source.startswith(("https://", "http://")) else ""
