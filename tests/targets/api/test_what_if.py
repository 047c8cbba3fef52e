"""/api/what-if/: a ranking under proposed weights, computed and not saved."""

import pytest

from targets.models import RankingRun
from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_what_if_ranks_without_saving(api, catalogue):
    response = api.post("/api/what-if/", {"weights": {"novelty": 1.0}}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert len(body["rows"]) == 38
    assert body["rows"][0]["rank"] == 1
    assert body["profile"]["weights"] == {"novelty": 1.0}
    assert RankingRun.objects.count() == 0


def test_what_if_on_a_base_profile_with_method_policy_and_gates(api, ranked):
    payload = {
        "base_profile": "clinical-first",
        "method": "topsis",
        "missing": "neutral",
        "gates": {"exclude_dual": True},
    }
    body = api.post("/api/what-if/", payload, format="json").json()
    assert body["method"] == "topsis"
    assert body["missing"] == "neutral"
    assert body["profile"]["weights"]["clinical_precedent"] == 4.0
    dual = next(row for row in body["rows"] if row["symbol"] == "DPP4")
    assert dual["rank"] is None and dual["eligible"] is False


def test_weights_change_the_order(api, catalogue):
    niche = api.post("/api/what-if/", {"weights": {"niche_specificity": 1.0}}, format="json").json()["rows"]
    clinical = api.post("/api/what-if/", {"weights": {"clinical_precedent": 1.0}}, format="json").json()["rows"]
    assert [row["symbol"] for row in niche[:5]] != [row["symbol"] for row in clinical[:5]]


def test_what_if_on_some_symbols_lists_the_unknown_ones(api, catalogue):
    payload = {"weights": {"hsc_safety": 1.0}, "symbols": ["cxcr4", "ENSG00000107562", "NOPE1"]}
    body = api.post("/api/what-if/", payload, format="json").json()
    assert {row["symbol"] for row in body["rows"]} == {"CXCR4", "CXCL12"}
    assert body["unknown"] == ["NOPE1"]


def test_what_if_with_stability_samples_is_reproducible(api, ranked):
    payload = {"base_profile": "balanced", "samples": 50, "seed": 7}
    first = api.post("/api/what-if/", payload, format="json").json()
    again = api.post("/api/what-if/", payload, format="json").json()
    assert first["rows"][0]["p_top_k"] is not None
    assert first["rows"] == again["rows"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"weights": {"hsc_safety": -1}}, "weights.hsc_safety"),
        ({"weights": {"charm": 1.0}}, "weights.charm"),
        ({"weights": {"hsc_safety": "lots"}}, "weights.hsc_safety"),
        ({"weights": {"hsc_safety": 0.0}}, "weights"),
        ({"weights": {"hsc_safety": 1.0}, "method": "astrology"}, "method"),
        ({"weights": {"hsc_safety": 1.0}, "missing": "ignore"}, "missing"),
        ({"weights": {"hsc_safety": 1.0}, "gates": {"min_coverage": 2}}, "gates.min_coverage"),
        ({"weights": {"hsc_safety": 1.0}, "samples": 10**9}, "samples"),
        ({"weights": {"hsc_safety": 1.0}, "symbols": "CXCR4"}, "symbols"),
        ({"base_profile": "nobody"}, "base_profile"),
        ({}, "weights"),
        ([1, 2], "non_field_errors"),
    ],
)
def test_invalid_input_is_a_400_naming_the_field(api, ranked, payload, field):
    response = api.post("/api/what-if/", payload, format="json")
    assert response.status_code == 400
    assert field in error_fields(response)


def test_malformed_json_is_a_400(api, catalogue):
    response = api.post("/api/what-if/", "{weights:", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
