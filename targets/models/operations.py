"""Operational state kept in the database so that nothing queued is lost with the broker: the outbox of
tasks still to publish, and the heartbeats /readyz reads."""

from django.db import models


class OutboxTask(models.Model):
    """A task (re-rank or refresh) written in the same transaction as the change that needs it, deleted once
    the broker has accepted it. Beat and every worker start publish what is left (``targets.outbox``)."""

    class Kind(models.TextChoices):
        RERANK = "rerank"
        REFRESH = "refresh"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    payload = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.payload} (pending since {self.created_at:%Y-%m-%d %H:%M:%S})"


class ServiceBeat(models.Model):
    """When a background service last showed it was alive (e.g. 'worker')."""

    name = models.CharField(max_length=60, unique=True)
    at = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"


class DataGeneration(models.Model):
    """A token that changes with every committed write to the tables a criterion value is derived from.

    Database triggers (migration 0008, `targets.generation`) replace ``token`` with a fresh random number on
    every insert, update, delete or truncate of those tables, inside the writing transaction: no writer can
    skip it, and other processes see the new token exactly when they see the data. Caches key on it."""

    key = models.CharField(max_length=20, primary_key=True)
    token = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} generation {self.token}"
