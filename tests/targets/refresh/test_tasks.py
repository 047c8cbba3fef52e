"""The Celery side in-process: the chord fan-out, the re-rank after the last refresh, the beat entry."""

import pytest
from django_celery_beat.models import PeriodicTask

from config.celery import app
from targets.models import RankingRun, RefreshRun
from targets.refresh.requests import refresh_request
from targets.refresh.schedule import refresh_schedule_ensure
from targets.tasks import refresh_all, refresh_finish, refresh_source
from tests.targets.refresh.conftest import new_run


@pytest.mark.django_db
def test_a_requested_refresh_fans_out_its_batches_and_reranks_after(
    catalogue, sources, eager_celery, settings, django_capture_on_commit_callbacks
):
    settings.NICHERANK_STABILITY_SAMPLES = 20
    with django_capture_on_commit_callbacks(execute=True):
        (run,) = refresh_request(sources=["dgidb"], symbols=["CXCR4", "ITGA4", "VCAM1"], triggered_by="test")
    run.refresh_from_db()
    assert run.status == "succeeded"
    assert run.progress["batches_done"] == run.progress["batches_total"] == 2
    assert run.counts == {"new": 6, "changed": 0, "unchanged": 0, "not_found": 0}
    ranking = RankingRun.objects.get()
    assert ranking.triggered_by == f"refresh:dgidb#{run.pk}"


@pytest.mark.django_db
def test_the_rerank_waits_for_the_last_active_refresh(
    catalogue, sources, eager_celery, settings, django_capture_on_commit_callbacks
):
    settings.NICHERANK_STABILITY_SAMPLES = 20
    first, second = new_run("dgidb", ["VCAM1"]), new_run("opentargets", ["VCAM1"])
    with django_capture_on_commit_callbacks(execute=True):  # the re-rank is published once its row commits
        refresh_source.apply(args=[first.pk])
    assert not RankingRun.objects.exists()  # the Open Targets run is still queued
    with django_capture_on_commit_callbacks(execute=True):
        refresh_source.apply(args=[second.pk])
    assert RankingRun.objects.get().triggered_by == f"refresh:opentargets#{second.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        refresh_finish.apply(args=[second.pk])  # a re-delivered callback does not re-rank again
    assert RankingRun.objects.count() == 1


@pytest.mark.django_db
def test_a_duplicate_start_message_does_not_fan_out_twice(catalogue, sources, eager_celery):
    run = new_run("dgidb", ["VCAM1"])
    assert refresh_source.apply(args=[run.pk]).get()["claimed"] is True
    assert refresh_source.apply(args=[run.pk]).get() == {"run": run.pk, "claimed": False}
    assert sources.attempts(sources.routes[-1]) == 1  # DGIdb page 1 asked once


@pytest.mark.django_db
def test_the_periodic_refresh_queues_every_idle_source(catalogue, django_capture_on_commit_callbacks):
    busy = new_run("chembl")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = refresh_all.apply(kwargs={"triggered_by": "schedule"}).get()
    assert result["busy"] == [{"source": "chembl", "run": busy.pk}]
    assert set(RefreshRun.objects.filter(pk__in=result["queued"]).values_list("source", flat=True)) == {
        "opentargets",
        "clinicaltrials",
        "dgidb",
    }
    assert len(callbacks) == 3  # one task each, sent when the runs are committed


@pytest.mark.django_db
def test_the_weekly_schedule_is_created_once_and_admin_edits_are_kept():
    task, created = refresh_schedule_ensure()
    assert created and task.enabled and task.expire_seconds
    assert (task.crontab.day_of_week, task.crontab.hour, task.crontab.minute) == ("1", "3", "0")
    PeriodicTask.objects.filter(pk=task.pk).update(enabled=False)  # an admin turns it off
    again, created = refresh_schedule_ensure()
    assert not created and again.pk == task.pk and again.enabled is False


@pytest.mark.django_db
def test_every_scheduled_task_name_is_a_registered_task():
    refresh_schedule_ensure()
    app.loader.import_default_modules()
    names = set(PeriodicTask.objects.exclude(name__startswith="celery.").values_list("task", flat=True))
    assert names and names <= set(app.tasks)
