"""Run one source's refresh: claim the run, fetch and store each batch of targets, then close the run.

The steps are separate so Celery can fan the batches out (``targets.tasks``); ``refresh_run_execute`` runs
them one after the other in-process. Every step is safe to repeat: a run is claimed by a conditional update
(queued -> running, only if exactly one row changed), a batch already recorded is not redone, records are
upserted on their natural keys and skipped when their content hash is unchanged, and each batch's writes
commit in one transaction together with its progress, so a failure leaves earlier data untouched.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from targets.connectors.errors import SourceError, TransientSourceError
from targets.models import RefreshRun, Target
from targets.ranking.symbols import resolve_symbols
from targets.refresh.liveness import run_heartbeat
from targets.refresh.sources import source_module
from targets.refresh.store import source_records_upsert

logger = logging.getLogger(__name__)
Status = RefreshRun.Status
COUNT_KEYS = ("new", "changed", "unchanged", "not_found")


def refresh_run_start(run_id: int) -> RefreshRun | None:
    """Claim a queued run and plan its batches; None if it was not queued (already taken or finished).

    A run whose source already has a running refresh is closed as failed (without marking the data stale).
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            claimed = RefreshRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
                status=Status.RUNNING, started_at=now, heartbeat_at=now
            )
    except IntegrityError:  # the partial unique constraint: one running refresh per source
        run = RefreshRun.objects.get(pk=run_id)
        busy = RefreshRun.objects.filter(source=run.source, status=Status.RUNNING).first()
        message = f"another refresh of {run.source} was running (run #{busy.pk if busy else '?'})"
        RefreshRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
            status=Status.FAILED, finished_at=now, errors=[message]
        )
        return None
    if claimed != 1:
        return None
    run = RefreshRun.objects.get(pk=run_id)
    run.progress = {**run.progress, **_plan(run.progress.get("symbols") or [])}
    run.save(update_fields=["progress"])
    return run


def _plan(symbols: list[str]) -> dict:
    """Batches of target symbols (all targets, or the ones asked for) and the identifiers not found."""
    unknown: list[str] = []
    if symbols:
        ids, unknown = resolve_symbols(symbols)
        chosen = list(Target.objects.filter(pk__in=ids).order_by("symbol").values_list("symbol", flat=True))
    else:
        chosen = list(Target.objects.order_by("symbol").values_list("symbol", flat=True))
    size = settings.NICHERANK_REFRESH_BATCH_SIZE
    batches = [chosen[start : start + size] for start in range(0, len(chosen), size)]
    return {
        "batches": batches,
        "unknown_symbols": unknown,
        "batches_total": len(batches),
        "batches_done": 0,
        "done": {},
    }


def refresh_batch_execute(run_id: int, index: int, *, raise_transient: bool = False) -> dict:
    """Fetch one batch from the source and store it (all or nothing); record the outcome in the run.

    Errors are recorded, not raised, so the other batches and the closing step still run; with
    ``raise_transient`` a transient source error (the source still down after the connector's retries) is
    raised instead, for the task to try the batch again later.
    """
    run = RefreshRun.objects.get(pk=run_id)
    if run.status != Status.RUNNING:
        return {"skipped": f"run #{run_id} is {run.status}"}
    done = run.progress.get("done", {})
    if str(index) in done:  # a re-delivered task: the batch is already stored
        return done[str(index)]
    targets = list(Target.objects.filter(symbol__in=run.progress["batches"][index]).order_by("symbol"))
    module = source_module(run.source)
    started = time.monotonic()
    try:
        fetched = module.fetch(targets)
        with transaction.atomic():
            counts = source_records_upsert(fetched.rows, fetched_at=timezone.now())
            derived = 0
            if counts["new"] or counts["changed"]:
                derived = module.apply(fetched.rows, {target.pk: target for target in targets})
            result = {**counts, "not_found": len(fetched.not_found), "derived_changes": derived}
            result["seconds"] = round(time.monotonic() - started, 3)
            _record_batch(run_id, index, result)
    except TransientSourceError as error:
        if raise_transient:
            raise
        result = _record_failure(run, index, error, started)
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the run and logged
        result = _record_failure(run, index, error, started)
    return result


def _record_failure(run: RefreshRun, index: int, error: Exception, started: float) -> dict:
    logger.warning("refresh run #%s (%s) batch %s failed", run.pk, run.source, index, exc_info=error)
    result = {"error": describe_error(error), "seconds": round(time.monotonic() - started, 3)}
    with transaction.atomic():
        _record_batch(run.pk, index, result)
    return result


def describe_error(error: BaseException) -> str:
    """A one-line reason for a failed batch, fit to show as the stale reason."""
    if isinstance(error, SourceError):
        return str(error)[:500]
    if type(error).__name__ == "SoftTimeLimitExceeded":
        return "time limit exceeded"
    return f"{type(error).__name__}: {error}"[:500]


def _record_batch(run_id: int, index: int, result: dict) -> None:
    """Store a batch outcome in the run's progress under a row lock (batches may finish concurrently)."""
    run = RefreshRun.objects.select_for_update().get(pk=run_id)
    if run.status != Status.RUNNING:
        return
    done = run.progress.setdefault("done", {})
    if str(index) in done:  # a duplicate delivery raced this one: the first outcome stands
        return
    done[str(index)] = result
    run.progress["batches_done"] = len(done)
    run.counts = total_counts(done)
    run.save(update_fields=["progress", "counts"])


def total_counts(done: dict) -> dict:
    """Counts summed over the batches that succeeded."""
    return {key: sum(result.get(key, 0) for result in done.values() if "error" not in result) for key in COUNT_KEYS}


def refresh_run_finish(run_id: int) -> dict:
    """Close a running run: succeeded, or failed with a stale reason when a batch failed or never finished.

    Returns the run's summary with ``finished_now`` False when the run was already closed.
    """
    with transaction.atomic():
        run = RefreshRun.objects.select_for_update().get(pk=run_id)
        if run.status != Status.RUNNING:
            return {**refresh_run_summary(run), "finished_now": False}
        done = run.progress.get("done", {})
        batches = run.progress.get("batches", [])
        errors = []
        for index, symbols in enumerate(batches):
            result = done.get(str(index))
            where = f"batch {index + 1}/{len(batches)} ({_span(symbols)})"
            if result is None:
                errors.append(f"{where}: did not finish")
            elif "error" in result:
                errors.append(f"{where}: {result['error']}")
        run.counts = total_counts(done)
        run.errors = errors
        run.status = Status.FAILED if errors else Status.SUCCEEDED
        run.stale_reason = stale_reason(errors, len(batches))
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "errors", "status", "stale_reason", "finished_at"])
    return {**refresh_run_summary(run), "finished_now": True}


def stale_reason(errors: list[str], total: int) -> str:
    """The reason a failed run's source is stale ('' when nothing failed)."""
    if not errors:
        return ""
    return f"{len(errors)} of {total} batches failed, their earlier data is kept: {errors[0]}"[:2000]


def _span(symbols: list[str]) -> str:
    if not symbols:
        return "no targets"
    return symbols[0] if len(symbols) == 1 else f"{symbols[0]}..{symbols[-1]}"


def refresh_run_summary(run: RefreshRun) -> dict:
    """What a run did, as plain data (for tasks, the command and logs)."""
    return {
        "run": run.pk,
        "source": run.source,
        "status": run.status,
        "counts": run.counts,
        "errors": run.errors,
        "stale_reason": run.stale_reason,
        "batches": run.progress.get("batches_total", 0),
    }


def refresh_run_execute(run_id: int) -> dict:
    """Claim the run, execute every batch in turn, close it; return the summary (no re-rank here)."""
    run = refresh_run_start(run_id)
    if run is None:
        return {**refresh_run_summary(RefreshRun.objects.get(pk=run_id)), "claimed": False}
    with run_heartbeat(run_id):  # `refresh --sync` runs here, outside a worker: show the reaper it is alive
        for index in range(run.progress["batches_total"]):
            refresh_batch_execute(run_id, index)
    return {**refresh_run_finish(run_id), "claimed": True}


def refresh_runs_expire(*, older_than: timedelta | None = None) -> int:
    """Close runs a lost worker left queued or running longer than ``older_than``; return how many.

    A running one had started writing, so its source is marked stale; a queued one never started.
    """
    older_than = older_than or timedelta(seconds=settings.NICHERANK_REFRESH_ABANDON_AFTER)
    cutoff, now = timezone.now() - older_than, timezone.now()
    running = RefreshRun.objects.filter(status=Status.RUNNING, started_at__lt=cutoff).update(
        status=Status.FAILED,
        finished_at=now,
        errors=["abandoned: no result from the workers in time"],
        stale_reason=f"abandoned after {older_than}; earlier data is kept",
    )
    queued = RefreshRun.objects.filter(status=Status.QUEUED, created_at__lt=cutoff).update(
        status=Status.FAILED, finished_at=now, errors=["never started: no worker took the task in time"]
    )
    return running + queued
