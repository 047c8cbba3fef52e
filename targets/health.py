"""Health endpoints for container orchestration and load balancers (no authentication, no throttling).

- ``/healthz``: the process answers (liveness).
- ``/readyz``: the database answers, the broker (when configured) accepts a connection, a worker showed a
  heartbeat recently and how old the last successful refresh is. 503 when the database or the broker is
  down (the instance cannot serve or queue work); a silent worker or old data is reported, and turns the
  answer into a 503 only with ``?strict=1``."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

WORKER_SILENT_AFTER = 180  # seconds: beat's maintenance task stamps the worker's heartbeat every minute


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process serves requests."""
    return JsonResponse({"status": "ok"})


def _check(function) -> dict:
    started = time.monotonic()
    try:
        result = {"ok": True, **(function() or {})}
    except Exception as error:  # noqa: BLE001 - each failure is reported, not raised
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _broker() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"configured": False}
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"configured": True}


def _worker() -> dict:
    from targets.models import OutboxTask, ServiceBeat

    beat = ServiceBeat.objects.filter(name="worker").first()
    age = (timezone.now() - beat.at).total_seconds() if beat else None
    pending = OutboxTask.objects.count()
    needs_worker = settings.CELERY_BROKER_URL and not settings.CELERY_TASK_ALWAYS_EAGER
    if needs_worker and (age is None or age > WORKER_SILENT_AFTER):
        raise RuntimeError(f"no worker heartbeat for {'ever' if age is None else f'{age:.0f} s'}")
    return {"heartbeat_age_s": None if age is None else round(age), "outbox_pending": pending}


def _last_refresh() -> dict:
    from targets.models import RefreshRun

    last = RefreshRun.objects.filter(status=RefreshRun.Status.SUCCEEDED).order_by("-finished_at").first()
    age = (timezone.now() - last.finished_at).total_seconds() if last and last.finished_at else None
    return {"age_s": None if age is None else round(age)}


@never_cache
@require_GET
def readyz(request):
    """Readiness: database, broker, worker heartbeat, last refresh age (see the module doc)."""
    checks = {"database": _check(_database), "broker": _check(_broker)}
    if checks["database"]["ok"]:
        checks["worker"] = _check(_worker)
        checks["last_refresh"] = _check(_last_refresh)
    required = ["database", "broker"] + (["worker"] if request.GET.get("strict") == "1" else [])
    ready = all(checks.get(name, {"ok": False})["ok"] for name in required)
    return JsonResponse({"status": "ready" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
