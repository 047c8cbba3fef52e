"""/api/targets/: list with filters, detail with drugs, trials, evidence and provenance, curator edits."""

import pytest

from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def symbols(response) -> list[str]:
    return [item["symbol"] for item in response.json()["results"]]


def test_list_is_paginated_and_alphabetical(api, catalogue):
    response = api.get("/api/targets/?page_size=10")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 38
    assert len(body["results"]) == 10
    assert symbols(response) == sorted(symbols(response))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("axis=CXCL12-CXCR4", {"CXCR4", "CXCL12"}),
        ("q=cxcr4", {"CXCR4", "CXCL12"}),
        ("role=dual", {"DPP4"}),
    ],
)
def test_filters_narrow_the_list(api, catalogue, query, expected):
    found = set(symbols(api.get(f"/api/targets/?{query}&page_size=100")))
    assert expected <= found
    assert len(found) < 38


def test_filters_by_compartment_modality_and_stage(api, catalogue):
    for item in api.get("/api/targets/?compartment=msc&page_size=100").json()["results"]:
        assert item["compartment"] == "msc"
    for item in api.get("/api/targets/?modality=antibody&page_size=100").json()["results"]:
        assert "antibody" in {m["modality"] for m in item["modalities"]}
    approved = api.get("/api/targets/?stage_any=approved&page_size=100").json()["results"]
    assert approved and all(item["stage_any"] == "approved" for item in approved)


def test_a_bad_filter_value_is_a_400_naming_it(api, catalogue):
    response = api.get("/api/targets/?role=villain")
    assert response.status_code == 400
    assert "role" in error_fields(response)


def test_detail_carries_drugs_trials_evidence_and_provenance(api, catalogue):
    response = api.get("/api/targets/cxcr4/")
    assert response.status_code == 200
    body = response.json()
    assert body["symbol"] == "CXCR4"
    assert "plerixafor" in {m["drug"] for m in body["mechanisms"]}
    assert "NCT00512252" in {t["nct_id"] for t in body["trials"]}
    assert {e["citation"] for e in body["evidence"]} >= {"23213054"}
    assert {"ligand": "CXCL12", "receptor": "CXCR4"}.items() <= body["partners"][0].items()
    assert isinstance(body["source_records"], list)


def test_unknown_symbol_is_a_404_in_the_error_body(api, catalogue):
    response = api.get("/api/targets/NOTAGENE/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_curator_edits_a_target_and_gets_the_detail_back(client_for, catalogue):
    response = client_for("curator").patch(
        "/api/targets/CXCR4/", {"is_membrane_or_secreted": True, "compartment_note": "checked"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["is_membrane_or_secreted"] is True
    assert response.json()["mechanisms"]  # the full detail, not only the edited fields


def test_editing_a_target_with_a_bad_role_is_a_400(client_for, catalogue):
    response = client_for("curator").patch("/api/targets/CXCR4/", {"role": "villain"}, format="json")
    assert response.status_code == 400
    assert "role" in error_fields(response)


def test_targets_cannot_be_created_or_deleted_through_the_api(client_for, catalogue):
    admin = client_for("admin")
    assert admin.delete("/api/targets/CXCR4/").status_code == 405
    assert admin.post("/api/targets/", {"symbol": "NEW1"}, format="json").status_code == 405
