"""Criterion transforms: one fact feeds one criterion; qualifiers, direction, niche position, safety, overrides."""

import json

import numpy as np
import pytest

from scoring import transforms as t
from scoring.criteria import CRITERIA, CRITERIA_BY_KEY, CRITERION_KEYS, build_matrix, criteria_definitions
from scoring.facts import AgentFact, EvidenceFact, NichePair, SafetyFact
from tests.scoring.helpers import agent, evidence, signal, target


def _value(key: str, facts, overrides=None):
    return build_matrix([facts], overrides=overrides)[0, CRITERION_KEYS.index(key)]


def _clinical(**fields):
    return _value("clinical_precedent", target(agents=(agent(**fields),)))


# --- clinical precedent -----------------------------------------------------------------------------------
@pytest.mark.parametrize("qualifier", ["negative", "stopped_harm"])
def test_a_phase3_that_failed_scores_below_a_positive_phase2(qualifier):
    assert _clinical(stage_aml="phase3") == pytest.approx(0.75)
    assert _clinical(stage_aml="phase3", stage_aml_qualifiers={qualifier}) < _clinical(stage_aml="phase2")


def test_outcome_qualifiers_are_ordered_harm_worst_business_lightest():
    def clinical(*qualifiers):
        return _clinical(stage_aml="phase2", stage_aml_qualifiers=set(qualifiers))

    assert clinical("stopped_harm") < clinical("negative") < clinical("terminated") < clinical("stopped_business")
    assert clinical("stopped_business") < clinical()
    assert clinical("negative", "unverified") == pytest.approx(0.5 * 0.5 * 0.9)


def test_other_indications_are_partial_credit_inside_the_one_criterion():
    aml_only = _clinical(stage_aml="phase2")
    elsewhere = _clinical(stage_any="approved")
    assert elsewhere == pytest.approx(1.0 * t.OTHER_INDICATION_FACTOR)
    assert _clinical(stage_aml="phase2", stage_any="approved") == pytest.approx(max(aml_only, elsewhere))


def test_mds_only_discounts_the_aml_side_only():
    assert _clinical(stage_aml="phase2", stage_aml_qualifiers={"mds_only"}) == pytest.approx(0.5 * 0.8)
    assert _clinical(stage_any="phase2", stage_any_qualifiers={"mds_only"}) == pytest.approx(0.5 * 0.5)


def test_best_agent_counts_not_the_sum_of_agents():
    one = target(agents=(agent("a", stage_aml="phase2"),))
    three = target(agents=tuple(agent(f"a{i}", stage_aml="phase2") for i in range(3)))
    assert _value("clinical_precedent", one) == _value("clinical_precedent", three)


def test_via_partner_is_discounted_and_indirect_is_not_precedent():
    direct = _clinical(stage_aml="approved")
    partner = _clinical(stage_aml="approved", attribution="via_partner", acts_on="IL6R")
    assert partner == pytest.approx(direct * t.VIA_PARTNER_FACTOR)
    assert _clinical(stage_aml="approved", attribution="indirect", acts_on="PSMB5") == 0.0


def test_unverified_agent_is_discounted_once():
    assert _clinical(stage_aml="phase2", verified=False) == pytest.approx(0.5 * 0.9)
    assert _clinical(stage_aml="phase2", verified=False, stage_aml_qualifiers={"unverified"}) == pytest.approx(0.45)


def test_stage_known_only_from_the_catalogue_line_counts_when_no_agent_is_listed():
    assert _value("clinical_precedent", target(stage_aml="phase1")) == pytest.approx(0.25)
    assert np.isnan(_value("clinical_precedent", target()))
    assert _value("clinical_precedent", target(agents=(agent(stage_any="preclinical"),))) == 0.0


# --- niche biology -----------------------------------------------------------------------------------------
def test_no_curated_evidence_is_an_observed_zero():
    assert _value("niche_biology", target(evidence=())) == 0.0


def test_clinical_reports_never_count_as_niche_biology():
    assert _value("niche_biology", target(evidence=(evidence("clinical"),) * 4)) == 0.0


def test_evidence_counts_level_niche_mediation_and_verification():
    def score(*items, role="pro_leukemic"):
        return _value("niche_biology", target(role=role, evidence=items))

    assert score(evidence("patient_samples")) > score(evidence("in_vivo")) > score(evidence("in_vitro"))
    assert (
        score(evidence("in_vivo"))
        > score(evidence("in_vivo", niche_mediated=None))
        > score(evidence("in_vivo", niche_mediated=False))
    )
    assert score(evidence("in_vivo")) > score(evidence("in_vivo", verified=False))
    assert score(evidence("in_vivo")) == pytest.approx(2 / t.EVIDENCE_FULL_MARKS)


def test_contrary_and_null_findings_subtract():
    def score(*items, role="pro_leukemic"):
        return _value("niche_biology", target(role=role, evidence=items))

    supporting = evidence("in_vivo")
    assert score(supporting, evidence("in_vitro", "anti_leukemic")) < score(supporting)
    assert score(supporting, evidence("in_vitro", "no_effect")) < score(supporting)
    assert score(evidence("in_vitro", "anti_leukemic")) == 0.0  # floored, never negative
    assert score(evidence("in_vitro", "anti_leukemic"), role="anti_leukemic") > 0
    assert score(evidence("in_vivo", "mixed")) == pytest.approx(score(evidence("in_vivo")) * t.MIXED_EVIDENCE_FACTOR)


def test_a_dual_role_target_is_ranked_for_inhibition_so_anti_leukemic_findings_are_contrary():
    def score(*items):
        return _value("niche_biology", target(role="dual", evidence=items))

    assert score(evidence("in_vitro", "anti_leukemic")) == 0.0
    assert score(evidence("in_vivo"), evidence("in_vivo", "anti_leukemic")) == 0.0  # they cancel, not add up
    assert score(evidence("in_vivo")) == _value("niche_biology", target(evidence=(evidence("in_vivo"),)))


def test_findings_not_niche_mediated_corroborate_niche_evidence_but_never_replace_it():
    def score(*items):
        return _value("niche_biology", target(evidence=items))

    correlative = [evidence("patient_samples", niche_mediated=False)] * 3  # IDO1's kind of support
    assert score(*correlative) == 0.0
    mediated = evidence("in_vitro")  # 1 point
    assert score(mediated, *correlative) == pytest.approx(score(mediated) * (1 + t.CORROBORATION_CAP))
    assert score(mediated, evidence("in_vitro", niche_mediated=False)) == pytest.approx((1 + 0.25) / 4)
    assert score(*correlative, evidence("in_vivo", "anti_leukemic", niche_mediated=False)) == 0.0
    assert score(mediated, evidence("in_vivo", "anti_leukemic", niche_mediated=False)) < score(mediated)  # contrary


def test_findings_outside_aml_count_less_and_normal_hsc_findings_not_at_all():
    def score(context):
        item = EvidenceFact("in_vivo", "pro_leukemic", True, True, context=context)
        return _value("niche_biology", target(evidence=(item,)))

    assert score("aml") > score("other_leukaemia") > score("other") > score("normal_hsc") == 0.0
    assert score("other_leukaemia") == pytest.approx(score("aml") * t.CONTEXT_FACTORS["other_leukaemia"])
    hsc = EvidenceFact("in_vivo", "mixed", True, True, context="normal_hsc")
    derivation = t.derive_niche_biology(target(evidence=(hsc,)), CRITERIA_BY_KEY["niche_biology"].thresholds)
    assert not derivation.terms[0].counted and "safety" in derivation.terms[0].note


def test_enhancement_biology_counts_only_anti_leukemic_findings():
    facts = target(role="dual", evidence=(evidence("in_vivo", "pro_leukemic"), evidence("in_vitro", "anti_leukemic")))
    assert _value("enhancement_biology", facts) == 0.0  # pro-leukemic findings are contrary for enhancement
    assert _value("niche_biology", facts) > 0  # and anti-leukemic ones contrary for inhibition
    anti = target(role="anti_leukemic", evidence=(evidence("in_vivo", "anti_leukemic"),))
    assert _value("enhancement_biology", anti) == _value("niche_biology", anti) > 0


# --- niche specificity ---------------------------------------------------------------------------------------
def test_msc_side_factors_and_receptors_of_msc_ligands_beat_blast_intrinsic_dependencies():
    msc = target(compartment="msc")
    receptor = target(niche_pairs=(NichePair("CXCL12", "receptor", "msc", "aml_blast"),))
    intrinsic = target(compartment="aml_blast")
    vascular = target(niche_pairs=(NichePair("SELE", "receptor", "endothelium", "aml_blast"),))
    assert _value("niche_specificity", msc) == _value("niche_specificity", receptor) == 1.0
    assert _value("niche_specificity", intrinsic) < _value("niche_specificity", vascular) < 1.0


# --- trial activity ----------------------------------------------------------------------------------------------
def test_trial_activity_rewards_active_and_recent_trials_and_not_the_stage():
    assert np.isnan(_value("trial_activity", target()))
    assert _value("trial_activity", target(aml_trials_total=0)) == 0.0
    assert np.isnan(_value("trial_activity", target(aml_trials_total=3)))  # trials exist, activity unknown
    old = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=0, latest_aml_trial_year=2012))
    recent = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=0, latest_aml_trial_year=2024))
    active = _value("trial_activity", target(aml_trials_total=2, active_aml_trials=2, latest_aml_trial_year=2024))
    assert old == 0.0 < recent < active <= 1.0
    approved = target(agents=(agent(stage_aml="approved"),), aml_trials_total=0)
    assert _value("trial_activity", approved) == 0.0  # an approved drug is no running trial


# --- tractability --------------------------------------------------------------------------------------------------
def test_tractability_grades_what_exists_by_modality_and_never_the_stage():
    antibody = target(agents=(agent(modality="antibody", stage_any="preclinical"),))
    tool = target(agents=(agent(modality="small_molecule", stage_any="preclinical"),))
    assert _value("tractability", antibody) > _value("tractability", tool) > 0
    for stage in ("phase1", "phase3", "approved"):
        dosed = target(agents=(agent(modality="small_molecule", stage_any=stage, stage_aml=stage),))
        assert _value("tractability", dosed) == _value("tractability", tool)  # venetoclax's stage is precedent


def test_tractability_is_the_best_modality_never_the_sum():
    one = target(agents=(agent("ab", modality="antibody", stage_any="phase2"),))
    three = target(
        agents=(
            agent("ab", modality="antibody", stage_any="phase2"),
            agent("sm", modality="small_molecule", stage_any="preclinical"),
            agent("pep", modality="other", stage_any="preclinical"),
        )
    )
    assert _value("tractability", one) == _value("tractability", three)


def test_open_targets_labels_count_and_antibody_labels_need_a_surface_protein():
    buckets = {"AB": frozenset({"UniProt loc high conf"}), "SM": frozenset({"Druggable Family", "Approved Drug"})}
    assert _value("tractability", target(tractability=buckets)) == pytest.approx(0.6)
    assert _value("tractability", target(is_membrane_or_secreted=False, tractability=buckets)) == pytest.approx(0.3)
    clinical_only = target(tractability={"SM": frozenset({"Approved Drug"}), "OC": frozenset({"Advanced Clinical"})})
    assert np.isnan(_value("tractability", clinical_only))  # clinical buckets are stages: precedent reads them
    assert _value("tractability", target(tractability={"SM": frozenset({"Brand New Label"})})) == 0.0


def test_indirect_agents_give_no_tractability_and_nothing_known_is_missing():
    assert np.isnan(_value("tractability", target(agents=(agent(attribution="indirect", stage_any="approved"),))))
    assert _value("tractability", target(modalities=frozenset({"antibody"}))) == pytest.approx(0.6)


# --- disease association and novelty ------------------------------------------------------------------------------
def test_disease_association_leaves_out_known_drug_and_literature():
    facts = target(aml_association_datatypes={"known_drug": 0.9, "literature": 0.8, "animal_model": 0.1})
    assert _value("disease_association", facts) == pytest.approx(0.1 / t.ASSOCIATION_FULL_MARKS)
    assert _value("disease_association", target(aml_association_datatypes={"somatic_mutation": 0.9})) == 1.0
    assert np.isnan(_value("disease_association", target()))


def test_novelty_is_study_depth_from_pubmed_never_the_stage_or_the_evidence():
    def novelty(**facts):
        return _value("novelty", target(**facts))

    assert novelty(publications=0) == 1.0
    assert novelty(publications=10) > novelty(publications=100) > novelty(publications=500) > 0
    assert novelty(publications=t.PUBLICATIONS_FULL_MARKS) == novelty(publications=5000) == 0.0
    with_clinic = novelty(publications=100, agents=(agent(stage_aml="approved"),), evidence=(evidence(),) * 3)
    assert with_clinic == novelty(publications=100)
    assert np.isnan(novelty(agents=(agent(stage_aml="approved"),), aml_association_datatypes={"literature": 0.1}))


# --- HSC-niche safety -----------------------------------------------------------------------------------------------
def test_no_safety_signal_is_missing_not_safe():
    assert np.isnan(_value("hsc_safety", target()))
    assert _value("hsc_safety", target(safety=(SafetyFact("no_signal_found"),))) == 1.0


def test_safety_by_kind_and_severity_never_by_list_length():
    def safety(*signals, **facts):
        return _value("hsc_safety", target(safety=signals, **facts))

    assert safety(signal(severity="high")) < safety(signal(severity="moderate")) < safety(signal(severity="low"))
    liabilities = [signal("open_targets_liability", "moderate")]
    assert safety(*liabilities * 7) == safety(*liabilities)
    assert safety(signal(verified=False)) > safety(signal())
    assert safety(signal("hsc_niche"), signal("class_toxicity")) < safety(signal("hsc_niche"))
    assert safety(core_essential=True) == pytest.approx(1 - t.SEVERITY_PENALTIES["high"])
    # a signal nobody graded counts as the middle grade, neither ignored nor the worst
    assert safety(SafetyFact("stopped_for_harm")) == safety(signal("stopped_for_harm", "moderate"))
    assert np.isnan(safety(core_essential=False))


def test_a_programme_stopped_for_harm_counts_once_with_its_class_toxicity():
    def safety(*signals):
        return _value("hsc_safety", target(safety=signals))

    stopped, anaemia = signal("stopped_for_harm", "high"), signal("class_toxicity", "high", verified=False)
    assert safety(stopped, anaemia) == safety(stopped) == pytest.approx(1 - t.SEVERITY_PENALTIES["high"])
    assert safety(stopped, signal("hsc_niche", "high")) < safety(stopped)  # another kind still counts


# --- thresholds and overrides ---------------------------------------------------------------------------------------
def test_overrides_replace_thresholds_for_one_call_only():
    facts = target(agents=(agent(stage_aml="phase3", stage_aml_qualifiers={"negative"}),))
    assert _value("clinical_precedent", facts) == pytest.approx(0.375)
    overridden = {"clinical_precedent": {"qualifier_factors.negative": 0.25}}
    assert _value("clinical_precedent", facts, overridden) == pytest.approx(0.1875)
    assert _value("clinical_precedent", facts, {"clinical_precedent": {"qualifier_factors": {"negative": 1.0}}}) == 0.75
    assert _value("clinical_precedent", facts) == pytest.approx(0.375)  # defaults untouched
    assert CRITERIA_BY_KEY["clinical_precedent"].thresholds["qualifier_factors"]["negative"] == 0.5


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nope": {}}, "overrides: unknown criteria nope"),
        ({"novelty": {"made_up": 1}}, "overrides.novelty.made_up: unknown threshold"),
        (
            {"clinical_precedent": {"qualifier_factors.maybe": 1}},
            "overrides.clinical_precedent.qualifier_factors.maybe",
        ),
    ],
)
def test_bad_overrides_name_the_threshold(overrides, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        build_matrix([target()], overrides=overrides)


def test_every_transform_takes_facts_and_thresholds():
    facts = target(agents=(agent(stage_aml="phase1"),), evidence=(evidence(),))
    for criterion in CRITERIA:
        value = criterion.transform(facts, criterion.thresholds)
        assert value is None or 0.0 <= value <= 1.0
        assert criterion.derive(facts, criterion.thresholds).value == value


def test_matrix_shape_range_and_missing():
    facts = [target("A", stage_aml="phase1"), target("B", aml_association_datatypes={"animal_model": 0.2})]
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
    assert by_key["clinical_precedent"]["qualifier_factors"] == t.STAGE_QUALIFIER_FACTORS
    assert by_key["niche_biology"]["full_marks_points"] == t.EVIDENCE_FULL_MARKS
    assert by_key["trial_activity"]["recency_reference_year"] == t.RECENCY_REFERENCE_YEAR
    assert by_key["hsc_safety"]["severity_penalties"] == t.SEVERITY_PENALTIES
    assert by_key["disease_association"]["excluded_datatypes"] == ["known_drug", "literature"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("role", "helper"),
        ("compartment", "liver"),
        ("modalities", frozenset({"vaccine"})),
        ("stage_aml", "phase5"),
        ("stage_any_qualifiers", frozenset({"maybe"})),
        ("aml_association_datatypes", {"animal_model": 1.5}),
        ("active_aml_trials", -1),
        ("tractability", {"XX": frozenset()}),
    ],
)
def test_invalid_facts_name_the_field(field, value):
    with pytest.raises(ValueError, match=f"^{field}"):
        target(**{field: value})


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: EvidenceFact(level="anecdote", direction="pro_leukemic", verified=True), "level"),
        (lambda: EvidenceFact(level="in_vivo", direction="sideways", verified=True), "direction"),
        (lambda: AgentFact(name="x", attribution="rumoured"), "attribution"),
        (lambda: AgentFact(name="x", stage_aml_qualifiers=frozenset({"failed"})), "stage_aml_qualifiers"),
        (lambda: SafetyFact(kind="vibes"), "safety kind"),
        (lambda: SafetyFact(kind="hsc_niche", severity="extreme"), "severity"),
        (lambda: NichePair("X", "middle", "msc", "aml_blast"), "pair side"),
    ],
)
def test_invalid_fact_parts_name_the_field(build, field):
    with pytest.raises(ValueError, match=f"^{field}"):
        build()
