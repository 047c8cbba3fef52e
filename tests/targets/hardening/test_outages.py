"""Degrade, never die (issue 13, points 1-4): reads work with the cache down, a write whose re-rank cannot
reach the broker succeeds, says so and keeps the re-rank in the outbox until it is published; refresh runs
lost with a broker message or a worker are reaped."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from targets.api.throttling import UserThrottle
from targets.models import OutboxTask, RankingRun, RefreshRun
from targets.outbox import outbox_drain
from targets.refresh.liveness import refresh_runs_reap
from targets.refresh.requests import refresh_request

pytestmark = pytest.mark.django_db


class DeadCache:
    """A cache whose server is gone (Redis stopped)."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


def test_api_reads_work_while_the_throttle_cache_is_down(client_for, ranked, monkeypatch):
    monkeypatch.setattr(UserThrottle, "cache", DeadCache())
    response = client_for("viewer").get("/api/targets/CXCR4/")
    assert response.status_code == 200
    assert response.json()["symbol"] == "CXCR4"


@pytest.mark.django_db(transaction=True)  # real commits: the re-rank is published inside the request
def test_a_write_during_a_broker_outage_succeeds_says_pending_and_is_replayed(client_for, ranked, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    curator = client_for("curator")
    with mock.patch("targets.tasks.rerank.apply_async", side_effect=OperationalError("Connection refused")):
        response = curator.patch("/api/targets/CXCR4/", {"name": "edited during the outage"}, format="json")
    assert response.status_code == 200
    assert response["X-Rerank-Pending"] == "1"
    pending = OutboxTask.objects.get()
    assert pending.kind == "rerank" and pending.attempts == 1 and "refused" in pending.last_error

    with mock.patch("targets.tasks.rerank.apply_async") as publish:  # the broker is back: beat drains
        result = outbox_drain()
    assert result["published"] == 1 and result["left"] == 0
    assert publish.call_args.kwargs["args"] == (None, "target CXCR4 edited")


def test_the_drain_publishes_one_rerank_per_profile_and_stops_while_the_broker_is_down(ranked, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    for _ in range(3):
        OutboxTask.objects.create(kind="rerank", payload={"profile_id": None, "triggered_by": "evidence added"})
    with mock.patch("targets.tasks.rerank.apply_async", side_effect=OperationalError("down")):
        assert outbox_drain()["left"] == 3  # nothing lost while the broker is down
    with mock.patch("targets.tasks.rerank.apply_async") as publish:
        result = outbox_drain()
    assert publish.call_count == 1 and result == {"published": 1, "coalesced": 2, "failed": 0, "left": 0}


def test_a_refresh_whose_message_was_lost_is_sent_again_then_failed(
    catalogue, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch("targets.tasks.refresh_source.apply_async"),  # the broker took it ... and lost it
        django_capture_on_commit_callbacks(execute=True),
    ):
        (run,) = refresh_request(sources=["chembl"], triggered_by="test")
    assert not OutboxTask.objects.exists()
    RefreshRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    with mock.patch("targets.tasks.refresh_source.apply_async"):
        assert refresh_runs_reap()["resent"] == 1
    assert OutboxTask.objects.filter(kind="refresh", payload__run_id=run.pk).exists()
    OutboxTask.objects.all().delete()  # published, and lost once more
    RefreshRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    assert refresh_runs_reap()["failed_queued"] == 1
    run.refresh_from_db()
    assert run.status == "failed" and "never started" in run.errors[0]
    # the source is free again: the next refresh is accepted, not a 409
    with mock.patch("targets.tasks.refresh_source.apply_async"):
        assert refresh_request(sources=["chembl"], triggered_by="test")


def test_a_running_refresh_whose_worker_died_is_reaped_within_minutes_and_reranks(catalogue, settings):
    run = RefreshRun.objects.create(source="dgidb", status="running", started_at=timezone.now())
    assert refresh_runs_reap()["failed_running"] == 0  # alive: a fresh heartbeat
    RefreshRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=11))
    with mock.patch("targets.tasks.rerank.apply_async"):
        result = refresh_runs_reap()
    assert result["failed_running"] == 1 and result["rerank"] is True
    run.refresh_from_db()
    assert run.status == "failed" and "worker was lost" in run.stale_reason


def test_a_queued_refresh_waiting_in_the_outbox_is_not_reaped(catalogue, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("targets.tasks.refresh_source.apply_async", side_effect=OperationalError("down")):
        (run,) = refresh_request(sources=["opentargets"], triggered_by="test")
    RefreshRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert refresh_runs_reap() == {"resent": 0, "failed_queued": 0, "failed_running": 0, "rerank": False}
    assert not RankingRun.objects.exists()
