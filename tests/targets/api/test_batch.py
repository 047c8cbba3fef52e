"""/api/batch/: records and ranks of any number of identifiers; unknown ones listed, never dropped."""

import pytest

from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_batch_gives_records_and_ranks_in_the_order_asked(api, ranked):
    ids = ["vcam1", "ENSG00000121966", "CXCL12"]
    body = api.post("/api/batch/", {"ids": ids}, format="json").json()
    assert body["run"]["id"] == ranked.pk
    assert [item["target"]["symbol"] for item in body["results"]] == ["VCAM1", "CXCR4", "CXCL12"]
    assert body["count"] == 3
    assert all(item["ranking"]["rank"] >= 1 for item in body["results"])
    assert body["unknown"] == []


def test_thousands_of_ids_with_unknown_ones_listed(api, ranked):
    known = ["CXCR4", "CXCL12", "DPP4"]
    unknown = [f"FAKE{i}" for i in range(3000)]
    body = api.post("/api/batch/", {"ids": unknown[:1500] + known + unknown[1500:]}, format="json").json()
    assert [item["target"]["symbol"] for item in body["results"]] == known
    assert body["unknown"] == unknown


def test_duplicates_are_answered_once(api, ranked):
    body = api.post("/api/batch/", {"ids": ["CXCR4", "cxcr4", "ENSG00000121966"]}, format="json").json()
    assert [item["target"]["symbol"] for item in body["results"]] == ["CXCR4"]


def test_batch_against_a_chosen_run_or_profile(api, ranked, second_run):
    by_run = api.post("/api/batch/", {"ids": ["CXCR4"], "run": ranked.pk}, format="json").json()
    assert by_run["run"]["id"] == ranked.pk
    by_profile = api.post("/api/batch/", {"ids": ["CXCR4"], "profile": "clinical-first"}, format="json").json()
    assert by_profile["run"]["id"] == second_run.pk


def test_before_any_ranking_records_come_without_ranks(api, catalogue):
    body = api.post("/api/batch/", {"ids": ["CXCR4"]}, format="json").json()
    assert body["run"] is None
    assert body["results"][0]["ranking"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "ids"),
        ({"ids": []}, "ids"),
        ({"ids": "CXCR4"}, "ids"),
        ({"ids": ["CXCR4"], "run": 999999}, "run"),
        ({"ids": ["CXCR4"], "profile": "nobody"}, "profile"),
        ({"ids": [["nested"]]}, "ids.0"),
        ({"ids": ["CXCR4", "X" * 51]}, "ids.1"),
        ({"ids": ["CX\x00CR4"]}, "ids.0"),
        ({"ids": [4]}, "ids.0"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, ranked, payload, field):
    response = api.post("/api/batch/", payload, format="json")
    assert response.status_code == 400
    assert field in error_fields(response)


def test_a_batch_larger_than_the_request_limit_gets_a_json_413(client_for, catalogue, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    ids = [f"ENSG{i:011d}" for i in range(200)]
    response = client_for("viewer").post("/api/batch/", {"ids": ids}, format="json")
    assert response.status_code == 413
    assert "NICHERANK_MAX_REQUEST_MB" in response.json()["error"]["message"]


def test_a_batch_of_150000_ids_is_accepted_and_lists_the_unknown(client_for, catalogue):
    ids = ["CXCR4"] + [f"ENSG9{i:010d}" for i in range(150_000)]  # no real gene has these ids
    response = client_for("admin").post("/api/batch/", {"ids": ids}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert len(body["unknown"]) == 150_000
