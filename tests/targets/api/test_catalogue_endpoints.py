"""/api/axes/, /api/interactions/, /api/drugs/, /api/trials/: the rest of what the web pages show."""

import pytest

from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_axes_list_their_targets(api, catalogue):
    axes = api.get("/api/axes/?page_size=100").json()["results"]
    by_name = {axis["name"]: axis for axis in axes}
    assert "CXCR4" in by_name["CXCL12-CXCR4 chemokine axis"]["targets"]


def test_interactions_filter_by_either_partner(api, catalogue):
    pairs = api.get("/api/interactions/?symbol=cxcr4").json()["results"]
    assert pairs and all("CXCR4" in (pair["ligand"], pair["receptor"]) for pair in pairs)
    assert api.get("/api/interactions/?ligand=CXCL12").json()["results"][0]["ligand"] == "CXCL12"


def test_drugs_filter_by_target_and_modality(api, catalogue):
    drugs = api.get("/api/drugs/?target=CXCR4&page_size=100").json()["results"]
    assert "plerixafor" in {drug["name"] for drug in drugs}
    assert all("CXCR4" in {m["target"] for m in drug["mechanisms"]} for drug in drugs)
    antibodies = api.get("/api/drugs/?modality=antibody&page_size=100").json()["results"]
    assert antibodies and all(drug["modality"] == "antibody" for drug in antibodies)


def test_a_drug_detail_and_an_unknown_drug(api, catalogue):
    first = api.get("/api/drugs/?q=plerixafor").json()["results"][0]
    assert api.get(f"/api/drugs/{first['id']}/").json()["name"] == "plerixafor"
    assert api.get("/api/drugs/999999/").status_code == 404
    assert "modality" in error_fields(api.get("/api/drugs/?modality=magic"))


def test_trials_by_nct_id_with_their_targets(api, catalogue):
    trial = api.get("/api/trials/nct00512252/").json()
    assert trial["nct_id"] == "NCT00512252"
    assert "CXCR4" in trial["targets"]
    assert trial["url"].endswith("NCT00512252")
    listed = api.get("/api/trials/?target=CXCR4&page_size=100").json()["results"]
    assert "NCT00512252" in {item["nct_id"] for item in listed}
    assert api.get("/api/trials/NCT99999999/").status_code == 404


def test_unknown_axes_and_interactions_are_404(api, catalogue):
    assert api.get("/api/axes/999999/").status_code == 404
    assert api.get("/api/interactions/999999/").status_code == 404
    assert api.get("/api/axes/not-a-number/").json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/rankings/?profile_version=abc", "profile_version"),
        ("/api/rankings/?created_after=yesterday", "created_after"),
        ("/api/refresh/?status=sleeping", "status"),
        ("/api/evidence/?direction=sideways", "direction"),
        ("/api/trials/?stage=phase9", "stage"),
        ("/api/targets/?ordering=charm", "ordering"),
    ],
)
def test_bad_list_filters_are_a_400_naming_them(api, catalogue, url, field):
    response = api.get(url)
    assert response.status_code == 400
    assert field in error_fields(response)
