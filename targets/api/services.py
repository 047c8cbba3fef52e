"""Writes the API needs beyond the shared services: re-rank scheduling, profile retirement, tagged refreshes.

Everything else (what-if, diffs, symbol resolution, profile versions, refresh requests) is called from
`targets.ranking` and `targets.refresh` unchanged."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction

from targets.models import OutboxTask, RefreshRun, ScoringProfile
from targets.outbox import outbox_add
from targets.refresh.requests import ensure_refresh_worker, refresh_request
from targets.selectors import REFRESH_REQUEST_TAG


class ProfileProtected(Exception):
    """The default profile cannot be retired: scheduled re-ranks use it."""


def enqueue_rerank(profile_id: int | None = None, *, triggered_by: str = "api") -> None:
    """Re-rank (one profile version, or the default profile) once the current transaction commits.

    The re-rank is an outbox row written with the change (`targets.outbox`): a broker that is down, or an
    in-process re-rank that fails, never turns the committed write into an error, and the re-rank is
    published when the broker is back. The API then says `X-Rerank-Pending: 1`."""
    outbox_add(OutboxTask.Kind.RERANK, {"profile_id": profile_id, "triggered_by": triggered_by[:100]})


@transaction.atomic
def profile_retire(*, name: str) -> int:
    """Mark every version of a profile not current; runs that used it stay readable. Returns versions retired.

    Retiring (rather than deleting) keeps every stored run reproducible: runs reference profile versions.
    Raises ScoringProfile.DoesNotExist for an unknown or already retired profile, ProfileProtected for the
    configured default profile."""
    if name == settings.NICHERANK_DEFAULT_PROFILE:
        raise ProfileProtected(f"{name!r} is the default profile (NICHERANK_DEFAULT_PROFILE); it cannot be retired")
    if not ScoringProfile.objects.filter(name=name, is_current=True).exists():
        raise ScoringProfile.DoesNotExist(f"no current profile named {name!r}")
    return ScoringProfile.objects.filter(name=name).update(is_current=False)


def refresh_start(*, sources: Sequence[str] | None, symbols: Sequence[str] | None, username: str) -> list[RefreshRun]:
    """Queue a refresh of each source, tagged so its runs read back as one request.

    No re-rank is queued here: the refresh pipeline (`targets.tasks.refresh_finish`) re-ranks once the last
    active refresh has finished, so the ranking sees the new data. Raises RefreshAlreadyRunning (a source is
    busy) and ValueError (unknown source) from `refresh_request`, RefreshUnavailable without a worker."""
    ensure_refresh_worker()
    tag = f"api:{username[:60]}{REFRESH_REQUEST_TAG}{uuid.uuid4().hex[:12]}"
    return refresh_request(sources=sources, symbols=symbols, triggered_by=tag)


def refresh_status(runs: Sequence[RefreshRun]) -> str:
    """One status for a request's runs: queued, running while any is unfinished, then failed or succeeded."""
    statuses = {run.status for run in runs}
    unfinished = {RefreshRun.Status.QUEUED, RefreshRun.Status.RUNNING}
    if statuses == {RefreshRun.Status.QUEUED}:
        return RefreshRun.Status.QUEUED
    if statuses & unfinished:
        return RefreshRun.Status.RUNNING
    return RefreshRun.Status.FAILED if RefreshRun.Status.FAILED in statuses else RefreshRun.Status.SUCCEEDED
