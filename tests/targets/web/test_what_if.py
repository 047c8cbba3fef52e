"""The sliders' JSON endpoint: new weights re-rank every target without saving anything."""

from __future__ import annotations

import pytest

from targets.models import RankingRun

pytestmark = pytest.mark.django_db


def _ranks(response) -> dict[str, int | None]:
    return {row["symbol"]: row["rank"] for row in response.json()["rows"]}


def test_moving_one_weight_changes_the_order(client, ranked):
    before = _ranks(client.get("/ranking/what-if.json", {"profile": "balanced"}))
    weights = {"niche_specificity": "5", "clinical_precedent": "0"}
    after = _ranks(client.get("/ranking/what-if.json", {"profile": "balanced", **weights}))
    assert before != after
    assert after["CXCL12"] < before["CXCL12"]  # an MSC-side ligand: niche specificity lifts it
    assert after["BCL2"] > before["BCL2"]  # a blast-intrinsic dependency whose strength was its AML approval
    assert RankingRun.objects.count() == 1


def test_unchanged_weights_reproduce_the_stored_ranks(client, ranked):
    stored = dict(ranked.rows.values_list("target__symbol", "rank"))
    assert _ranks(client.get("/ranking/what-if.json", {"profile": "balanced"})) == stored


def test_symbols_limit_the_answer_but_not_the_ranking(client, ranked):
    body = client.get("/ranking/what-if.json", {"symbols": "CXCR4,vcam1"}).json()
    assert {row["symbol"] for row in body["rows"]} == {"CXCR4", "VCAM1"}
    assert body["rows"][0]["rank"] == ranked.rows.get(target__symbol="CXCR4").rank


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"hsc_safety": "lots"}, "weights.hsc_safety"),
        ({"hsc_safety": "-1"}, "weights.hsc_safety"),
        ({"profile": "nope"}, "base_profile"),
    ],
)
def test_invalid_input_answers_400_naming_the_field(client, ranked, params, field):
    response = client.get("/ranking/what-if.json", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
