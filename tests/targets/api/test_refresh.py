"""/api/refresh/: curators queue a refresh (202 with a run id); readers follow it per source."""

from unittest import mock

import pytest

from targets.models import RefreshRun
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_a_curator_queues_a_refresh_of_every_source(client_for, catalogue, django_capture_on_commit_callbacks):
    with (
        mock.patch("targets.tasks.refresh_source.apply_async") as refresh,
        mock.patch("targets.tasks.rerank.apply_async") as rerank,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for("curator").post("/api/refresh/", {}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert {item["source"] for item in body["sources"]} == {"opentargets", "chembl", "clinicaltrials", "dgidb"}
    assert response["Location"] == f"/api/refresh/{body['id']}/"
    assert refresh.call_count == 4
    rerank.assert_not_called()  # the refresh pipeline re-ranks when the refreshes finish, not before


def test_the_status_shows_each_source_with_progress_and_errors(client_for, catalogue):
    curator = client_for("curator")
    body = curator.post("/api/refresh/", {"sources": ["chembl", "dgidb"], "symbols": ["CXCR4"]}, format="json").json()
    chembl = RefreshRun.objects.get(source="chembl")
    chembl.status, chembl.progress, chembl.errors = "running", {"done": 1, "total": 2}, ["CXCR4: timeout"]
    chembl.save()
    status = client_for("viewer").get(f"/api/refresh/{body['id']}/").json()
    assert status["status"] == "running"
    by_source = {item["source"]: item for item in status["sources"]}
    assert set(by_source) == {"chembl", "dgidb"}
    assert by_source["chembl"]["progress"]["done"] == 1
    assert by_source["chembl"]["errors"] == ["CXCR4: timeout"]


def test_a_second_refresh_of_a_busy_source_is_a_409(client_for, catalogue):
    curator = client_for("curator")
    assert curator.post("/api/refresh/", {"sources": ["chembl"]}, format="json").status_code == 202
    response = curator.post("/api/refresh/", {"sources": ["chembl"]}, format="json")
    assert response.status_code == 409
    assert "chembl" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"sources": ["pubmed"]}, "sources.0"),
        ({"symbols": ["CXCR4", "NOPE1"]}, "symbols"),
        ({"sources": "x"}, "sources"),
    ],
)
def test_bad_refresh_requests_are_a_400_naming_the_field(client_for, catalogue, payload, field):
    response = client_for("curator").post("/api/refresh/", payload, format="json")
    assert response.status_code == 400
    assert field in error_fields(response)
    assert not RefreshRun.objects.exists()


def test_an_unknown_refresh_is_a_404(api, catalogue):
    assert api.get("/api/refresh/999999/").status_code == 404


def test_viewers_may_follow_but_not_start_refreshes(client_for, catalogue):
    assert client_for("viewer").post("/api/refresh/", {}, format="json").status_code == 403
    assert client_for("viewer").get("/api/refresh/").status_code == 200
