"""A stored run says which sources of uncertainty its rank intervals include, and the API and pages show it."""

import pytest

from targets.models import RankingRun
from targets.ranking.runs import ranking_run_create

pytestmark = pytest.mark.django_db


def test_a_run_stores_what_its_intervals_vary_and_a_run_without_draws_claims_nothing(ranked):
    assert ranked.stability_components[:2] == ["weights", "thresholds"]
    assert set(ranked.stability_components) <= {"weights", "thresholds", "data"}
    assert ranked.stability_label == ", ".join(ranked.stability_components)
    assert ranking_run_create(triggered_by="test", samples=0).stability_label == ""


def test_a_run_stored_before_the_field_existed_varied_the_weights_only(ranked):
    RankingRun.objects.filter(pk=ranked.pk).update(stability_components=[])
    assert RankingRun.objects.get(pk=ranked.pk).stability_label == "weights"


def test_api_and_pages_show_the_components_where_the_interval_is_shown(client, ranked, admin_user):
    client.force_login(admin_user)
    label = ranked.stability_label
    assert client.get(f"/api/rankings/{ranked.pk}/").json()["stability_components"] == ranked.stability_components
    what_if = client.post("/api/what-if/", {"weights": {"niche_biology": 1.0}, "samples": 50}, "application/json")
    assert what_if.json()["stability_components"][0] == "weights"
    assert f"(varies {label})" in client.get("/").content.decode()
    assert f"(5–95 %, varies {label})" in client.get("/targets/CXCR4/").content.decode()
