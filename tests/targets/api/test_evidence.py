"""/api/evidence/: curators add, correct and remove cited claims; everyone who reads can list them."""

import pytest

from targets.models import Evidence
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db

CLAIM = {
    "target": "CXCR4",
    "citation": "PMID: 30000001",
    "claim": "Blocks homing in a xenograft",
    "direction": "pro_leukemic",
    "level": "in_vivo",
}


def test_evidence_lists_and_filters_by_target(api, catalogue):
    body = api.get("/api/evidence/?target=cxcr4&page_size=100").json()
    assert body["count"] > 0
    assert {item["target"] for item in body["results"]} == {"CXCR4"}


def test_a_curator_adds_evidence_recorded_as_theirs(client_for, catalogue):
    response = client_for("curator").post("/api/evidence/", CLAIM, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["citation"] == "30000001"
    assert body["url"] == "https://pubmed.ncbi.nlm.nih.gov/30000001/"
    assert (body["source"], body["created_by"]) == ("curator", "curator")


def test_the_same_claim_twice_is_a_400_not_a_crash(client_for, catalogue):
    curator = client_for("curator")
    assert curator.post("/api/evidence/", CLAIM, format="json").status_code == 201
    again = curator.post("/api/evidence/", {**CLAIM, "citation": "30000001"}, format="json")
    assert again.status_code == 400
    assert error_fields(again)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"citation": "not-a-citation"}, "citation"),
        ({"target": "NOPE1"}, "target"),
        ({"direction": "up"}, "direction"),
        ({"level": "rumour"}, "level"),
        ({"claim": ""}, "claim"),
    ],
)
def test_invalid_evidence_is_a_400_naming_the_field(client_for, catalogue, change, field):
    response = client_for("curator").post("/api/evidence/", {**CLAIM, **change}, format="json")
    assert response.status_code == 400
    assert field in error_fields(response)


def test_a_curator_corrects_and_removes_evidence_with_history(client_for, catalogue):
    curator = client_for("curator")
    pk = curator.post("/api/evidence/", CLAIM, format="json").json()["id"]
    refused = curator.patch(f"/api/evidence/{pk}/", {"verified": True}, format="json")
    assert refused.status_code == 400 and "checked_source" in error_fields(refused)  # verified needs its source
    checked = {"verified": True, "checked_source": "https://pubmed.ncbi.nlm.nih.gov/23213054/"}
    assert curator.patch(f"/api/evidence/{pk}/", checked, format="json").json()["verified"] is True
    assert curator.delete(f"/api/evidence/{pk}/").status_code == 204
    assert not Evidence.objects.filter(pk=pk).exists()
    assert Evidence.history.filter(id=pk).count() == 3  # created, changed, deleted (the refused patch wrote nothing)


def test_unknown_evidence_is_a_404(api, catalogue):
    assert api.get("/api/evidence/999999/").status_code == 404
