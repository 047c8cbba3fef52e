"""The refresh page: status per source for everyone, a start form and progress for curators."""

from __future__ import annotations

import pytest
from django.utils import timezone

from targets.models import RefreshRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_worker(monkeypatch):
    """Queue refreshes without running them (the task itself is the refresh suite's concern)."""
    queued = []
    monkeypatch.setattr("targets.tasks.refresh_source.apply_async", lambda args, **options: queued.append(args[0]))
    return queued


def test_each_source_shows_its_newest_run_counts_errors_and_staleness(client, db):
    RefreshRun.objects.create(
        source="opentargets",
        status="succeeded",
        started_at=timezone.now(),
        finished_at=timezone.now(),
        counts={"new": 3, "changed": 1},
        progress={"done": 2, "total": 2},
    )
    RefreshRun.objects.create(
        source="chembl", status="failed", finished_at=timezone.now(), errors=["HTTP 503 on page 2"]
    )
    html = client.get("/refresh/").content.decode()
    opentargets = html.split('data-source="opentargets"')[1].split("</tr>")[0]
    chembl = html.split('data-source="chembl"')[1].split("</tr>")[0]
    assert "new 3, changed 1" in opentargets and 'class="badge fresh"' in opentargets
    assert "HTTP 503 on page 2" in chembl and "the newest refresh failed" in chembl


def test_viewers_see_no_start_form_and_cannot_post(viewer_client, no_worker):
    assert "Start refresh" not in viewer_client.get("/refresh/").content.decode()
    assert viewer_client.post("/refresh/start/", {"sources": ["chembl"]}).status_code == 403
    assert not RefreshRun.objects.exists()


def test_curators_start_a_refresh_and_watch_its_progress(curator_client, no_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post("/refresh/start/", {"sources": ["chembl", "dgidb"]}, follow=True)
    assert "Refresh queued: chembl, dgidb" in response.content.decode()
    assert len(no_worker) == 2
    status = curator_client.get("/refresh/status.json").json()
    assert status["active"] is True
    assert {run["source"]: run["status"] for run in status["runs"]} == {"chembl": "queued", "dgidb": "queued"}


def test_a_second_start_while_one_runs_is_refused_with_a_message(curator_client, no_worker):
    curator_client.post("/refresh/start/", {"sources": ["chembl"]})
    response = curator_client.post("/refresh/start/", {"sources": ["chembl"]}, follow=True)
    assert "already in progress" in response.content.decode()
    assert RefreshRun.objects.count() == 1
