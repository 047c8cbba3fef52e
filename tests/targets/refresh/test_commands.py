"""python manage.py refresh: in-process with --sync, the summary printed, failures reported."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from devtools.replay_server import Reply
from devtools.source_replay import CT_PATH
from targets.models import RankingRun, RefreshRun
from tests.targets.refresh.conftest import break_route


@pytest.mark.django_db
def test_refresh_sync_runs_the_named_sources_and_reranks(catalogue, sources, settings):
    settings.NICHERANK_STABILITY_SAMPLES = 20
    out = StringIO()
    call_command(
        "refresh",
        "--source",
        "dgidb",
        "--source",
        "opentargets",
        "--targets",
        "CXCR4",
        "NOPE1",
        "--sync",
        stdout=out,
    )
    assert set(RefreshRun.objects.values_list("source", "status")) == {
        ("dgidb", "succeeded"),
        ("opentargets", "succeeded"),
    }
    assert RankingRun.objects.get().triggered_by == "refresh:command"
    assert "dgidb" in out.getvalue() and "succeeded" in out.getvalue()
    assert "unknown targets skipped: NOPE1" in out.getvalue()


@pytest.mark.django_db
def test_refresh_reports_a_failed_source_and_its_stale_reason(catalogue, sources):
    break_route(sources, "GET", CT_PATH + "/studies", Reply.text("down", status=503))
    out = StringIO()
    with pytest.raises(CommandError, match="marked stale"):
        call_command("refresh", "--source", "clinicaltrials", "--targets", "CXCR4", "--sync", stdout=out)
    assert "stale: 1 of 1 batches failed" in out.getvalue()


@pytest.mark.django_db
def test_refresh_refuses_a_source_already_refreshing(catalogue):
    RefreshRun.objects.create(source="chembl", status="running")
    with pytest.raises(CommandError, match="already in progress"):
        call_command("refresh", "--source", "chembl", "--sync")


@pytest.mark.django_db
def test_refresh_without_a_broker_runs_the_tasks_in_process(
    catalogue, sources, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.NICHERANK_STABILITY_SAMPLES = 20
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh", "--source", "opentargets", "--targets", "CXCR4", "VCAM1", stdout=out)
    run = RefreshRun.objects.get()
    assert (run.status, run.counts["new"]) == ("succeeded", 3)
    assert RankingRun.objects.get().triggered_by == f"refresh:opentargets#{run.pk}"


@pytest.mark.django_db
def test_refreshing_unknown_targets_is_refused_and_records_nothing(catalogue):
    from django.core.management import CommandError, call_command

    from targets.models import RefreshRun

    with pytest.raises(CommandError, match="symbols: unknown identifiers: NOPE"):
        call_command("refresh", "--source", "dgidb", "--targets", "NOPE", "--sync")
    assert not RefreshRun.objects.exists()
