"""Explanations in words: the facts behind each criterion value, with their factors and sources."""

import pytest
from hypothesis import given, settings

from scoring.criteria import CRITERIA, build_matrix
from scoring.explain_text import explain_target, penalty_sentence
from scoring.facts import EvidenceFact, SafetyFact
from tests.scoring.helpers import agent, target
from tests.scoring.strategies import target_facts


def test_clinical_precedent_names_the_agent_stage_and_each_factor():
    facts = target(
        agents=(
            agent(
                "ulocuplumab",
                stage_aml="phase1/2",
                stage_aml_qualifiers={"terminated"},
                verified=False,
                sources=("catalogue",),
            ),
        )
    )
    explained = explain_target(facts)["clinical_precedent"]
    assert explained.value == pytest.approx(0.375 * 0.7 * 0.9)
    assert explained.sentence == (
        "clinical precedent 0.24: ulocuplumab phase 1/2 in AML, terminated (x0.7), from memory (x0.9)"
    )
    assert explained.facts[0].source == "catalogue"


def test_evidence_sentence_lists_each_finding_with_its_citation_and_what_was_not_counted():
    facts = target(
        evidence=(
            EvidenceFact("in_vivo", "pro_leukemic", True, niche_mediated=True, citation="12345678"),
            EvidenceFact("in_vitro", "no_effect", False, niche_mediated=True, citation="10.1000/xyz"),
            EvidenceFact("clinical", "pro_leukemic", True, citation="87654321"),
        )
    )
    explained = explain_target(facts)["niche_biology"]
    assert "in vivo finding [12345678] 2 pt" in explained.sentence
    assert "in vitro finding [10.1000/xyz] 1 pt, no effect (x-1), from memory (x0.5)" in explained.sentence
    assert [f.source for f in explained.facts] == ["12345678", "10.1000/xyz", "87654321"]
    assert not explained.facts[2].counted and "clinical reports are not niche evidence" in explained.facts[2].text


def test_missing_values_say_why_and_safety_names_its_penalties():
    explained = explain_target(target())
    assert explained["hsc_safety"].sentence == "HSC-niche safety missing: no safety facts"
    facts = target(safety=(SafetyFact("class_toxicity", "high", True, "anaemia with CD47 antibodies", "111"),))
    sentence = explain_target(facts)["hsc_safety"].sentence
    assert sentence.startswith("HSC-niche safety 0.50: anaemia with CD47 antibodies (high) [111]")
    assert "penalty 0.50" in sentence


def test_the_dual_role_penalty_is_spelled_out():
    assert "x0.8" in penalty_sentence("dual", "penalise")
    assert penalty_sentence("dual", "flag") == penalty_sentence("pro_leukemic", "penalise") == ""


@settings(max_examples=40, deadline=None)
@given(facts=target_facts("T"))
def test_every_explanation_carries_the_value_of_the_matrix(facts):
    matrix = build_matrix([facts])[0]
    explained = explain_target(facts)
    for column, criterion in enumerate(CRITERIA):
        item = explained[criterion.key]
        if item.value is None:
            assert matrix[column] != matrix[column] and "missing" in item.sentence
        else:
            assert item.value == matrix[column]
            assert item.sentence.split(":")[0].endswith(f"{item.value:.2f}")
