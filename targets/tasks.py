"""Celery tasks: thin entry points that call services."""

from celery import shared_task

from targets.models import ScoringProfile
from targets.ranking.runs import ranking_run_create


@shared_task(name="targets.rerank", time_limit=600, soft_time_limit=570)
def rerank(profile_id: int | None = None, triggered_by: str = "task") -> int:
    """Re-rank all targets (under one profile version, or the default) and return the new run's id."""
    profile = ScoringProfile.objects.get(pk=profile_id) if profile_id else None
    return ranking_run_create(profile=profile, triggered_by=triggered_by).pk
