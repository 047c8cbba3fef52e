"""Refresh runs show they are alive, and runs that are not are closed within minutes.

While a refresh task executes, a background thread stamps its run's ``heartbeat_at`` every
``HEARTBEAT_SECONDS``. ``refresh_runs_reap`` (beat, every minute, and at worker start) closes:

- a *queued* run whose task the broker lost (no outbox row left, not picked up within
  NICHERANK_REFRESH_STUCK_AFTER): it is sent again once, then failed;
- a *running* run whose heartbeat is older than NICHERANK_REFRESH_STUCK_AFTER while no worker holds or
  queues work for it (its worker was killed): it is failed and its source marked stale (earlier data kept).

When that leaves no refresh active, the re-rank the closed run would have triggered is queued."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from targets.models import OutboxTask, RefreshRun
from targets.outbox import outbox_add

logger = logging.getLogger(__name__)
Status = RefreshRun.Status
HEARTBEAT_SECONDS = 30
MAX_REDISPATCH = 1


@contextmanager
def run_heartbeat(run_id: int, every: float = HEARTBEAT_SECONDS):
    """Stamp the run's heartbeat now and every ``every`` seconds until the block ends."""
    RefreshRun.objects.filter(pk=run_id).update(heartbeat_at=timezone.now())
    if connection.vendor == "sqlite" or settings.CELERY_TASK_ALWAYS_EAGER:
        yield  # in-process (tests, the embedded demo): the request itself shows the run is alive
        return
    stop = threading.Event()

    def beat() -> None:
        from django.db import connection as thread_connection

        try:
            while not stop.wait(every):
                RefreshRun.objects.filter(pk=run_id).update(heartbeat_at=timezone.now())
        except Exception:  # noqa: BLE001 - a missed heartbeat is not worth failing the refresh for
            logger.warning("refresh run #%s: heartbeat failed", run_id, exc_info=True)
        finally:
            thread_connection.close()

    thread = threading.Thread(target=beat, name=f"refresh-heartbeat-{run_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _work_in_flight(run_ids: set[int]) -> set[int]:
    """Runs some worker is executing or holding a task for, plus all of them when the queue is not empty
    (a batch may wait there). Unknown (no broker, no reply) counts as nothing in flight."""
    if not settings.CELERY_BROKER_URL or settings.CELERY_TASK_ALWAYS_EAGER or not run_ids:
        return set()
    app = current_app  # the project's app (config.celery), which settings made current
    busy: set[int] = set()
    try:
        if _queued_messages(app):
            return set(run_ids)
        inspect = app.control.inspect(timeout=1.0)
        for listing in (inspect.active() or {}, inspect.reserved() or {}):
            for tasks in listing.values():
                for task in tasks:
                    args = task.get("args") or []
                    if args and args[0] in run_ids:
                        busy.add(args[0])
    except Exception:  # noqa: BLE001 - the broker is down: nobody can be working on anything
        logger.warning("could not ask the workers what they hold", exc_info=True)
    return busy


def _queued_messages(app) -> int:
    """Messages waiting in the task queue (Redis drops an empty queue's key: that is 0, not an error)."""
    from amqp.exceptions import ChannelError

    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(settings.CELERY_TASK_DEFAULT_QUEUE, passive=True).message_count
        except ChannelError:
            return 0


def refresh_runs_reap(*, stuck_after: int | None = None) -> dict:
    """Close or resend the runs lost with a broker message or a worker (see the module doc); return counts."""
    stuck = timedelta(seconds=stuck_after if stuck_after is not None else settings.NICHERANK_REFRESH_STUCK_AFTER)
    now = timezone.now()
    cutoff = now - stuck
    pending = {task.payload.get("run_id") for task in OutboxTask.objects.filter(kind=OutboxTask.Kind.REFRESH)}
    resent = failed_queued = failed_running = 0
    for run in RefreshRun.objects.filter(status=Status.QUEUED, created_at__lt=cutoff):
        if run.pk in pending:
            continue  # the broker has not taken it yet; the outbox will deliver it
        tries = run.progress.get("redispatched", 0)
        with transaction.atomic():
            if tries < MAX_REDISPATCH:
                run.progress = {**run.progress, "redispatched": tries + 1}
                run.created_at = now  # give the resent task its full time
                run.save(update_fields=["progress", "created_at"])
                outbox_add(OutboxTask.Kind.REFRESH, {"run_id": run.pk})
                resent += 1
            else:
                failed_queued += RefreshRun.objects.filter(pk=run.pk, status=Status.QUEUED).update(
                    status=Status.FAILED, finished_at=now, errors=["never started: the task was lost twice"]
                )
    silent = RefreshRun.objects.filter(status=Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    candidates = {run.pk for run in silent}
    for run_id in candidates - _work_in_flight(candidates):
        failed_running += RefreshRun.objects.filter(pk=run_id, status=Status.RUNNING).update(
            status=Status.FAILED,
            finished_at=now,
            errors=[f"worker lost: no sign of life for {stuck}"],
            stale_reason=f"the refresh's worker was lost (no sign of life for {stuck}); earlier data is kept",
        )
    active = RefreshRun.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).exists()
    rerank = bool(failed_running) and not active
    if rerank:  # batches that finished before the worker died may have changed the data
        with transaction.atomic():
            outbox_add(OutboxTask.Kind.RERANK, {"profile_id": None, "triggered_by": "refresh reaped"})
    return {"resent": resent, "failed_queued": failed_queued, "failed_running": failed_running, "rerank": rerank}
