"""Ranking from facts: order, ties, gates, dual-role policy, missing data, explanations, reproducibility."""

import json
import math

import numpy as np
import pytest

from scoring import (
    DEFAULT_PROFILES,
    Gates,
    Profile,
    __version__,
    engine_definitions,
    explain_pair,
    rank_matrix,
    rank_targets,
)
from scoring.aggregation import COVERAGE_PENALTY
from scoring.criteria import CRITERION_KEYS
from tests.scoring.helpers import agent, evidence, signal, target

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

BALANCED = DEFAULT_PROFILES["balanced"]
NEVER_MISSING = ("niche_biology", "enhancement_biology", "niche_specificity")
METHODS = ("weighted_sum", "geometric", "topsis", "pareto")
POLICIES = ("renormalise", "neutral", "zero")


def _profile(**overrides) -> Profile:
    fields = {"name": "test", "weights": dict(BALANCED.weights)}
    fields.update(overrides)
    return Profile(**fields)


def _assoc(score):
    """Open Targets AML datatypes with one counted datatype scoring ``score`` (full marks at 0.5)."""
    return None if score is None else {"animal_model": score}


def _symbols(ranking) -> list[str]:
    return [row.symbol for row in ranking.rows]


def test_approved_target_outranks_preclinical_one_with_otherwise_equal_facts():
    facts = [
        target("PRE", stage_aml="preclinical", stage_any="preclinical", modalities=frozenset({"small_molecule"})),
        target("APP", stage_aml="approved", stage_any="approved", modalities=frozenset({"small_molecule"})),
    ]
    ranking = rank_targets(facts, BALANCED, stability_samples=50)
    assert _symbols(ranking) == ["APP", "PRE"]
    assert [row.rank for row in ranking.rows] == [1, 2]


def test_exact_ties_are_broken_by_coverage_then_symbol():
    # Under neutral imputation a missing association counts 0.5, so all three score 0.5.
    facts = [
        target("ZED", stage_aml="phase2", aml_association_datatypes=_assoc(0.25)),
        target("ALPHA", stage_aml="phase2"),
        target("MID", stage_aml="phase2", aml_association_datatypes=_assoc(0.25)),
    ]
    profile = _profile(weights={"clinical_precedent": 1.0, "disease_association": 1.0}, missing="neutral")
    ranking = rank_targets(facts, profile, stability_samples=0)
    assert {row.score for row in ranking.rows} == {0.5}
    assert _symbols(ranking) == ["MID", "ZED", "ALPHA"]


def test_antibody_gate_excludes_intracellular_targets_and_flags_unknown_location():
    facts = [
        target("SURF", is_membrane_or_secreted=True, modalities=frozenset({"antibody"})),
        target("INTRA", is_membrane_or_secreted=False, modalities=frozenset({"small_molecule"})),
        target("UNK", modalities=frozenset({"antibody"})),
    ]
    ranking = rank_targets(facts, DEFAULT_PROFILES["antibody-first"], stability_samples=20)
    intra = ranking.get("INTRA")
    assert intra.rank is None and not intra.eligible
    assert "antibody" in intra.excluded_reason
    assert ranking.rows[-1].symbol == "INTRA"
    assert ranking.get("UNK").eligible and "location-unknown" in ranking.get("UNK").flags
    assert intra.median_rank is None and intra.p_top_k is None


@pytest.mark.parametrize(
    ("policy", "gates", "dual_rank", "expected_factor"),
    [
        ("flag", Gates(), 1, 1.0),
        ("exclude", Gates(), None, None),
        ("flag", Gates(exclude_dual=True), None, None),
        ("penalise", Gates(), 1, 0.8),
    ],
)
def test_dual_role_policy(policy, gates, dual_rank, expected_factor):
    facts = [
        target("DUAL", role="dual", stage_aml="phase3", stage_any="phase3"),
        target("PRO", stage_aml="phase1", stage_any="phase1"),
    ]
    flagged = rank_targets(facts, _profile(), stability_samples=0).get("DUAL")
    ranking = rank_targets(facts, _profile(dual_policy=policy, gates=gates), stability_samples=0)
    dual = ranking.get("DUAL")
    assert "dual-role" in dual.flags
    assert dual.direction == "context-dependent"
    assert dual.rank == dual_rank
    if expected_factor is not None:
        assert dual.score == pytest.approx(flagged.score * expected_factor)
        assert sum(dual.contributions.values()) == pytest.approx(dual.score)


def test_min_coverage_gate_names_the_coverage():
    facts = [
        target("FULL", stage_aml="phase1", stage_any="phase1", aml_association_datatypes=_assoc(0.2)),
        target("EMPTY"),
    ]
    profile = _profile(weights={"clinical_precedent": 1, "disease_association": 1}, gates=Gates(min_coverage=0.5))
    empty = rank_targets(facts, profile, stability_samples=0).get("EMPTY")
    assert empty.rank is None
    assert "coverage 0.00" in empty.excluded_reason


def test_direction_follows_role_without_a_direction_gate():
    facts = [target("P"), target("A", role="anti_leukemic"), target("D", role="dual")]
    ranking = rank_targets(facts, _profile(), stability_samples=0)
    assert {row.symbol: row.direction for row in ranking.rows} == {
        "P": "inhibit",
        "A": "enhance or deliver",
        "D": "context-dependent",
    }
    assert all(row.eligible for row in ranking.rows)


def test_inhibition_profiles_leave_anti_leukemic_targets_to_the_enhancement_profile():
    facts = [target("P"), target("A", role="anti_leukemic", compartment="msc"), target("D", role="dual")]
    balanced = rank_targets(facts, BALANCED, stability_samples=0)
    assert balanced.get("A").rank is None and "enhance-anti-leukemic" in balanced.get("A").excluded_reason
    assert balanced.get("D").direction == "inhibit (dual role)"
    assert "dual-role-penalty-x0.8" in balanced.get("D").flags
    enhance = rank_targets(facts, DEFAULT_PROFILES["enhance-anti-leukemic"], stability_samples=0)
    assert enhance.get("P").rank is None and "ranked for inhibition" in enhance.get("P").excluded_reason
    assert enhance.get("A").rank == 1 and enhance.get("A").direction == "enhance or deliver"
    assert enhance.get("D").direction == "enhance or deliver (dual role)"


def test_compartment_gate_admits_only_the_named_compartments():
    facts = [target("BLAST"), target("STROMA", compartment="msc")]
    ranking = rank_targets(facts, _profile(gates=Gates(compartments=("msc",))), stability_samples=0)
    assert ranking.get("STROMA").rank == 1
    assert ranking.get("BLAST").excluded_reason == "compartment AML blast not admitted by the profile (MSC)"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("missing", POLICIES)
def test_target_with_every_criterion_missing_gets_a_finite_score_under_every_method_and_policy(method, missing):
    # evidence criteria (no evidence = 0) and niche specificity (every target has a compartment) are never
    # missing, so weight only criteria that can be missing
    weights = {key: 1.0 for key in CRITERION_KEYS if key not in NEVER_MISSING}
    facts = [
        target("NONE"),
        target("SOME", stage_aml="phase2", stage_any="approved", aml_association_datatypes=_assoc(0.3)),
    ]
    ranking = rank_targets(facts, _profile(weights=weights, method=method, missing=missing), stability_samples=30)
    empty = ranking.get("NONE")
    assert empty.coverage == 0.0
    assert empty.rank is not None and math.isfinite(empty.score)
    assert all(value is None for key, value in empty.values.items() if key not in NEVER_MISSING)
    assert empty.median_rank is not None


def test_renormalise_penalty_formula():
    facts = [target("HALF", stage_aml="approved")]
    ranking = rank_targets(
        facts, _profile(weights={"clinical_precedent": 1, "disease_association": 1}), stability_samples=0
    )
    row = ranking.get("HALF")
    assert row.coverage == pytest.approx(0.5)
    assert row.score == pytest.approx(1.0 * (1 - COVERAGE_PENALTY * 0.5))


@pytest.mark.parametrize("method", METHODS)
def test_contributions_sum_to_score(method):
    facts = [
        target(
            "A",
            stage_aml="approved",
            stage_any="approved",
            aml_association_datatypes=_assoc(0.4),
            evidence=(evidence(),),
        ),
        target(
            "B",
            stage_aml="phase1",
            safety=(signal("open_targets_liability", "moderate"),),
            modalities=frozenset({"antibody"}),
            compartment="msc",
        ),
        target(
            "C",
            role="dual",
            agents=(agent(stage_any="phase2"),),
            core_essential=True,
            tractability={"SM": frozenset({"Druggable Family"})},
        ),
    ]
    for row in rank_targets(facts, _profile(method=method), stability_samples=0).rows:
        assert sum(row.contributions.values()) == pytest.approx(row.score, abs=1e-12)


def test_explain_pair_lists_criteria_by_contribution_difference():
    facts = [
        target("BCL2", stage_aml="approved", stage_any="approved", modalities=frozenset({"small_molecule"})),
        target(
            "VCAM1",
            stage_aml="preclinical",
            stage_any="preclinical",
            modalities=frozenset({"antibody"}),
            is_membrane_or_secreted=True,
            compartment="msc",
        ),
    ]
    ranking = rank_targets(facts, BALANCED, stability_samples=0)
    explanation = explain_pair(ranking, "BCL2", "VCAM1")
    differences = [item.difference for item in explanation.items]
    assert differences == sorted(differences, reverse=True)
    assert explanation.items[0].criterion == "clinical_precedent"
    assert sum(differences) == pytest.approx(explanation.score_difference)
    assert explanation.score_difference > 0
    assert {item.criterion for item in explanation.favouring_b} >= {"niche_specificity", "tractability"}
    assert "BCL2" in explanation.summary and "above" in explanation.summary
    with pytest.raises(KeyError):
        explain_pair(ranking, "BCL2", "NOPE")


def test_same_inputs_same_seed_give_identical_rankings_and_hash():
    facts = [
        target(f"T{i}", stage_aml=s, aml_association_datatypes=_assoc(a))
        for i, (s, a) in enumerate([("phase1", 0.1), ("phase2", 0.05), ("phase3", 0.3), ("approved", None)])
    ]
    first = rank_targets(facts, BALANCED, stability_samples=200, seed=7)
    second = rank_targets(facts, BALANCED, stability_samples=200, seed=7)
    assert first == second
    assert first.code_version == __version__
    other_seed = rank_targets(facts, BALANCED, stability_samples=200, seed=8)
    assert other_seed.input_hash != first.input_hash
    reversed_input = rank_targets(facts[::-1], BALANCED, stability_samples=200, seed=7)
    assert reversed_input.input_hash == first.input_hash
    reweighted = rank_targets(
        facts, _profile(weights={**BALANCED.weights, "hsc_safety": 3.0}), stability_samples=200, seed=7
    )
    assert reweighted.input_hash != first.input_hash


def test_duplicate_symbols_are_rejected():
    with pytest.raises(ValueError, match="duplicate symbols T1"):
        rank_targets([target("T1"), target("T1")], BALANCED)


def test_empty_input_gives_an_empty_ranking():
    ranking = rank_targets([], BALANCED)
    assert ranking.rows == ()


def test_rank_matrix_arrays():
    matrix = np.array([[0.2, np.nan], [0.9, 0.1], [0.5, 0.5]])
    result = rank_matrix(
        matrix,
        [1.0, 1.0],
        method="weighted_sum",
        missing="zero",
        eligible=[True, True, False],
        tie_keys=["a", "b", "c"],
    )
    assert result.order.tolist() == [1, 0]
    assert result.ranks.tolist() == [2, 1, 0]
    np.testing.assert_allclose(result.scores, [0.1, 0.5, 0.5])
    np.testing.assert_allclose(result.coverage, [0.5, 1.0, 1.0])


def test_rank_matrix_rejects_values_outside_unit_interval():
    with pytest.raises(ValueError, match="matrix"):
        rank_matrix(np.array([[1.5]]), [1.0])


def test_geometric_mean_does_not_let_strengths_rescue_a_red_flag():
    # RED is excellent on three criteria but 0 on the fourth; STEADY is good everywhere.
    matrix = np.array([[1.0, 1.0, 1.0, 0.0], [0.6, 0.6, 0.6, 0.6]])
    keys = ["RED", "STEADY"]
    assert rank_matrix(matrix, [1, 1, 1, 1], method="weighted_sum", tie_keys=keys).ranks.tolist() == [1, 2]
    geometric = rank_matrix(matrix, [1, 1, 1, 1], method="geometric", tie_keys=keys)
    assert geometric.ranks.tolist() == [2, 1]
    assert geometric.scores[0] == pytest.approx(0.01**0.25)


@pytest.mark.parametrize(("missing", "expected"), [("neutral", 0.75), ("zero", 0.5), ("renormalise", 0.75)])
def test_missing_value_policies(missing, expected):
    # one criterion observed at 1.0, the other missing, equal weights
    result = rank_matrix(np.array([[1.0, np.nan]]), [1, 1], missing=missing)
    assert result.scores[0] == pytest.approx(expected)
    assert result.coverage[0] == 0.5


def test_explain_pair_says_when_pareto_layers_decide():
    facts = [
        target("DOM", stage_aml="approved", aml_association_datatypes=_assoc(0.5), active_aml_trials=2),
        target("SUB", stage_aml="phase1", aml_association_datatypes=_assoc(0.1), active_aml_trials=1),
    ]
    profile = _profile(
        weights={"clinical_precedent": 1, "trial_activity": 1, "disease_association": 1}, method="pareto"
    )
    ranking = rank_targets(facts, profile, stability_samples=0)
    assert (ranking.get("DOM").pareto_layer, ranking.get("SUB").pareto_layer) == (0, 1)
    assert "Pareto layers differ (0 vs 1)" in explain_pair(ranking, "DOM", "SUB").summary


def test_higher_concentration_gives_narrower_rank_intervals():
    severities = ("high", "moderate", "low")
    facts = [
        target(f"T{i}", stage_aml=stage, aml_association_datatypes=_assoc(a), safety=(signal(severity=sev),))
        for i, (stage, a, sev) in enumerate(
            [
                ("phase1", 0.5, "high"),
                ("phase2", 0.3, "moderate"),
                ("phase3", 0.1, "low"),
                ("approved", 0.0, "moderate"),
                ("preclinical", 0.45, "low"),
                ("phase1/2", 0.2, severities[0]),
            ]
        )
    ]
    weights = {"clinical_precedent": 1, "disease_association": 1, "hsc_safety": 1}

    def total_width(concentration):
        ranking = rank_targets(facts, _profile(weights=weights, concentration=concentration), stability_samples=400)
        return sum(row.rank_p95 - row.rank_p05 for row in ranking.rows)

    assert total_width(1000.0) < total_width(5.0)


def test_engine_definitions_are_json_ready():
    definitions = engine_definitions()
    json.dumps(definitions)
    assert definitions["tie_rule"].startswith("higher score, then higher coverage")
    assert set(definitions["methods"]) == set(METHODS)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"stability_samples": -1}, "stability_samples"),
        ({"stability_samples": 1.5}, "stability_samples"),
        ({"seed": -3}, "seed"),
    ],
)
def test_bad_run_options_name_the_field(options, field):
    with pytest.raises(ValueError, match=f"^{field}: must be an integer"):
        rank_targets([target("T1")], BALANCED, **options)


@pytest.mark.parametrize("method", METHODS)
def test_every_target_gated_out_gives_an_unranked_list_not_an_error(method):
    facts = [target("A", is_membrane_or_secreted=False, stage_aml="phase1"), target("B", is_membrane_or_secreted=False)]
    profile = _profile(method=method, gates=Gates(antibody_only=True))
    ranking = rank_targets(facts, profile, stability_samples=50)
    assert [(row.symbol, row.rank, row.median_rank) for row in ranking.rows] == [("A", None, None), ("B", None, None)]
    assert ranking.top() == ()


def test_rows_built_on_the_fast_path_equal_and_behave_like_constructed_ones():
    import dataclasses

    from scoring.engine import _ranked_target
    from scoring.results import RankedTarget

    fields = {f.name: None for f in dataclasses.fields(RankedTarget)} | {"symbol": "CXCR4", "flags": ("dual-role",)}
    fast, built = _ranked_target(**fields), RankedTarget(**fields)
    assert fast == built and hash(fast) == hash(built) and repr(fast) == repr(built)
    assert dataclasses.asdict(fast) == dataclasses.asdict(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.rank = 3
