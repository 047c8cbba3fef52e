"""Celery tasks: thin entry points that call services."""

from celery import shared_task

from targets.models import ScoringProfile
from targets.ranking.runs import ranking_run_create


@shared_task(name="targets.rerank", time_limit=600, soft_time_limit=570)
def rerank(profile_id: int | None = None, triggered_by: str = "task") -> int:
    """Re-rank all targets (under one profile version, or the default) and return the new run's id."""
    profile = ScoringProfile.objects.get(pk=profile_id) if profile_id else None
    return ranking_run_create(profile=profile, triggered_by=triggered_by).pk


@shared_task(name="targets.refresh_source", acks_late=True, time_limit=1800, soft_time_limit=1740)
def refresh_source(run_id: int) -> dict:
    """Refresh one source for one queued RefreshRun (see targets.refresh)."""
    from targets.refresh.runner import refresh_run_execute

    return refresh_run_execute(run_id)
