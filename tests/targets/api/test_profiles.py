"""/api/profiles/: create, read, update (a new version each time), retire; each write queues a re-rank."""

from unittest import mock

import pytest

from targets.models import ScoringProfile
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db

NEW = {"weights": {"novelty": 2.0, "hsc_safety": 1.0}, "method": "geometric", "description": "first in class"}


def test_profiles_list_the_current_versions(api, ranked):
    names = [item["name"] for item in api.get("/api/profiles/").json()["results"]]
    assert names == sorted(names)
    assert {"balanced", "clinical-first", "antibody-first", "novelty-seeking"} <= set(names)


def test_a_curator_creates_a_profile_and_a_ranking_is_queued(client_for, ranked, django_capture_on_commit_callbacks):
    with mock.patch("targets.tasks.rerank.apply_async") as delay, django_capture_on_commit_callbacks(execute=True):
        response = client_for("curator").post("/api/profiles/", {"name": "mine", **NEW}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["version"], body["is_current"], body["owner"]) == ("mine", 1, True, "curator")
    assert body["method"] == "geometric"
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"][0] == ScoringProfile.objects.get(name="mine").pk


def test_an_update_stores_a_new_version_and_keeps_the_old(client_for, ranked):
    curator = client_for("curator")
    response = curator.put("/api/profiles/balanced/", {"weights": {"hsc_safety": 3.0}}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["weights"] == {"hsc_safety": 3.0}
    old = curator.get("/api/profiles/balanced/?version=1").json()
    assert old["is_current"] is False and old["weights"]["clinical_precedent"] == 2.0
    versions = curator.get("/api/profiles/balanced/versions/").json()["results"]
    assert [item["version"] for item in versions] == [2, 1]


def test_a_partial_update_keeps_the_fields_not_named(client_for, ranked):
    response = client_for("curator").patch("/api/profiles/clinical-first/", {"top_k": 5}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["top_k"] == 5
    assert body["weights"]["clinical_precedent"] == 4.0
    assert body["version"] == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "bad name!", **NEW}, "name"),
        ({"name": "balanced", **NEW}, "name"),
        ({"name": "x", "weights": {"hsc_safety": -2}}, "weights.hsc_safety"),
        ({"name": "x", "weights": {"charm": 1}}, "weights.charm"),
        ({"name": "x", "weights": {"hsc_safety": 0}}, "weights"),
        ({"name": "x", "weights": {"hsc_safety": 1}, "dual_policy": "ignore"}, "dual_policy"),
        ({"name": "x", "weights": {"hsc_safety": 1}, "top_k": 0}, "top_k"),
        ({"name": "x"}, "weights"),
    ],
)
def test_invalid_profiles_are_a_400_naming_the_field(client_for, ranked, payload, field):
    response = client_for("curator").post("/api/profiles/", payload, format="json")
    assert response.status_code == 400
    assert field in error_fields(response)
    assert not ScoringProfile.objects.filter(name="x").exists()


def test_unknown_profiles_and_versions_are_404(api, ranked):
    assert api.get("/api/profiles/nobody/").status_code == 404
    assert api.get("/api/profiles/balanced/?version=99").status_code == 404
    assert api.get("/api/profiles/nobody/versions/").status_code == 404
    assert "version" in error_fields(api.get("/api/profiles/balanced/?version=two"))


def test_an_admin_retires_a_profile_and_its_runs_stay_readable(client_for, ranked, second_run):
    admin = client_for("admin")
    assert admin.delete("/api/profiles/clinical-first/").status_code == 204
    assert admin.get("/api/profiles/clinical-first/").status_code == 404
    assert admin.get(f"/api/rankings/{second_run.pk}/rows/").status_code == 200
    assert admin.get("/api/profiles/clinical-first/versions/").json()["results"][0]["is_current"] is False
    assert admin.delete("/api/profiles/clinical-first/").status_code == 404


def test_the_default_profile_cannot_be_retired(client_for, ranked):
    response = client_for("admin").delete("/api/profiles/balanced/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert ScoringProfile.objects.filter(name="balanced", is_current=True).exists()


def test_a_curator_may_not_retire_profiles(client_for, ranked):
    assert client_for("curator").delete("/api/profiles/clinical-first/").status_code == 403
