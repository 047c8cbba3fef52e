"""The outbox: queued work (re-ranks, refreshes) is a database row first, a broker message second.

``outbox_add`` writes the row in the caller's transaction and, once that commits, tries to publish it at once
with a bounded retry (``PUBLISH_RETRY``: well under a second when the broker is down, so a write never holds
a web worker for long). A row the broker took is deleted; one it did not stays, and ``outbox_drain`` (beat,
every minute, and every worker start) publishes it later. So a change's re-rank survives a broker outage, a
Redis restart without persistence and a web worker dying right after the commit.

Re-ranks are coalesced when drained: one re-rank per profile reads all the changes made before it.
"""

from __future__ import annotations

import contextvars
import logging

from celery import current_app
from django.conf import settings
from django.db import transaction

from targets.logging import request_id_var
from targets.models import OutboxTask

logger = logging.getLogger(__name__)

# Publishing gives up quickly: the row stays in the outbox and is published when the broker is back.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0.1, "interval_step": 0.2, "interval_max": 0.3}

# The Celery task each kind of row becomes, by registered name: the tasks import this module, never the
# reverse (`targets.apps` imports `targets.tasks` at start-up, so every process has them registered).
TASK_NAMES = {OutboxTask.Kind.RERANK: "targets.rerank", OutboxTask.Kind.REFRESH: "targets.refresh_source"}

# Set when a request's queued work could not be handed to the broker (the API says so in a header).
pending_var: contextvars.ContextVar[bool] = contextvars.ContextVar("outbox_pending", default=False)


def outbox_add(kind: str, payload: dict) -> OutboxTask:
    """Record a task in the current transaction; publish it after the commit (or leave it for the drain)."""
    task = OutboxTask.objects.create(kind=kind, payload=payload, request_id=request_id_var.get())
    transaction.on_commit(lambda: _publish_after_commit(task.pk))
    return task


def _publish_after_commit(task_id: int) -> None:
    task = OutboxTask.objects.filter(pk=task_id).first()
    if task is not None and not _publish(task):
        pending_var.set(True)


def _publish(task: OutboxTask) -> bool:
    """Hand one task to Celery; delete its row when the broker took it. False when it stays pending."""
    options = {"retry": True, "retry_policy": PUBLISH_RETRY, "headers": {"request_id": task.request_id}}
    try:
        if task.kind == OutboxTask.Kind.RERANK:
            args = (task.payload.get("profile_id"), task.payload.get("triggered_by", "outbox"))
        elif task.kind == OutboxTask.Kind.REFRESH:
            args = (task.payload["run_id"],)
        else:
            raise ValueError(f"unknown outbox task kind {task.kind!r}")
        current_app.tasks[TASK_NAMES[task.kind]].apply_async(args=args, **options)
    except Exception as error:  # noqa: BLE001 - the broker is down, or an in-process task failed
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # In-process (no broker): the task ran and failed; nothing would ever drain it. Log and drop.
            logger.exception("%s (in-process) failed", task)
            OutboxTask.objects.filter(pk=task.pk).delete()
            return True
        logger.warning("could not publish %s, it stays in the outbox: %s", task, error)
        OutboxTask.objects.filter(pk=task.pk).update(attempts=task.attempts + 1, last_error=str(error)[:500])
        return False
    OutboxTask.objects.filter(pk=task.pk).delete()
    return True


def outbox_drain(limit: int = 200) -> dict:
    """Publish what the outbox holds (oldest first, re-ranks coalesced per profile); return the counts.

    Rows are locked while published (SKIP LOCKED), so two drains never publish the same row twice."""
    published = failed = coalesced = 0
    with transaction.atomic():
        tasks = list(OutboxTask.objects.select_for_update(skip_locked=True).order_by("created_at", "pk")[:limit])
        seen_reranks: set = set()
        for task in tasks:
            if task.kind == OutboxTask.Kind.RERANK:
                key = task.payload.get("profile_id")
                if key in seen_reranks:  # an earlier re-rank of the same profile in this drain covers it
                    task.delete()
                    coalesced += 1
                    continue
                seen_reranks.add(key)
            if _publish(task):
                published += 1
            else:
                failed += 1
                break  # the broker is down: the rest waits for the next drain
    return {"published": published, "coalesced": coalesced, "failed": failed, "left": OutboxTask.objects.count()}
