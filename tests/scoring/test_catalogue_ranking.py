"""The shipped profiles behave sensibly on real catalogue targets.

The facts below are ASSEMBLED by hand from the seed catalogue (data/msc_aml_targets.csv and
data/catalogue_agents.csv: role, compartment, agents with stages and qualifiers, ligand-receptor pairs) plus
subcellular location; evidence rows stand for graded findings (level judged from the cited study). The PubMed
article counts are NCBI gene2pubmed's as bundled in data/open-data/ncbi (copied here by hand). Nothing here is read
from a file.
"""

import dataclasses

import pytest

from scoring import DEFAULT_PROFILES, explain_pair, rank_targets
from scoring.facts import AgentFact, EvidenceFact, NichePair, TargetFacts


def _agent(name, modality, aml=None, any_=None, aml_q=(), any_q=(), **extra):
    return AgentFact(
        name=name,
        modality=modality,
        stage_aml=aml,
        stage_any=any_,
        stage_aml_qualifiers=frozenset(aml_q),
        stage_any_qualifiers=frozenset(any_q),
        **extra,
    )


def _ev(level, direction="pro_leukemic", niche=True, verified=True):
    return EvidenceFact(level=level, direction=direction, verified=verified, niche_mediated=niche)


MSC_BLAST = ("msc", "aml_blast")
FACTS = {
    "CXCR4": dict(
        role="pro_leukemic",
        compartment="aml_blast",
        is_membrane_or_secreted=True,
        agents=(
            _agent("plerixafor", "small_molecule", "phase1/2", "approved"),
            _agent("ulocuplumab", "antibody", "phase1/2", "phase1/2", ["terminated"], ["terminated"]),
        ),
        niche_pairs=(NichePair("CXCL12", "receptor", *MSC_BLAST),),
        evidence=(_ev("in_vivo"), _ev("in_vitro")),
    ),
    "CXCL12": dict(
        role="pro_leukemic",
        compartment="msc",
        is_membrane_or_secreted=True,
        agents=(_agent("olaptesed pegol", "other", None, "phase2"),),
        niche_pairs=(NichePair("CXCR4", "ligand", *MSC_BLAST),),
        evidence=(_ev("in_vivo"), _ev("in_vitro")),
    ),
    "BCL2": dict(
        role="pro_leukemic",
        compartment="aml_blast",
        is_membrane_or_secreted=False,
        agents=(_agent("venetoclax", "small_molecule", "approved", "approved"),),
        evidence=(_ev("in_vitro"), _ev("in_vitro")),
    ),
    "VCAM1": dict(
        role="pro_leukemic",
        compartment="msc",
        is_membrane_or_secreted=True,
        agents=(_agent("natalizumab", "antibody", None, "approved", attribution="via_partner", acts_on="ITGA4"),),
        niche_pairs=(NichePair("ITGA4", "ligand", *MSC_BLAST),),
        evidence=(_ev("in_vivo"),),
    ),
    "SELE": dict(
        role="pro_leukemic",
        compartment="endothelium",
        is_membrane_or_secreted=True,
        agents=(_agent("uproleselan", "small_molecule", "phase3", "phase3", ["negative"], ["negative"]),),
        niche_pairs=(NichePair("CD44", "ligand", "endothelium", "aml_blast"),),
        evidence=(_ev("in_vivo"),),
    ),
    "RELA": dict(
        role="pro_leukemic",
        compartment="both",
        is_membrane_or_secreted=False,
        agents=(
            _agent(
                "bortezomib",
                "small_molecule",
                "phase3",
                "approved",
                ["negative"],
                attribution="indirect",
                acts_on="PSMB5",
            ),
        ),
        evidence=(_ev("in_vivo"),),
    ),
    "CTNNB1": dict(
        role="pro_leukemic",
        compartment="aml_blast",
        is_membrane_or_secreted=False,
        agents=(_agent("PRI-724", "small_molecule", "phase1/2", "phase1/2"),),
        evidence=(_ev("in_vivo"),),
    ),
    "TGFB1": dict(
        role="dual",
        compartment="msc",
        is_membrane_or_secreted=True,
        agents=(_agent("galunisertib", "small_molecule", "phase2", "phase2", ["mds_only"]),),
        evidence=(_ev("in_vitro", "mixed"),),
    ),
    "DPP4": dict(
        role="dual",
        compartment="both",
        is_membrane_or_secreted=True,
        agents=(_agent("sitagliptin", "small_molecule", "preclinical", "approved"),),
        evidence=(_ev("in_vitro", "mixed", niche=False),),
    ),
    "TNFSF10": dict(
        role="anti_leukemic",
        compartment="msc",
        is_membrane_or_secreted=True,
        agents=(
            _agent("MSC-TRAIL", "other", "preclinical", "phase1", [], ["unverified"], action="delivery"),
            _agent("dulanermin", "other", None, "phase2", action="agonist"),
        ),
        evidence=(_ev("in_vivo", "anti_leukemic"),),
    ),
}
PUBLICATIONS = {"BCL2": 2165, "CXCR4": 2105, "VCAM1": 598, "CXCL12": 1421, "SELE": 457, "RELA": 1592, "CTNNB1": 3122}


def assembled_facts(**replace) -> list[TargetFacts]:
    facts = []
    for symbol, fields in FACTS.items():
        facts.append(
            TargetFacts(symbol=symbol, publications=PUBLICATIONS.get(symbol), **{**fields, **replace.get(symbol, {})})
        )
    return facts


@pytest.fixture(scope="module")
def balanced():
    return rank_targets(assembled_facts(), DEFAULT_PROFILES["balanced"], stability_samples=500, seed=0)


def test_msc_ligand_and_blast_intrinsic_target_differ_by_niche_specificity_not_only_by_the_clinic(balanced):
    explanation = explain_pair(balanced, "BCL2", "CXCL12")
    assert {item.criterion for item in explanation.favouring_a} >= {"clinical_precedent"}
    assert explanation.favouring_b[0].criterion in {"niche_specificity", "niche_biology"}
    assert balanced.get("CXCL12").values["niche_specificity"] > balanced.get("BCL2").values["niche_specificity"]


def test_a_negative_phase3_scores_below_what_a_positive_phase3_would():
    profile = DEFAULT_PROFILES["balanced"]
    actual = rank_targets(assembled_facts(), profile, stability_samples=0).get("SELE")
    clean = _agent("uproleselan", "small_molecule", "phase3", "phase3")
    positive = rank_targets(assembled_facts(SELE={"agents": (clean,)}), profile, stability_samples=0).get("SELE")
    assert actual.values["clinical_precedent"] < positive.values["clinical_precedent"]
    assert actual.score < positive.score


def test_an_indirect_approval_is_no_precedent_for_the_target(balanced):
    assert balanced.get("RELA").values["clinical_precedent"] == 0.0
    assert balanced.get("RELA").values["clinical_precedent"] < balanced.get("CTNNB1").values["clinical_precedent"]


def test_an_approval_in_another_disease_counts_only_as_partial_credit(balanced):
    assert balanced.get("DPP4").values["clinical_precedent"] == pytest.approx(0.5)  # sitagliptin, diabetes
    assert balanced.get("BCL2").values["clinical_precedent"] == 1.0  # venetoclax, AML
    assert balanced.get("VCAM1").values["clinical_precedent"] == pytest.approx(0.5 * 0.6)  # natalizumab via ITGA4


def test_dual_role_targets_are_penalised_with_the_penalty_shown(balanced):
    flag_only = dataclasses.replace(DEFAULT_PROFILES["balanced"], dual_policy="flag")
    unpenalised = rank_targets(assembled_facts(), flag_only, stability_samples=0)
    tgfb1 = balanced.get("TGFB1")
    assert tgfb1.score == pytest.approx(unpenalised.get("TGFB1").score * 0.8)
    assert "dual-role-penalty-x0.8" in tgfb1.flags and tgfb1.direction == "inhibit (dual role)"


def test_anti_leukemic_functions_rank_in_their_own_profile(balanced):
    assert balanced.get("TNFSF10").rank is None
    enhance = rank_targets(assembled_facts(), DEFAULT_PROFILES["enhance-anti-leukemic"], stability_samples=0)
    assert enhance.get("TNFSF10").rank == 1
    assert enhance.get("TNFSF10").values["enhancement_precedent"] > 0  # MSC-TRAIL delivery, dulanermin agonist
    assert {row.symbol for row in enhance.rows if row.rank} == {"TNFSF10", "TGFB1", "DPP4"}


def test_antibody_first_keeps_only_membrane_or_secreted_targets():
    ranking = rank_targets(assembled_facts(), DEFAULT_PROFILES["antibody-first"], stability_samples=100)
    excluded = {row.symbol for row in ranking.rows if not row.eligible}
    assert excluded == {"BCL2", "RELA", "CTNNB1", "TNFSF10"}


def test_novelty_seeking_lifts_little_studied_niche_targets(balanced):
    novelty = rank_targets(assembled_facts(), DEFAULT_PROFILES["novelty-seeking"], stability_samples=0)
    values = [novelty.get(symbol).values["novelty"] for symbol in ("SELE", "VCAM1", "CXCL12", "CTNNB1")]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]  # fewer articles, more novelty
    assert novelty.get("VCAM1").rank <= balanced.get("VCAM1").rank
    assert novelty.get("BCL2").rank >= balanced.get("BCL2").rank
