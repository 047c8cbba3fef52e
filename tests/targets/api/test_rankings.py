"""/api/rankings/: runs, the latest per profile, ranked rows with filters and ordering, and diffs."""

import pytest

from tests.targets.api.conftest import error_fields

pytestmark = pytest.mark.django_db


def test_runs_are_listed_newest_first(api, ranked, second_run):
    body = api.get("/api/rankings/").json()
    assert [run["id"] for run in body["results"]] == [second_run.pk, ranked.pk]
    assert body["results"][0]["profile"] == "clinical-first"


def test_runs_filter_by_profile_and_latest_per_profile(api, ranked, second_run):
    from targets.ranking.runs import ranking_run_create

    newer = ranking_run_create(triggered_by="test", samples=0)
    by_profile = api.get("/api/rankings/?profile=balanced").json()["results"]
    assert {run["id"] for run in by_profile} == {ranked.pk, newer.pk}
    latest = api.get("/api/rankings/?latest=true").json()["results"]
    assert {run["id"] for run in latest} == {newer.pk, second_run.pk}


def test_a_past_run_is_readable_with_its_metadata(api, ranked):
    body = api.get(f"/api/rankings/{ranked.pk}/").json()
    assert body["profile"] == "balanced"
    assert body["profile_version"] == 1
    assert body["input_hash"] == ranked.input_hash
    assert "catalogue" in body["data_versions"]


def test_latest_gives_ranked_rows_with_the_run(api, ranked, second_run):
    body = api.get("/api/rankings/latest/?profile=balanced").json()
    assert body["run"]["id"] == ranked.pk
    assert body["count"] == 38
    first = body["results"][0]
    assert first["rank"] == 1
    assert set(first["contributions"]) == set(first["values"])
    assert sum(first["contributions"].values()) == pytest.approx(first["score"], abs=1e-6)
    assert first["rank_p05"] <= first["rank"] <= first["rank_p95"] or first["rank_p05"] is None
    assert 0.0 <= first["p_top_k"] <= 1.0
    assert 0.0 <= first["coverage"] <= 1.0


def test_latest_without_a_profile_is_the_newest_run(api, ranked, second_run):
    assert api.get("/api/rankings/latest/").json()["run"]["id"] == second_run.pk


def test_latest_of_an_unknown_profile_is_a_404(api, ranked):
    response = api.get("/api/rankings/latest/?profile=nobody")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_rows_filter_like_the_web_page(api, ranked):
    body = api.get(f"/api/rankings/{ranked.pk}/rows/?role=pro_leukemic&page_size=100").json()
    assert body["count"] > 0
    assert all(row["role"] == "pro_leukemic" for row in body["results"])
    ranks = [row["rank"] for row in body["results"] if row["rank"] is not None]
    assert ranks == sorted(ranks)


def test_rows_order_by_any_allowed_column(api, ranked):
    rows = api.get(f"/api/rankings/{ranked.pk}/rows/?ordering=-coverage&page_size=100").json()["results"]
    coverages = [row["coverage"] for row in rows]
    assert coverages == sorted(coverages, reverse=True)
    rows = api.get(f"/api/rankings/{ranked.pk}/rows/?ordering=symbol&page_size=100").json()["results"]
    assert [row["symbol"] for row in rows] == sorted(row["symbol"] for row in rows)


@pytest.mark.parametrize("query", ["ordering=villainy", "stage_aml=phase9", "role=villain", "compartment=moon"])
def test_bad_row_parameters_are_a_400_naming_them(api, ranked, query):
    response = api.get(f"/api/rankings/{ranked.pk}/rows/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in error_fields(response)


def test_rows_filter_by_eligibility(api, ranked, second_run):
    from targets.models import Target
    from targets.ranking.profiles import current_profile
    from targets.ranking.runs import ranking_run_create

    Target.objects.filter(symbol__in=["BCL2", "MCL1", "JAK2"]).update(is_membrane_or_secreted=False)  # intracellular
    gated = ranking_run_create(profile=current_profile("antibody-first"), triggered_by="test", samples=0)
    excluded = api.get(f"/api/rankings/{gated.pk}/rows/?eligible=false&page_size=100").json()["results"]
    assert excluded, "the antibody-only gate excludes some targets"
    assert {row["symbol"] for row in excluded} >= {"BCL2", "MCL1", "JAK2"}
    assert all(row["rank"] is None and row["excluded_reason"] for row in excluded)


def test_rows_of_an_unknown_run_are_a_404(api, ranked):
    assert api.get("/api/rankings/999999/rows/").status_code == 404
    assert api.get("/api/rankings/999999/").status_code == 404


def test_a_page_past_the_end_is_a_404(api, ranked):
    assert api.get(f"/api/rankings/{ranked.pk}/rows/?page=99").status_code == 404


def test_diff_says_what_moved_and_why(api, ranked, second_run):
    response = api.get(f"/api/rankings/{second_run.pk}/diff/?against={ranked.pk}&page_size=100")
    assert response.status_code == 200
    body = response.json()
    assert body["run_a"]["id"] == ranked.pk
    assert body["run_b"]["id"] == second_run.pk
    assert body["profile_changed"] is True
    assert body["count"] == 38
    moved = [row for row in body["results"] if row["moved"]]
    assert moved, "a different profile moves some targets"
    for row in moved:
        assert row["rank_a"] - row["rank_b"] == row["moved"]
        assert row["by_data"] + row["by_weights"] == row["moved"]
        assert row["cause"] in {"weights", "data and weights", "data"}


def test_diff_can_leave_out_unchanged_targets(api, ranked, second_run):
    url = f"/api/rankings/{second_run.pk}/diff/?against={ranked.pk}&changed_only=true&page_size=100"
    assert all(row["cause"] != "unchanged" for row in api.get(url).json()["results"])


def test_diff_of_a_run_against_itself_moves_nothing(api, ranked):
    body = api.get(f"/api/rankings/{ranked.pk}/diff/?against={ranked.pk}&page_size=100").json()
    assert {row["cause"] for row in body["results"]} == {"unchanged"}
    assert body["profile_changed"] is False


@pytest.mark.parametrize(("query", "status"), [("", 400), ("?against=abc", 400), ("?against=0", 400)])
def test_diff_needs_a_valid_against(api, ranked, query, status):
    response = api.get(f"/api/rankings/{ranked.pk}/diff/{query}")
    assert response.status_code == status
    assert "against" in error_fields(response)


def test_diff_against_an_unknown_run_is_a_404_naming_it(api, ranked):
    response = api.get(f"/api/rankings/{ranked.pk}/diff/?against=999999")
    assert response.status_code == 404
    assert "against" in response.json()["error"]["message"]


def test_pages_follow_rank_then_unranked_rows_alphabetically(api, ranked):
    from targets.models import Target
    from targets.ranking.profiles import current_profile
    from targets.ranking.runs import ranking_run_create
    from targets.selectors import ranking_rows

    Target.objects.filter(symbol__in=["MCL1", "BCL2", "JAK2"]).update(is_membrane_or_secreted=False)
    gated = ranking_run_create(profile=current_profile("antibody-first"), triggered_by="test", samples=0)
    symbols = []
    for page in range(1, 9):  # pages of 5 rows, the last ones straddling ranked and unranked rows
        symbols += [
            row["symbol"]
            for row in api.get(f"/api/rankings/{gated.pk}/rows/?page={page}&page_size=5").json()["results"]
        ]
    assert symbols == [row.target.symbol for row in ranking_rows(gated)]
    unranked = symbols[-4:]  # intracellular, and TNFSF10 (anti-leukemic: ranked for enhancement, not inhibition)
    assert unranked == sorted(unranked) == ["BCL2", "JAK2", "MCL1", "TNFSF10"]
