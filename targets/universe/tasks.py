"""Re-rank the gene universe in the background (queued after a promotion changes who is curated)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from targets.models import Gene
from targets.universe.discover import run_discovery
from targets.universe.selectors import latest_run

logger = logging.getLogger(__name__)
DEFAULT_SAMPLES = 1000


@shared_task(
    name="targets.rank_universe",
    time_limit=600,
    soft_time_limit=570,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def rank_universe(triggered_by: str = "task") -> int | None:
    """Rank the universe again with the newest run's stability settings (nothing written when its inputs are
    unchanged); the new run's id, or None without genes."""
    if not Gene.objects.exists():
        return None
    newest = latest_run()
    samples, seed = (newest.stability_samples, newest.seed) if newest else (DEFAULT_SAMPLES, 0)
    run = run_discovery(samples=samples, seed=seed, reuse=True)
    logger.info("universe ranked (%s): run %s", triggered_by, run.pk)
    return run.pk


def enqueue_universe_rerank(triggered_by: str) -> None:
    """Queue `rank_universe` once the current transaction commits. A broker that is down is logged, not raised:
    the discovery view then shows its ranking as out of date until `rank_universe` runs."""

    def send() -> None:
        try:
            rank_universe.delay(triggered_by=triggered_by)
        except Exception:  # noqa: BLE001 - the committed write stands; the view says the ranking is stale
            logger.exception("could not queue the universe re-rank (%s)", triggered_by)

    transaction.on_commit(send)
