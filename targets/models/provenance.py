"""Where every number came from: raw source records and the refresh runs that fetched them."""

from django.db import models

from targets.choices import Source
from targets.models.catalogue import Target


class SourceRecord(models.Model):
    """One raw record from a source, with its release, fetch date and content hash."""

    source = models.CharField(max_length=20, choices=Source.choices)
    record_type = models.CharField(max_length=40)
    key = models.CharField(max_length=200, help_text="natural key within the source, e.g. an Ensembl id")
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.CASCADE, related_name="source_records")
    release = models.CharField(max_length=60, blank=True)
    fetched_at = models.DateTimeField()
    content_hash = models.CharField(max_length=64)
    payload = models.JSONField()
    assembled = models.BooleanField(default=False, help_text="assembled offline, not fetched from the source")

    class Meta:
        ordering = ["source", "record_type", "key"]
        constraints = [models.UniqueConstraint(fields=["source", "record_type", "key"], name="unique_source_record")]

    def __str__(self) -> str:
        return f"{self.source}:{self.record_type}:{self.key}"


class RefreshRun(models.Model):
    """One refresh of one source: when, how it ended, what it counted and what went wrong."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    source = models.CharField(max_length=20, choices=Source.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True, help_text="new, changed, unchanged, not_found")
    progress = models.JSONField(default=dict, blank=True, help_text="done and total batches")
    errors = models.JSONField(default=list, blank=True)
    stale_reason = models.TextField(blank=True)
    triggered_by = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="last sign of life from a worker")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(status="running"), name="one_running_refresh_per_source"
            ),
            models.UniqueConstraint(
                fields=["source"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_active_refresh_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} refresh #{self.pk} ({self.status})"
