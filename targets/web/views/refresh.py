"""Refresh status per source (last run, status, counts, errors, staleness); curators start a refresh."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from targets.models import RefreshRun
from targets.refresh.requests import (
    RefreshAlreadyRunning,
    RefreshUnavailable,
    refresh_worker_available,
)
from targets.refresh.requests import (
    refresh_start as refresh_request_start,
)
from targets.refresh.status import STALE_AFTER
from targets.security.roles import is_curator
from targets.selectors import newest_refresh_runs
from targets.web.access import curator_required, read_access_required
from targets.web.coverage import source_freshness
from targets.web.forms import RefreshForm

logger = logging.getLogger(__name__)
RECENT = 20


def source_rows() -> list[dict]:
    """One entry per external source: newest run, last success, and why its data is stale (the rule is
    `targets.refresh.status.stale_reasons`, which the API applies too)."""
    return list(source_freshness().values())


def _run_json(run: RefreshRun) -> dict:
    progress = run.progress or {}
    return {
        "id": run.pk,
        "source": run.source,
        "status": run.status,
        "counts": run.counts,
        "done": progress.get("done"),
        "total": progress.get("total"),
        "errors": len(run.errors or []),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }


@read_access_required
def refresh_page(request):
    """The refresh dashboard; curators also get the form that starts a refresh."""
    recent = RefreshRun.objects.order_by("-created_at", "-id")[:RECENT]
    form = RefreshForm() if is_curator(request.user) else None
    context = {
        "sources": source_rows(),
        "recent": recent,
        "form": form,
        "stale_after": STALE_AFTER.days,
        "no_worker": None if refresh_worker_available() else str(RefreshUnavailable()),
    }
    return render(request, "targets/refresh.html", context)


@read_access_required
def refresh_status(request):
    """JSON for the progress poller: the newest run per source and whether any is still in progress."""
    runs = [_run_json(run) for run in newest_refresh_runs().values()]
    return JsonResponse({"runs": runs, "active": any(run["status"] in ("queued", "running") for run in runs)})


@curator_required
@require_POST
def refresh_start(request):
    """Queue a refresh of the chosen sources (default: all) and return to the dashboard to watch it."""
    form = RefreshForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Could not start the refresh: " + "; ".join(form.errors.get("sources", [])))
        return redirect("refresh")
    try:
        runs = refresh_request_start(
            sources=form.cleaned_data["sources"] or None,
            symbols=form.cleaned_data["symbols"] or None,
            username=request.user.get_username(),
            face="web",
        )
    except (RefreshAlreadyRunning, RefreshUnavailable) as error:
        messages.error(request, f"Not started: {error}.")
    except ValueError as error:
        messages.error(request, f"Not started: {error}.")
    except Exception as error:  # the task may fail in-process when no broker is configured (eager mode)
        logger.exception("refresh request failed")
        messages.error(request, f"The refresh was queued but failed to run: {error}.")
    else:
        messages.success(request, f"Refresh queued: {', '.join(run.source for run in runs)}.")
    return redirect("refresh")
