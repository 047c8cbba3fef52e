"""A refresh through a real Celery worker on the local Redis and PostgreSQL, against replayed sources with
latency, 429s, 500s, timeouts and cut pages injected.

Run: DATABASE_URL=postgres://... CELERY_BROKER_URL=redis://... pytest tests/targets/refresh (skips otherwise).
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest
from django.db import connection

from config.celery import app
from devtools.replay_server import Fault, ReplayServer, Reply
from devtools.source_replay import CT_PATH, DGIDB_PATH, OT_PATH, source_env, source_routes
from targets.choices import EXTERNAL_SOURCES
from targets.models import RankingRun, RefreshRun
from targets.refresh.requests import refresh_request
from targets.refresh.status import source_status
from targets.tasks import refresh_batch, refresh_finish, refresh_source
from tests.support.services import celery_worker, database_url_for, require_postgresql, require_redis
from tests.targets.refresh.conftest import break_route
from tests.targets.refresh.test_runner import NICHE, database_state

FINISHED = (RefreshRun.Status.SUCCEEDED, RefreshRun.Status.FAILED)
ALWAYS = range(1, 50)  # attempt numbers: every request the route receives


@contextmanager
def sending_to(broker: str):
    """Send tasks to the broker from this process (not in-process), restoring the settings after."""
    saved = {name: app.conf[name] for name in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    try:
        yield
    finally:
        app.conf.update(saved)


def start_refresh(queue: str) -> list[RefreshRun]:
    runs = refresh_request(symbols=NICHE, triggered_by="worker-test", enqueue=False)
    for run in runs:
        refresh_source.apply_async(args=[run.pk], queue=queue)
    return runs


def wait_for(runs: list[RefreshRun], rankings_before: int, timeout: float = 120.0) -> dict[str, RefreshRun]:
    """Wait until every run is closed and a re-rank has been stored after them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = {run.source: run for run in RefreshRun.objects.filter(pk__in=[run.pk for run in runs])}
        done = all(run.status in FINISHED for run in current.values())
        if done and RankingRun.objects.count() > rankings_before:
            return current
        time.sleep(0.2)
    raise AssertionError(f"refresh not finished in {timeout}s: {list(RefreshRun.objects.values('source', 'status'))}")


def inject_transient_faults(server: ReplayServer) -> None:
    """Faults every source survives by retrying: a 429, a 500 in the middle of pagination, a timeout."""
    ot_profiles = server.routes[1]  # TargetProfiles (see replay.opentargets_routes)
    chembl_page2 = next(r for r in server.routes if r.query == {"offset": "1"})
    ot_profiles.faults = {1: Fault.status_code(429, retry_after="0")}
    chembl_page2.faults = {1: Fault.status_code(500)}
    ct_page1 = next(r for r in server.routes if r.path.startswith(CT_PATH) and r.query == {"pageToken": None})
    ct_page1.faults = {1: Fault.timeout(3.0)}


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_refresh_through_a_real_worker_survives_faults_redelivery_and_a_failed_source(catalogue):
    broker = require_redis()
    require_postgresql(connection)
    with ReplayServer(source_routes(), latency=0.02) as server:
        inject_transient_faults(server)
        env = {
            **source_env(server.base_url),
            "NICHERANK_REFRESH_MIN_INTERVAL": "0",
            "NICHERANK_REFRESH_READ_TIMEOUT": "1",
            "NICHERANK_REFRESH_BACKOFF": "0.05",
            "NICHERANK_REFRESH_MAX_TRIES": "3",
            "NICHERANK_REFRESH_BATCH_SIZE": "2",
            "NICHERANK_REFRESH_TASK_RETRIES": "1",
            "NICHERANK_REFRESH_TASK_BACKOFF": "1",
        }
        database_url = database_url_for(connection)
        with (
            celery_worker(broker=broker, database_url=database_url, extra_env=env) as queue,
            sending_to(broker),
        ):
            # 1. Every source refreshes through the faults, in two batches each, then the ranking is re-run.
            runs = wait_for(start_refresh(queue), rankings_before=0)
            assert {source: run.status for source, run in runs.items()} == dict.fromkeys(
                map(str, EXTERNAL_SOURCES), "succeeded"
            )
            assert all(run.progress["batches_done"] == 2 for run in runs.values())
            assert runs["chembl"].counts["new"] == 8 and runs["opentargets"].counts["new"] == 5
            assert RankingRun.objects.filter(triggered_by__startswith="refresh:").exists()
            good, rankings = database_state(), RankingRun.objects.count()

            # 2. Re-delivered messages (start, a batch, the callback) leave the database exactly as it was.
            results = []
            for run in runs.values():
                results.append(refresh_source.apply_async(args=[run.pk], queue=queue, ignore_result=False))
                results.append(refresh_batch.apply_async(args=[run.pk, 0], queue=queue))
                results.append(refresh_finish.apply_async(args=[run.pk], queue=queue))
            for result in results:
                result.get(timeout=60, disable_sync_subtasks=False)  # the test process, not a task
            assert database_state() == good
            assert RankingRun.objects.count() == rankings  # no second re-rank for a re-delivered callback

            # 3. DGIdb times out on its second page and Open Targets answers 500, through the connector's
            #    tries and the task's retry: both keep their last good data and are marked stale, the other
            #    sources refresh, and the ranking is re-run.
            every_time_out = {attempt: Fault.timeout(3.0) for attempt in ALWAYS}
            dgidb_page2 = lambda body: ((body or {}).get("variables") or {}).get("after") == "Mg"  # noqa: E731
            break_route(server, "POST", DGIDB_PATH, Reply.json({}), body=dgidb_page2, faults=every_time_out)
            break_route(server, "POST", OT_PATH, Reply.text("upstream error", status=500))
            ot_requests = len([seen for seen in server.requests_seen if seen.path == OT_PATH])
            second = wait_for(start_refresh(queue), rankings_before=rankings)
            ot_requests = len([seen for seen in server.requests_seen if seen.path == OT_PATH]) - ot_requests
            assert ot_requests == 2 * 2 * 3  # 2 batches x (first run + 1 task retry) x 3 connector tries
            assert second["dgidb"].status == second["opentargets"].status == "failed"
            assert "timeout" in second["dgidb"].stale_reason
            assert "HTTP 500" in second["opentargets"].stale_reason
            assert second["chembl"].status == second["clinicaltrials"].status == "succeeded"
            assert second["chembl"].counts == {**runs["chembl"].counts, "new": 0, "unchanged": 8}
            assert database_state() == good
            stale = {item.source: item.stale for item in source_status()}
            assert stale == {"opentargets": True, "chembl": False, "clinicaltrials": False, "dgidb": True}
