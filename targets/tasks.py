"""Celery tasks: thin entry points that call services (the services never import this module: the outbox
publishes tasks by their registered names).

A source's refresh fans out as a chord: ``refresh_source`` claims the run and starts one
``refresh_batch`` per batch of targets, with ``refresh_finish`` as the callback, which closes the run and,
when no other refresh is still queued or running, enqueues ``rerank``. The refresh tasks are safe to run
twice (claims are conditional updates, writes are upserts on natural keys), hence ``acks_late``.
"""

from celery import chord, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from targets.choices import EXTERNAL_SOURCES
from targets.connectors.errors import TransientSourceError
from targets.models import OutboxTask, RefreshRun, ScoringProfile, ServiceBeat
from targets.outbox import outbox_add, outbox_drain
from targets.ranking.retention import ranking_runs_compact
from targets.ranking.runs import ranking_run_create
from targets.refresh.liveness import refresh_runs_reap, run_heartbeat
from targets.refresh.requests import RefreshAlreadyRunning, refresh_request
from targets.refresh.runner import refresh_batch_execute, refresh_run_finish, refresh_run_start, refresh_runs_expire
from targets.universe.tasks import rank_universe  # noqa: F401 (registers the universe re-rank with workers)

BATCH_TIME_LIMIT = 1800  # seconds; the soft limit lets the batch record its failure first


@shared_task(
    name="targets.rerank",
    time_limit=600,
    soft_time_limit=570,
    acks_late=True,  # a re-rank only adds a run: safe to repeat when its worker was lost
    reject_on_worker_lost=True,
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),  # the database restarting
    max_retries=5,
    retry_backoff=5,
    retry_backoff_max=120,
)
def rerank(profile_id: int | None = None, triggered_by: str = "task") -> int:
    """Re-rank all targets (under one profile version, or the default) and return the new run's id."""
    profile = ScoringProfile.objects.get(pk=profile_id) if profile_id else None
    return ranking_run_create(profile=profile, triggered_by=triggered_by).pk


@shared_task(
    name="targets.refresh_source",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    time_limit=300,
    soft_time_limit=280,
)
def refresh_source(run_id: int) -> dict:
    """Claim a queued RefreshRun and fan its batches out (see targets.refresh.runner)."""
    with run_heartbeat(run_id):
        run = refresh_run_start(run_id)
    if run is None:
        return {"run": run_id, "claimed": False}
    total = run.progress["batches_total"]
    finish = refresh_finish.si(run_id)
    if total:
        chord(refresh_batch.si(run_id, index) for index in range(total))(finish)
    else:
        finish.delay()
    return {"run": run_id, "claimed": True, "batches": total}


@shared_task(
    bind=True,
    name="targets.refresh_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=BATCH_TIME_LIMIT,
    soft_time_limit=BATCH_TIME_LIMIT - 60,
    autoretry_for=(TransientSourceError,),
    max_retries=settings.NICHERANK_REFRESH_TASK_RETRIES,
    retry_backoff=settings.NICHERANK_REFRESH_TASK_BACKOFF,
    retry_backoff_max=900,
    retry_jitter=True,
)
def refresh_batch(self, run_id: int, index: int) -> dict:
    """Fetch and store one batch of one run. A source still down after the connector's retries is tried
    again later (backoff); on the last try, and for every other failure, the failure is recorded on the
    run, not raised, so the chord's callback always runs."""
    last_try = self.request.is_eager or self.request.retries >= self.max_retries
    with run_heartbeat(run_id):
        return refresh_batch_execute(run_id, index, raise_transient=not last_try)


@shared_task(
    name="targets.refresh_finish", acks_late=True, reject_on_worker_lost=True, time_limit=120, soft_time_limit=110
)
def refresh_finish(run_id: int) -> dict:
    """Close the run (succeeded, or failed and stale) and re-rank once the last active refresh is done."""
    summary = refresh_run_finish(run_id)
    active = RefreshRun.objects.filter(status__in=[RefreshRun.Status.QUEUED, RefreshRun.Status.RUNNING])
    if summary["finished_now"] and not active.exists():
        with transaction.atomic():
            outbox_add(
                OutboxTask.Kind.RERANK, {"profile_id": None, "triggered_by": f"refresh:{summary['source']}#{run_id}"}
            )
        summary["rerank"] = True
    return summary


@shared_task(name="targets.refresh_all", time_limit=120, soft_time_limit=110)
def refresh_all(triggered_by: str = "schedule") -> dict:
    """Queue a refresh of every source that is not already refreshing (the periodic entry point)."""
    expired = refresh_runs_expire()
    queued, busy = [], []
    with transaction.atomic():  # all runs commit together, so the re-rank waits for the last of them
        for source in EXTERNAL_SOURCES:
            try:
                queued += [run.pk for run in refresh_request(sources=[source], triggered_by=triggered_by)]
            except RefreshAlreadyRunning as error:
                busy.append({"source": error.source, "run": error.run_id})
    return {"queued": queued, "busy": busy, "expired": expired}


@shared_task(name="targets.maintenance", time_limit=120, soft_time_limit=110, ignore_result=True)
def maintenance() -> dict:
    """Every minute (beat): note the worker is alive, publish the outbox, reap lost refresh runs."""
    ServiceBeat.objects.update_or_create(name="worker", defaults={"at": timezone.now()})
    return {"outbox": outbox_drain(), "reaped": refresh_runs_reap()}


@shared_task(name="targets.prune_runs", time_limit=600, soft_time_limit=570, ignore_result=True)
def prune_runs() -> dict:
    """Daily (beat): compact old edit-triggered ranking runs (targets.ranking.retention)."""
    return ranking_runs_compact()
