"""Invariances of the ranking, checked on generated inputs."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring import CRITERION_KEYS, DEFAULT_PROFILES, Profile, build_matrix, limits, rank_matrix, rank_targets
from scoring.facts import STAGE_QUALIFIERS, SafetyFact
from tests.scoring.strategies import (
    agent_facts,
    evidence_facts,
    facts_lists,
    matrices,
    safety_facts,
    target_facts,
    weights_for,
)

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

METHODS = ("weighted_sum", "geometric", "topsis", "pareto")
POLICIES = ("renormalise", "neutral", "zero")


def _keys(n):
    return np.array([f"k{i:03d}" for i in range(n)])


@st.composite
def problems(draw, **kwargs):
    matrix = draw(matrices(**kwargs))
    return matrix, draw(weights_for(matrix.shape[1]))


@pytest.mark.parametrize("method", ["weighted_sum", "geometric", "pareto"])
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=40, deadline=None)
@given(problem=problems(min_rows=2), data=st.data())
def test_raising_one_value_never_lowers_that_targets_rank(method, missing, problem, data):
    matrix, weights = problem
    n, m = matrix.shape
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, m - 1))
    if np.isnan(matrix[i, j]):
        matrix[i, j] = data.draw(st.integers(0, 64)) / 64
    raised = matrix.copy()
    raised[i, j] = data.draw(st.integers(int(matrix[i, j] * 64), 64)) / 64
    before = rank_matrix(matrix, weights, method=method, missing=missing, tie_keys=_keys(n))
    after = rank_matrix(raised, weights, method=method, missing=missing, tie_keys=_keys(n))
    assert after.ranks[i] <= before.ranks[i]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=15, deadline=None)
@given(problem=problems(), factor=st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(method, missing, problem, factor):
    matrix, weights = problem
    keys = _keys(len(matrix))
    base = rank_matrix(matrix, weights, method=method, missing=missing, tie_keys=keys)
    scaled = rank_matrix(matrix, weights * factor, method=method, missing=missing, tie_keys=keys)
    np.testing.assert_array_equal(scaled.ranks, base.ranks)
    np.testing.assert_allclose(scaled.scores, base.scores, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=15, deadline=None)
@given(problem=problems(), data=st.data())
def test_shuffling_rows_changes_nothing(method, missing, problem, data):
    matrix, weights = problem
    keys = _keys(len(matrix))
    permutation = np.array(data.draw(st.permutations(range(len(matrix)))))
    base = rank_matrix(matrix, weights, method=method, missing=missing, tie_keys=keys)
    shuffled = rank_matrix(matrix[permutation], weights, method=method, missing=missing, tie_keys=keys[permutation])
    np.testing.assert_array_equal(shuffled.ranks, base.ranks[permutation])
    np.testing.assert_allclose(shuffled.scores, base.scores[permutation], rtol=0, atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=15, deadline=None)
@given(problem=problems())
def test_contributions_sum_to_the_score_and_scores_are_finite(method, missing, problem):
    matrix, weights = problem
    result = rank_matrix(matrix, weights, method=method, missing=missing)
    assert np.all(np.isfinite(result.scores))
    assert np.all((result.scores >= 0) & (result.scores <= 1 + 1e-12))
    np.testing.assert_allclose(result.contributions.sum(axis=1), result.scores, atol=1e-12)
    np.testing.assert_allclose(result.coverage, (~np.isnan(matrix)) @ (weights / weights.sum()))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=15, deadline=None)
@given(problem=problems())
def test_an_all_missing_row_is_scored_and_ranked(method, missing, problem):
    matrix, weights = problem
    matrix = np.vstack([matrix, np.full(matrix.shape[1], np.nan)])
    result = rank_matrix(matrix, weights, method=method, missing=missing)
    assert np.isfinite(result.scores[-1])
    assert result.coverage[-1] == 0.0
    assert result.ranks[-1] >= 1


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
@settings(max_examples=10, deadline=None)
@given(facts=facts_lists(), seed=st.integers(limits.SEED.low, limits.SEED.high), data=st.data())
def test_full_ranking_ignores_input_order_and_is_deterministic_under_a_seed(method, missing, facts, seed, data):
    profile = Profile(name="p", weights=DEFAULT_PROFILES["balanced"].weights, method=method, missing=missing)
    base = rank_targets(facts, profile, stability_samples=40, seed=seed)
    assert rank_targets(facts, profile, stability_samples=40, seed=seed) == base
    shuffled = data.draw(st.permutations(facts))
    assert rank_targets(shuffled, profile, stability_samples=40, seed=seed) == base


@settings(max_examples=20, deadline=None)
@given(facts=facts_lists(), exponent=st.integers(-4, 4))
def test_full_ranking_with_power_of_two_scaled_weights_is_identical(facts, exponent):
    profile = DEFAULT_PROFILES["balanced"]
    scaled = replace(profile, name="scaled", weights={k: v * 2.0**exponent for k, v in profile.weights.items()})
    base = rank_targets(facts, profile, stability_samples=40)
    other = rank_targets(facts, scaled, stability_samples=40)
    assert [(r.symbol, r.rank, r.median_rank, r.rank_p05, r.rank_p95, r.p_top_k) for r in other.rows] == [
        (r.symbol, r.rank, r.median_rank, r.rank_p05, r.rank_p95, r.p_top_k) for r in base.rows
    ]
    assert other.input_hash == base.input_hash


@pytest.mark.parametrize("missing", ["neutral", "zero"])
@settings(max_examples=40, deadline=None)
@given(problem=problems(min_rows=2))
def test_under_pareto_a_dominated_target_never_ranks_above_its_dominator(missing, problem):
    matrix, weights = problem
    result = rank_matrix(matrix, weights, method="pareto", missing=missing, tie_keys=_keys(len(matrix)))
    filled = np.where(np.isnan(matrix), 0.5 if missing == "neutral" else 0.0, matrix)[:, weights > 0]
    for a in range(len(filled)):
        for b in range(len(filled)):
            if np.all(filled[a] >= filled[b]) and np.any(filled[a] > filled[b]):
                assert result.ranks[a] < result.ranks[b]


@settings(max_examples=50, deadline=None)
@given(facts=facts_lists(max_size=6))
def test_every_criterion_value_is_within_0_1_or_missing(facts):
    matrix = build_matrix(facts)
    observed = matrix[~np.isnan(matrix)]
    assert np.all((observed >= 0) & (observed <= 1))
    for never_missing in ("niche_biology", "enhancement_biology", "niche_specificity"):
        assert not np.isnan(matrix[:, CRITERION_KEYS.index(never_missing)]).any()


def _value(key, facts):
    return build_matrix([facts])[0, CRITERION_KEYS.index(key)]


@settings(max_examples=60, deadline=None)
@given(facts=target_facts("T"), item=evidence_facts)
def test_contrary_evidence_never_raises_niche_biology(facts, item):
    contrary = {"pro_leukemic": "anti_leukemic", "anti_leukemic": "pro_leukemic", "dual": "no_effect"}[facts.role]
    for direction in (contrary, "no_effect"):
        added = replace(facts, evidence=(*facts.evidence, replace(item, direction=direction)))
        assert _value("niche_biology", added) <= _value("niche_biology", facts)


@settings(max_examples=60, deadline=None)
@given(facts=target_facts("T"), data=st.data())
def test_a_qualifier_never_raises_clinical_precedent(facts, data):
    assume(facts.agents)
    i = data.draw(st.integers(0, len(facts.agents) - 1))
    qualifier = data.draw(st.sampled_from(STAGE_QUALIFIERS))
    side = data.draw(st.sampled_from(["stage_aml_qualifiers", "stage_any_qualifiers"]))
    agent = facts.agents[i]
    qualified = replace(agent, **{side: getattr(agent, side) | {qualifier}})
    after = replace(facts, agents=(*facts.agents[:i], qualified, *facts.agents[i + 1 :]))
    before_value, after_value = _value("clinical_precedent", facts), _value("clinical_precedent", after)
    assert np.isnan(before_value) == np.isnan(after_value)
    assert np.isnan(before_value) or after_value <= before_value


@settings(max_examples=60, deadline=None)
@given(facts=target_facts("T"), data=st.data())
def test_via_partner_never_exceeds_direct(facts, data):
    assume(facts.agents)
    i = data.draw(st.integers(0, len(facts.agents) - 1))
    agents = list(facts.agents)
    direct = replace(
        facts, agents=tuple(replace(a, attribution="direct") if j == i else a for j, a in enumerate(agents))
    )
    partner = replace(
        facts,
        agents=tuple(replace(a, attribution="via_partner", acts_on="R") if j == i else a for j, a in enumerate(agents)),
    )
    by_partner, by_direct = _value("clinical_precedent", partner), _value("clinical_precedent", direct)
    assert np.isnan(by_partner) == np.isnan(by_direct)
    assert np.isnan(by_direct) or by_partner <= by_direct


@settings(max_examples=60, deadline=None)
@given(facts=target_facts("T"), extra=st.lists(agent_facts, min_size=1, max_size=3))
def test_tractability_is_not_additive_across_modalities(facts, extra):
    """Adding agents can only lift tractability to the best single agent's (or label's) value, never beyond it."""
    names = {a.name for a in facts.agents}
    extra = [replace(a, name=f"x{k}") for k, a in enumerate(extra) if f"x{k}" not in names]
    combined = replace(facts, agents=(*facts.agents, *extra))
    singles = [_value("tractability", replace(facts, agents=(a,))) for a in combined.agents]
    singles.append(_value("tractability", replace(facts, agents=())) if not facts.modalities else np.nan)
    best = max((v for v in singles if not np.isnan(v)), default=np.nan)
    value = _value("tractability", combined)
    assert np.isnan(best) or value <= best + 1e-12


@settings(max_examples=60, deadline=None)
@given(facts=target_facts("T"), item=safety_facts, copies=st.integers(2, 6))
def test_a_repeated_safety_signal_counts_once(facts, item, copies):
    once = replace(facts, safety=(*facts.safety, item))
    many = replace(facts, safety=(*facts.safety, *[item] * copies))
    assert _value("hsc_safety", many) == _value("hsc_safety", once)


@settings(max_examples=80, deadline=None)
@given(facts=target_facts("T"), stage=st.one_of(st.none(), st.sampled_from(["phase1", "phase3", "approved"])))
def test_tractability_never_reads_an_agents_stage(facts, stage):
    """One fact, one criterion: the stage of an agent feeds clinical precedent only, so moving every agent to any
    stage (and dropping its outcome qualifiers) leaves tractability as it was."""
    restaged = replace(
        facts,
        agents=tuple(
            replace(
                a, stage_aml=stage, stage_any=stage, stage_aml_qualifiers=frozenset(), stage_any_qualifiers=frozenset()
            )
            for a in facts.agents
        ),
    )
    before, after = _value("tractability", facts), _value("tractability", restaged)
    assert (np.isnan(before) and np.isnan(after)) or before == after


@settings(max_examples=80, deadline=None)
@given(facts=target_facts("T"))
def test_a_dual_role_target_scores_niche_biology_as_a_target_to_inhibit(facts):
    """Dual-role targets are ranked for inhibition: their niche biology is that of a pro-leukemic target (no
    credit for anti-leukemic findings); the dual-role penalty is applied on top, visibly, by the profile."""
    dual, pro = replace(facts, role="dual"), replace(facts, role="pro_leukemic")
    assert _value("niche_biology", dual) == _value("niche_biology", pro)


@settings(max_examples=80, deadline=None)
@given(facts=target_facts("T"), extra=st.lists(evidence_facts, min_size=1, max_size=3))
def test_normal_hsc_findings_never_move_niche_biology(facts, extra):
    """A finding with no leukaemia read-out (normal HSC only) is a safety fact: adding it changes nothing."""
    hsc = tuple(replace(e, context="normal_hsc") for e in extra)
    assert _value("niche_biology", replace(facts, evidence=(*facts.evidence, *hsc))) == _value("niche_biology", facts)


@settings(max_examples=80, deadline=None)
@given(facts=target_facts("T"), severity=st.sampled_from(["high", "moderate", "low"]), verified=st.booleans())
def test_a_class_toxicity_no_worse_than_a_stop_for_harm_adds_nothing(facts, severity, verified):
    """A programme stopped for harm and the class toxicity of the same programme count once: the worse of them."""
    stop = SafetyFact("stopped_for_harm", "high", True)
    with_stop = replace(facts, safety=(*facts.safety, stop))
    both = replace(facts, safety=(*facts.safety, stop, SafetyFact("class_toxicity", severity, verified)))
    assert _value("hsc_safety", both) == _value("hsc_safety", with_stop)


@settings(max_examples=80, deadline=None)
@given(facts=target_facts("T"), extra=st.lists(evidence_facts, min_size=1, max_size=4))
def test_findings_not_niche_mediated_never_lift_niche_biology_without_niche_mediated_support(facts, extra):
    """Supporting findings not shown to be niche-mediated only corroborate: on a target whose other findings are
    all not niche-mediated (or none), adding more of them leaves niche biology at 0."""
    plain = tuple(replace(e, niche_mediated=False) for e in (*facts.evidence, *extra))
    assert _value("niche_biology", replace(facts, role="pro_leukemic", evidence=plain)) == 0.0
