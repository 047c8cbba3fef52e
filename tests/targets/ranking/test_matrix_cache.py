"""The what-if's cached facts and matrix: same answers as building them afresh, never stale after a write."""

from __future__ import annotations

import pytest

from scoring.engine import rank_targets
from targets.models import Evidence, Target
from targets.ranking import matrix_cache
from targets.ranking.facts import build_facts
from targets.ranking.whatif import what_if

pytestmark = pytest.mark.django_db
WEIGHTS = {"weights": {"niche_biology": 3, "novelty": 1, "hsc_safety": 2}}


def _rows(ranking) -> list[tuple]:
    return [(r.symbol, r.rank, r.score, r.coverage, tuple(r.values.items())) for r in ranking.rows]


@pytest.fixture(autouse=True)
def _empty_cache():
    matrix_cache.clear()
    yield
    matrix_cache.clear()


PROFILES = [
    WEIGHTS,
    {**WEIGHTS, "dual_policy": "penalise"},
    {**WEIGHTS, "gates": {"antibody_only": True, "min_coverage": 0.5}},
    {**WEIGHTS, "method": "pareto", "dual_policy": "exclude"},
]


def test_cached_what_ifs_equal_ranking_the_facts_built_afresh_under_any_profile(catalogue):
    for data in PROFILES + PROFILES:  # the second round reuses every kept piece
        cached = what_if(data=data).ranking
        fresh = rank_targets(build_facts(), cached.profile, stability_samples=0)
        assert _rows(cached) == _rows(fresh)
        assert [r.flags for r in cached.rows] == [r.flags for r in fresh.rows]
        assert [r.excluded_reason for r in cached.rows] == [r.excluded_reason for r in fresh.rows]
        assert cached.input_hash == fresh.input_hash


def test_the_second_what_if_reuses_the_matrix(catalogue, monkeypatch):
    calls = []
    build = matrix_cache.build_inputs
    monkeypatch.setattr(matrix_cache, "build_inputs", lambda: calls.append(1) or build())
    first = what_if(data=WEIGHTS).ranking
    second = what_if(data={**WEIGHTS, "weights": {"novelty": 5}}).ranking
    assert len(calls) == 1
    assert _rows(first) != _rows(second)  # new weights still re-rank


def test_a_write_between_two_what_ifs_changes_the_answer(catalogue):
    before = {r.symbol: r for r in what_if(data=WEIGHTS).ranking.rows}
    target = Target.objects.get(symbol="CXCR4")
    Evidence.objects.filter(target=target).delete()
    after = {r.symbol: r for r in what_if(data=WEIGHTS).ranking.rows}
    assert after["CXCR4"].values != before["CXCR4"].values
    fresh = rank_targets(build_facts(), what_if(data=WEIGHTS).ranking.profile, stability_samples=0)
    assert {r.symbol: r.values for r in fresh.rows}["CXCR4"] == after["CXCR4"].values


def test_a_new_target_appears_in_the_next_what_if(catalogue):
    what_if(data=WEIGHTS)
    model = Target.objects.get(symbol="CXCR4")
    Target.objects.create(
        symbol="ZZZ1",
        ensembl_id="ENSG00000999999",
        uniprot="Q9ZZZ1",
        name="added",
        axis=model.axis,
        compartment=model.compartment,
        role=model.role,
    )
    assert "ZZZ1" in {r.symbol for r in what_if(data=WEIGHTS).ranking.rows}


def test_symbols_rank_only_those_targets_from_the_cache(catalogue):
    result = what_if(data=WEIGHTS, symbols=["cxcr4", "VCAM1", "NOPE"])
    assert {r.symbol for r in result.ranking.rows} == {"CXCR4", "VCAM1"}
    assert result.unknown == ["NOPE"]


def test_the_cached_matrix_is_read_only(catalogue):
    inputs = matrix_cache.scoring_inputs()
    with pytest.raises(ValueError):
        inputs.matrix[0, 0] = 0.5
