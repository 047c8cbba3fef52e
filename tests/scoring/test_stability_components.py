"""Rank stability over thresholds and uncertain data, not only weights (issue 10 point 3)."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.aggregation import prepare
from scoring.stability import rank_stability
from scoring.uncertainty import drop_uncertain, jitter_thresholds, numeric_thresholds, variant_matrices
from tests.scoring.helpers import evidence, target
from tests.scoring.strategies import matrices

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")
OPTIONS = {"samples": 400, "concentration": 50.0, "top_k": 2, "seed": 3}


def _prep(matrix):
    return prepare(np.asarray(matrix, dtype=float), method="weighted_sum", missing="renormalise")


def test_variants_widen_the_interval_of_a_target_whose_data_are_uncertain():
    base = np.array([[0.8, 0.8], [0.6, 0.6], [0.4, 0.4]])
    shaky = base.copy()
    shaky[0] = [0.3, 0.3]  # in half the variants, the leader's data fall below the others
    weights_only = rank_stability(_prep(base), [1.0, 1.0], **OPTIONS)
    both = rank_stability(
        _prep(base), [1.0, 1.0], variants=[_prep(base), _prep(shaky)], components=("weights", "data"), **OPTIONS
    )
    assert weights_only.rank_p95[0] == 1 and weights_only.components == ("weights",)
    assert both.rank_p05[0] == 1 and both.rank_p95[0] == 3
    assert both.p_top_k[0] == pytest.approx(0.5)
    assert both.components == ("weights", "data")


def test_variants_must_describe_the_same_rows():
    with pytest.raises(ValueError, match="variants"):
        rank_stability(_prep([[0.1], [0.2]]), [1.0], variants=[_prep([[0.1]])], **OPTIONS)


@settings(max_examples=40, deadline=None)
@given(matrices(min_rows=2, max_rows=10, min_cols=1, max_cols=4), st.integers(1, 5))
def test_zero_jitter_variants_give_exactly_the_weights_only_statistics(matrix, copies):
    weights = np.ones(matrix.shape[1])
    alone = rank_stability(_prep(matrix), weights, **OPTIONS)
    shared = rank_stability(_prep(matrix), weights, variants=[_prep(matrix)] * copies, **OPTIONS)
    for a, b in zip(dataclasses.astuple(alone)[:4], dataclasses.astuple(shared)[:4], strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(matrices(min_rows=2, max_rows=10, min_cols=1, max_cols=4, allow_missing=False), st.integers(1, 5))
def test_interval_contains_the_point_rank_under_zero_jitter(matrix, copies):
    from scoring.engine import rank_matrix

    weights = np.ones(matrix.shape[1])
    point = rank_matrix(matrix, weights).ranks
    result = rank_stability(_prep(matrix), weights, variants=[_prep(matrix)] * copies, tie_order=point, **OPTIONS)
    assert np.all(result.rank_p05 <= point) and np.all(point <= result.rank_p95)


class _Criterion:
    def __init__(self, key, thresholds):
        self.key, self.thresholds = key, thresholds


CRITERIA = [
    _Criterion("a", {"full_marks": 8.0, "levels": {"x": 1.0}, "strict": True, "labels": {"SM": {"p": 0.5}}}),
    _Criterion("b", {"window": 10, "recency_reference_year": 2026, "excluded": ["x"], "word": "high"}),
    _Criterion("c", {}),
]


def test_numbers_table_entries_and_inner_tables_are_jittered_within_the_spread_flags_years_words_are_not():
    assert numeric_thresholds(CRITERIA) == {
        "a": {"full_marks": 8.0, "levels.x": 1.0, "labels.SM": {"p": 0.5}},
        "b": {"window": 10},
    }
    rng = np.random.default_rng(0)
    draws = [jitter_thresholds(CRITERIA, rng, 0.25) for _ in range(200)]
    marks = np.array([d["a"]["full_marks"] for d in draws])
    assert marks.min() >= 6.0 and marks.max() <= 10.0 and marks.std() > 0.8


def test_only_uncertain_items_are_dropped_and_verified_ones_always_stay():
    facts = target(evidence=(evidence(verified=True), evidence(verified=False), evidence(verified=False)))
    kept = [drop_uncertain(facts, f"1:{variant}", 0.5).evidence for variant in range(400)]
    assert all(evidence(verified=True) in items for items in kept)
    unverified_kept = np.array([sum(not item.verified for item in items) for items in kept])
    assert unverified_kept.mean() == pytest.approx(1.0, abs=0.15)
    assert drop_uncertain(facts, "1:0", 0.0) is facts
    assert drop_uncertain(facts, "1:7", 0.5) == drop_uncertain(facts, "1:7", 0.5)  # a stream fixes the draw


def _count_build(facts, *, criteria, overrides):
    """A stand-in for build_matrix: column 0 counts evidence (/ 2), column 1 echoes b's window (/ 100)."""
    window = (overrides or {}).get("b", {}).get("window", 10.0)
    return np.array([[len(f.evidence) / 2, window / 100] for f in facts], dtype=float)


def test_variant_matrices_are_seeded_and_name_only_the_components_they_vary():
    facts = [target("T1", evidence=(evidence(verified=False),)), target("T2")]
    first, components = variant_matrices(facts, CRITERIA, _count_build, count=6, seed=4)
    again, _ = variant_matrices(facts, CRITERIA, _count_build, count=6, seed=4)
    assert components == ("thresholds", "data")
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert len({m[0, 1] for m in first}) == 6  # each variant draws its own thresholds
    still, none = variant_matrices(facts, CRITERIA, _count_build, count=3, spread=0.0, drop_probability=0.0)
    assert none == () and all(np.array_equal(m, _count_build(facts, criteria=CRITERIA, overrides=None)) for m in still)
    verified = [dataclasses.replace(f, evidence=()) for f in facts]
    assert variant_matrices(verified, CRITERIA, _count_build, count=2)[1] == ("thresholds",)


def test_fewer_variant_matrices_are_built_for_many_targets_but_never_fewer_than_four():
    from scoring.uncertainty import MIN_VARIANTS, VARIANTS, variant_count

    assert variant_count(38) == variant_count(5_000) == VARIANTS == 16
    assert variant_count(10_000) == 8 and variant_count(20_000) == MIN_VARIANTS == 4
    assert variant_count(10**7) == MIN_VARIANTS


def _facts(unverified: bool):
    from scoring.facts import AgentFact, EvidenceFact, TargetFacts

    return [
        TargetFacts(
            symbol=f"T{i}",
            role="pro_leukemic",
            compartment=("msc", "aml_blast", "both")[i % 3],
            evidence=tuple(EvidenceFact("in_vivo", "pro_leukemic", not (unverified and j == 0)) for j in range(i % 4)),
            agents=(AgentFact(f"d{i}", stage_aml="phase2", verified=True),) if i % 2 else (),
        )
        for i in range(10)
    ]


def test_a_ranking_says_which_sources_of_uncertainty_its_intervals_include():
    from scoring import DEFAULT_PROFILES, rank_targets

    balanced = DEFAULT_PROFILES["balanced"]
    assert rank_targets(_facts(True), balanced, stability_samples=100).stability_components == (
        "weights",
        "thresholds",
        "data",
    )
    assert rank_targets(_facts(False), balanced, stability_samples=100).stability_components == (
        "weights",
        "thresholds",
    )
    assert rank_targets(_facts(True), balanced, stability_samples=0).stability_components == ()
    pareto = dataclasses.replace(balanced, method="pareto")
    assert rank_targets(_facts(True), pareto, stability_samples=100).stability_components == ("weights",)


def test_with_no_jitter_and_nothing_dropped_the_intervals_are_the_weights_only_ones(monkeypatch):
    import scoring.uncertainty as uncertainty
    from scoring import DEFAULT_PROFILES, rank_targets

    balanced = DEFAULT_PROFILES["balanced"]
    facts = _facts(True)
    varied = rank_targets(facts, balanced, stability_samples=300)
    monkeypatch.setattr(uncertainty, "THRESHOLD_SPREAD", 0.0)
    monkeypatch.setattr(uncertainty, "DROP_PROBABILITY", 0.0)
    still = rank_targets(facts, balanced, stability_samples=300)
    assert still.stability_components == ("weights",)
    for row in still.rows:
        if row.rank is not None:
            assert row.rank_p05 <= row.rank <= row.rank_p95
    assert [r.rank_p95 - r.rank_p05 for r in varied.rows] != [r.rank_p95 - r.rank_p05 for r in still.rows]
