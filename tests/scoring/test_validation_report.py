"""The ranking's self-validation procedures on small assembled facts (the catalogue run is in tests/targets)."""

import dataclasses
import math

import numpy as np
import pytest

from scoring.facts import AgentFact, EvidenceFact, TargetFacts
from scoring.profiles import DEFAULT_PROFILES
from scoring.validation_report import (
    CLINICAL_CRITERIA,
    LEAKING_CRITERIA,
    engine_ranker,
    leave_clinical_out,
    profile_agreement,
    reached_aml_phase2,
    render_markdown,
    threshold_sensitivity,
    validation_report,
)

BALANCED = DEFAULT_PROFILES["balanced"]


def _target(symbol, *agents, evidence=0, role="pro_leukemic"):
    return TargetFacts(
        symbol=symbol,
        role=role,
        compartment="msc",
        agents=tuple(agents),
        evidence=tuple(EvidenceFact("in_vivo", "pro_leukemic", True, True) for _ in range(evidence)),
    )


def _agent(stage, attribution="direct", qualifiers=()):
    return AgentFact(
        name=f"drug-{stage}-{attribution}",
        attribution=attribution,
        stage_aml=stage,
        stage_aml_qualifiers=frozenset(qualifiers),
    )


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (_agent("phase2"), True),
        (_agent("approved"), True),
        (_agent("phase3", qualifiers=("negative", "stopped_harm")), True),  # reaching phase 3 is what counts
        (_agent("phase2", qualifiers=("mds_only",)), True),  # AML or MDS
        (_agent("phase1/2"), False),
        (_agent("phase3", attribution="via_partner"), False),  # direct attribution only
        (_agent("phase3", attribution="indirect"), False),
        (_agent("approved", qualifiers=("other_primary_target",)), False),  # earned through another target
        (_agent(None), False),
    ],
)
def test_label_is_a_direct_agent_at_aml_mds_phase2_or_beyond(agent, label):
    assert reached_aml_phase2(_target("T", agent)) is label


FACTS = [
    _target("A", _agent("phase3"), evidence=3),
    _target("B", _agent("phase2"), evidence=2),
    _target("C", _agent("phase1"), evidence=2),
    _target("D", evidence=1),
    _target("E", _agent("approved", "via_partner"), evidence=0),
    _target("F", _agent("phase2"), evidence=0),
    _target("G", evidence=4, role="dual"),
    _target("H", evidence=0, role="anti_leukemic"),
]


def test_leave_clinical_out_ranks_with_clinical_weights_at_zero_then_also_without_tractability():
    seen = []

    def spy(facts, profile, overrides):
        seen.append(dict(profile.weights))
        return engine_ranker(facts, profile, overrides)

    matrix = np.zeros((len(FACTS), 1))
    result = leave_clinical_out(FACTS, BALANCED, spy, matrix, ["x"], samples=200)
    assert all(weights.get(k, 0) == 0 for weights in seen for k in CLINICAL_CRITERIA)
    assert seen[0].get("tractability", 0) > 0 and seen[1].get(LEAKING_CRITERIA[0]) == 0
    assert seen[0]["niche_biology"] == BALANCED.weights["niche_biology"]
    assert result.positives == ("A", "B", "F")
    first = result.figures[0]
    assert first.left_out == CLINICAL_CRITERIA and first.targets == 7  # the anti-leukemic target is gated out
    assert first.low <= first.auc <= first.high
    assert result.per_criterion == (("x", 0.5, 8),)  # a constant column cannot separate the classes


def test_an_auc_is_not_invented_when_one_class_is_empty():
    facts = [_target(s, evidence=i) for i, s in enumerate("PQR")]
    result = leave_clinical_out(facts, BALANCED, engine_ranker, np.zeros((3, 1)), ["x"], samples=50)
    assert result.positives == () and all(f.auc is None and f.low is None for f in result.figures)
    assert result.per_criterion == (("x", None, 3),)


def test_threshold_sensitivity_moves_each_threshold_alone_both_ways_and_reports_engine_errors():
    calls = []

    def ranker(facts, profile, overrides):
        calls.append(overrides)
        if overrides and "boom" in overrides.get("c1", {}):
            raise ValueError("thresholds.boom: out of range")
        return [("A", 1.0), ("B", 0.5), ("C", 0.1)] if not overrides else [("B", 1.0), ("A", 0.5), ("C", 0.1)]

    class Criterion:
        def __init__(self, key, thresholds):
            self.key, self.thresholds = key, thresholds

    profile = dataclasses.replace(BALANCED, weights={"c1": 1.0})
    criteria = [Criterion("c1", {"full": 4.0, "boom": 1.0}), Criterion("unweighted", {"full": 2.0})]
    rows = threshold_sensitivity(FACTS, profile, ranker, criteria, k=3)
    assert len(rows) == 2  # an unweighted criterion's thresholds cannot move the ranking
    assert calls[1:5] == [{"c1": {"full": 3.0}}, {"c1": {"full": 5.0}}, {"c1": {"boom": 0.75}}, {"c1": {"boom": 1.25}}]
    assert [(r.threshold, r.tau_low, r.overlap_high) for r in rows[:1]] == [("full", pytest.approx(1 / 3), 1.0)]
    assert rows[1].tau_low is None and "out of range" in rows[1].note


def test_profile_agreement_compares_every_pair_once():
    profiles = list(DEFAULT_PROFILES.values())
    pairs = profile_agreement(FACTS, profiles, engine_ranker, k=5)
    assert len(pairs) == len(profiles) * (len(profiles) - 1) // 2
    assert all(-1 <= p.tau <= 1 or math.isnan(p.tau) for p in pairs)


def test_the_report_renders_all_four_figures_as_markdown():
    profiles = list(DEFAULT_PROFILES.values())
    report = validation_report(FACTS, BALANCED, profiles, data="8 assembled targets", samples=100)
    text = render_markdown(report)
    for heading in (
        "(a) Leave-clinical-out",
        "(b) Threshold sensitivity",
        "(c) Criteria correlations",
        "(d) Profile agreement",
    ):
        assert heading in text
    assert len(report.sensitivity) > 10 and report.correlations.rho.shape[0] == len(report.correlations.keys)
