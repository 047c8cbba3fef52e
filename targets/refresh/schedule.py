"""The periodic refresh in django-celery-beat's tables: created once (weekly), then edited in the admin."""

from __future__ import annotations

from django_celery_beat.models import CrontabSchedule, PeriodicTask

REFRESH_SCHEDULE_NAME = "NicheRank: refresh all sources"
REFRESH_TASK = "targets.refresh_all"
EXPIRES_SECONDS = 6 * 3600  # a refresh not started within 6 hours is dropped; the next week's will come


def refresh_schedule_ensure() -> tuple[PeriodicTask, bool]:
    """Create the weekly refresh (Mondays 03:00 UTC) unless it exists; never overwrite admin edits."""
    existing = PeriodicTask.objects.filter(name=REFRESH_SCHEDULE_NAME).first()
    if existing is not None:
        return existing, False
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="3", day_of_week="1", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    task = PeriodicTask.objects.create(
        name=REFRESH_SCHEDULE_NAME,
        task=REFRESH_TASK,
        crontab=crontab,
        kwargs='{"triggered_by": "schedule"}',
        expire_seconds=EXPIRES_SECONDS,
        description="Refresh Open Targets, ChEMBL, ClinicalTrials.gov and DGIdb, then re-rank.",
    )
    return task, True
