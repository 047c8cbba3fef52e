"""Start a refresh: one RefreshRun per source, queued, with its task enqueued after the commit.

Both faces start refreshes through `refresh_start` (same validation, same messages, runs tagged as one
request); the periodic task and the `refresh` command call `refresh_request` directly."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction

from scoring.errors import FieldError
from targets.choices import EXTERNAL_SOURCES
from targets.models import OutboxTask, RefreshRun
from targets.outbox import outbox_add
from targets.ranking.symbols import resolve_symbols
from targets.selectors import REFRESH_REQUEST_TAG


class RefreshAlreadyRunning(Exception):
    """A refresh of this source is already queued or running."""

    def __init__(self, source: str, run_id: int) -> None:
        self.source, self.run_id = source, run_id
        super().__init__(f"a refresh of {source} is already in progress (run #{run_id})")


class RefreshUnavailable(Exception):
    """No Celery worker serves this instance, so a refresh would run inside the web request."""

    def __init__(self) -> None:
        super().__init__(
            "refreshes run on a Celery worker and this instance has none: set CELERY_BROKER_URL and start "
            "`make worker`, or run `python manage.py refresh` in a terminal"
        )


def refresh_worker_available() -> bool:
    """Whether a web or API request may start a refresh: a broker is configured, or in-process runs are allowed."""
    return bool(settings.CELERY_BROKER_URL) or settings.NICHERANK_REFRESH_IN_PROCESS


def ensure_refresh_worker() -> None:
    """Raise RefreshUnavailable unless a request may start a refresh."""
    if not refresh_worker_available():
        raise RefreshUnavailable()


def validate_sources(sources: Sequence[str] | None) -> list[str]:
    """The requested sources (default: all), each checked against the known ones (FieldError names it)."""
    if not sources:
        return [str(source) for source in EXTERNAL_SOURCES]
    known = {str(source) for source in EXTERNAL_SOURCES}
    for source in sources:
        if source not in known:
            raise FieldError("sources", f"unknown source {source!r}; known: {', '.join(sorted(known))}")
    return list(dict.fromkeys(sources))


def _unknown_text(unknown: Sequence[str]) -> str:
    more = f" (and {len(unknown) - 20} more)" if len(unknown) > 20 else ""
    return f"{', '.join(unknown[:20])}{more}"


def validate_symbols(symbols: Sequence[str] | None, *, any_unknown: bool = False) -> None:
    """Refuse a list of identifiers none of which matches a target (FieldError names them): a refresh of
    nothing would be recorded as a success and make a source look fresh. With ``any_unknown`` (both faces)
    one unknown identifier is enough to refuse; otherwise (the command, the schedule) unknown ones among known
    ones are skipped and reported by the run."""
    if symbols:
        ids, unknown = resolve_symbols(symbols)
        if unknown and (any_unknown or not ids):
            raise FieldError("symbols", f"unknown identifiers: {_unknown_text(unknown)}")


@transaction.atomic
def refresh_request(
    *,
    sources: Sequence[str] | None = None,
    symbols: Sequence[str] | None = None,
    triggered_by: str = "",
    enqueue: bool = True,
) -> list[RefreshRun]:
    """Queue a refresh of each source (for all targets or the given symbols) and return the runs.

    With ``enqueue=False`` the runs are only created, for the caller to execute in-process
    (``targets.refresh.runner.refresh_run_execute``). Raises RefreshAlreadyRunning when a source already
    has a queued or running refresh.
    """
    runs = []
    validate_symbols(symbols)
    for source in validate_sources(sources):
        busy = RefreshRun.objects.filter(source=source, status__in=["queued", "running"]).first()
        if busy:
            raise RefreshAlreadyRunning(source, busy.pk)
        try:
            with transaction.atomic():  # two requests at once: the constraint lets only one through
                run = RefreshRun.objects.create(
                    source=source, triggered_by=triggered_by, progress={"symbols": list(symbols or [])}
                )
        except IntegrityError:
            busy = RefreshRun.objects.filter(source=source, status__in=["queued", "running"]).first()
            raise RefreshAlreadyRunning(source, busy.pk if busy else 0) from None
        runs.append(run)
    for run in runs if enqueue else ():
        outbox_add(OutboxTask.Kind.REFRESH, {"run_id": run.pk})
    return runs


def refresh_start(
    *, sources: Sequence[str] | None, symbols: Sequence[str] | None, username: str, face: str
) -> list[RefreshRun]:
    """Queue a refresh asked for on a face ("api" or "web"), its runs tagged to read back as one request.

    No re-rank is queued here: the refresh pipeline (`targets.tasks.refresh_finish`) re-ranks once the last
    active refresh has finished, so the ranking sees the new data. Raises RefreshUnavailable without a
    worker, RefreshAlreadyRunning when a source is busy and ValueError naming an unknown source or any
    unknown symbol (the same message on both faces)."""
    ensure_refresh_worker()
    validate_symbols(symbols, any_unknown=True)
    tag = f"{face}:{username[:60]}{REFRESH_REQUEST_TAG}{uuid.uuid4().hex[:12]}"
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
