"""Start a refresh: one RefreshRun per source, queued, with its task enqueued after the commit."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction

from scoring.errors import FieldError
from targets.choices import EXTERNAL_SOURCES
from targets.models import OutboxTask, RefreshRun


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


def validate_symbols(symbols: Sequence[str] | None) -> None:
    """Refuse a list of identifiers none of which matches a target (FieldError names them): a refresh of
    nothing would be recorded as a success and make a source look fresh. Unknown ones among known ones
    are skipped and reported by the run."""
    if symbols:
        from targets.ranking.symbols import resolve_symbols

        ids, unknown = resolve_symbols(symbols)
        if not ids:
            raise FieldError("symbols", f"no target matches {', '.join(unknown[:20])}")


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
    from targets.outbox import outbox_add  # imports the task module, which imports services; import late

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
