"""The re-rank task, run in-process (the embedded default) and by a real Celery worker on Redis."""

import pytest
from celery.result import AsyncResult
from django.db import connection

from config.celery import app
from targets.models import RankingRun
from targets.tasks import rerank
from tests.support.services import celery_worker, database_url_for, require_postgresql, require_redis


@pytest.mark.django_db
def test_rerank_runs_in_process_without_a_broker(catalogue, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER or settings.CELERY_BROKER_URL
    run_id = rerank.apply(kwargs={"triggered_by": "eager-test"}).get()
    run = RankingRun.objects.get(pk=run_id)
    assert run.triggered_by == "eager-test"
    assert run.rows.count() == 38


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reranks_through_redis(catalogue):
    broker = require_redis()
    require_postgresql(connection)
    with celery_worker(broker=broker, database_url=database_url_for(connection)) as queue:
        eager = app.conf.task_always_eager
        app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
        try:
            # rerank ignores its result when published by a write (no result-backend round trip); ask for it
            result = rerank.apply_async(kwargs={"triggered_by": "worker-test"}, queue=queue, ignore_result=False)
            # Eager tasks run in other tests' request threads can leave Celery's "inside a task" flag set in this
            # process; this is the test process waiting on a real worker, never a task joining a subtask.
            run_id = AsyncResult(result.id, app=app).get(timeout=120, disable_sync_subtasks=False)
        finally:
            app.conf.update(task_always_eager=eager)
    run = RankingRun.objects.get(pk=run_id)
    assert run.triggered_by == "worker-test"
    assert run.rows.filter(rank=1).count() == 1
    assert run.stability_samples == 100  # the worker's own environment, so it really ran there


@pytest.mark.services
@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_asked():
    require_postgresql(connection)
    assert connection.vendor == "postgresql"
