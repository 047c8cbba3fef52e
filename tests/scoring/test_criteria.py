"""Criterion transforms: stage qualifiers, tractability buckets and fallbacks, evidence, trials, safety, novelty."""

import json

import numpy as np
import pytest

from scoring import transforms as t
from scoring.criteria import CRITERIA, CRITERION_KEYS, build_matrix, criteria_definitions
from scoring.facts import EvidenceFact, TargetFacts
from tests.scoring.helpers import evidence, target


def _value(key: str, facts: TargetFacts):
    return build_matrix([facts])[0, CRITERION_KEYS.index(key)]


@pytest.mark.parametrize("qualifier", ["negative", "failed"])
def test_negative_or_failed_phase3_scores_well_below_a_positive_phase3(qualifier):
    positive = _value("clinical_aml", target(stage_aml="phase3"))
    negative = _value("clinical_aml", target(stage_aml="phase3", stage_aml_qualifiers=frozenset({qualifier})))
    assert positive == pytest.approx(0.75)
    assert negative < _value("clinical_aml", target(stage_aml="phase2"))


def test_qualifier_discounts_are_ordered_unverified_light_indirect_heavier():
    def clinical(*qualifiers):
        return _value("clinical_aml", target(stage_aml="phase2", stage_aml_qualifiers=frozenset(qualifiers)))

    plain = clinical()
    assert clinical("negative") < clinical("indirect") < clinical("mds_only") < clinical("unverified") < plain
    assert clinical("negative", "indirect") == pytest.approx(plain * 0.5 * 0.6)


def test_mds_only_discounts_aml_stage_but_not_any_indication_stage():
    facts = target(stage_aml="phase2", stage_aml_qualifiers=frozenset({"mds_only"}), stage_any="phase2",
                   stage_any_qualifiers=frozenset({"mds_only"}))
    assert _value("clinical_aml", facts) == pytest.approx(0.5 * 0.8)
    assert _value("clinical_any", facts) == pytest.approx(0.5)


@pytest.mark.parametrize(("stage", "expected"), [("preclinical", 0.0), ("phase1", 0.25), ("phase1/2", 0.375),
                                                  ("phase2", 0.5), ("phase2/3", 0.625), ("approved", 1.0)])
def test_stage_scale(stage, expected):
    assert _value("clinical_any", target(stage_any=stage)) == pytest.approx(expected)


def test_unknown_stage_is_missing_not_zero():
    assert np.isnan(_value("clinical_aml", target()))
    assert np.isnan(_value("novelty", target()))


def test_antibody_tractability_is_zero_for_a_protein_known_to_be_intracellular():
    buckets = {"AB": frozenset({"Approved Drug"})}
    assert _value("tractability_ab", target(is_membrane_or_secreted=False, tractability=buckets)) == 0.0
    assert _value("tractability_ab", target(is_membrane_or_secreted=True, tractability=buckets)) == 1.0
    assert _value("tractability_ab", target(tractability=buckets)) == 1.0


def test_open_targets_buckets_take_precedence_over_catalogue_precedent():
    buckets = {"SM": frozenset({"Med-Quality Pocket", "Druggable Family"})}
    facts = target(tractability=buckets, modalities=frozenset({"antibody", "other"}))
    assert _value("tractability_sm", facts) == pytest.approx(0.3)
    assert _value("tractability_ab", facts) == 0.0  # buckets present, no AB label true
    assert _value("tractability_other", target(tractability={"OC": frozenset({"Advanced Clinical"})})) == 0.9


def test_tractability_falls_back_to_modality_precedent():
    facts = target(modalities=frozenset({"small_molecule"}))
    assert _value("tractability_sm", facts) == t.PRECEDENT_PRESENT_SCORE
    assert _value("tractability_ab", facts) == t.PRECEDENT_ABSENT_SCORE
    assert np.isnan(_value("tractability_sm", target()))


def test_unknown_open_targets_label_earns_nothing():
    assert _value("tractability_sm", target(tractability={"SM": frozenset({"Brand New Label"})})) == 0.0


def test_association_saturates_at_full_marks():
    assert _value("aml_association", target(aml_association=0.1)) == pytest.approx(0.2)
    assert _value("aml_association", target(aml_association=0.9)) == 1.0


def test_no_curated_evidence_is_an_observed_zero():
    assert _value("niche_evidence", target(evidence=())) == 0.0


def test_evidence_counts_level_direction_and_verification():
    def score(*items, role="pro_leukemic"):
        return _value("niche_evidence", target(role=role, evidence=items))

    assert score(evidence("in_vivo")) > score(evidence("in_vitro"))
    assert score(evidence("in_vivo")) > score(evidence("in_vivo", verified=False))
    assert score(evidence("in_vivo"), evidence("in_vivo", direction="anti_leukemic")) < score(evidence("in_vivo"))
    assert score(evidence("in_vitro", direction="anti_leukemic")) == 0.0  # floored, never negative
    assert score(evidence("in_vitro", direction="anti_leukemic"), role="anti_leukemic") > 0
    assert score(evidence("in_vitro", direction="anti_leukemic"), role="dual") > 0
    assert score(*[evidence("clinical")] * 5) == 1.0


def test_trial_activity_rewards_active_and_recent_trials():
    none_known = target()
    assert np.isnan(_value("trial_activity", none_known))
    assert _value("trial_activity", target(aml_trials_total=0)) == 0.0
    assert np.isnan(_value("trial_activity", target(aml_trials_total=3)))  # trials exist, activity unknown
    old = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=0, latest_aml_trial_year=2012))
    recent = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=0, latest_aml_trial_year=2024))
    active = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=2, latest_aml_trial_year=2024))
    assert old == 0.0 < recent < active <= 1.0
    assert _value("trial_activity", target(active_aml_trials=5, latest_aml_trial_year=2026)) == 1.0


def test_safety_higher_is_safer():
    def safety(**facts):
        return _value("safety", target(**facts))

    assert np.isnan(safety())
    assert safety(hsc_niche_essential=True) == 0.0
    assert safety(hsc_niche_essential=False) == 1.0
    assert safety(safety_event_count=0) > safety(safety_event_count=5) == pytest.approx(0.5)
    assert safety(loeuf=0.2) == 0.0 and safety(loeuf=1.5) == 1.0
    mixed = safety(safety_event_count=0, hsc_niche_essential=True, loeuf=1.0)
    assert mixed == pytest.approx((0.4 * 1 + 0.4 * 0 + 0.2 * 1) / 1.0)


def test_novelty_is_the_inverse_of_precedent_and_ignores_qualifiers():
    assert _value("novelty", target(stage_any="preclinical")) == 1.0
    assert _value("novelty", target(stage_any="approved")) == 0.0
    failed = target(stage_aml="phase3", stage_aml_qualifiers=frozenset({"failed"}), stage_any="phase1")
    assert _value("novelty", failed) == pytest.approx(0.25)


def test_matrix_shape_range_and_missing():
    facts = [target("A", stage_aml="phase1"), target("B", aml_association=0.2, loeuf=0.5)]
    matrix = build_matrix(facts)
    assert matrix.shape == (2, len(CRITERIA)) and matrix.dtype == np.float64
    observed = matrix[~np.isnan(matrix)]
    assert np.all((observed >= 0) & (observed <= 1))


def test_definitions_are_json_ready_versioned_and_carry_every_threshold():
    definitions = criteria_definitions()
    assert [d["key"] for d in definitions] == list(CRITERION_KEYS)
    json.dumps(definitions)
    assert all(d["version"] and d["transform"] and d["description"] for d in definitions)
    by_key = {d["key"]: d["thresholds"] for d in definitions}
    assert by_key["clinical_aml"]["qualifier_factors"] == t.STAGE_QUALIFIER_FACTORS
    assert "mds_only" not in by_key["clinical_any"]["qualifier_factors"]
    assert by_key["niche_evidence"]["full_marks_points"] == t.EVIDENCE_FULL_MARKS
    assert by_key["trial_activity"]["recency_reference_year"] == t.RECENCY_REFERENCE_YEAR
    assert by_key["safety"]["loeuf_constrained"] == t.LOEUF_CONSTRAINED
    assert by_key["aml_association"]["full_marks"] == t.ASSOCIATION_FULL_MARKS


@pytest.mark.parametrize(
    ("field", "value"),
    [("role", "helper"), ("compartment", "liver"), ("modalities", frozenset({"vaccine"})),
     ("stage_aml", "phase5"), ("stage_any_qualifiers", frozenset({"maybe"})), ("aml_association", 1.5),
     ("active_aml_trials", -1), ("tractability", {"XX": frozenset()})],
)
def test_invalid_facts_name_the_field(field, value):
    with pytest.raises(ValueError, match=f"^{field}"):
        target(**{field: value})


def test_invalid_evidence_names_the_field():
    with pytest.raises(ValueError, match="^level"):
        EvidenceFact(level="anecdote", direction="pro_leukemic", verified=True)
