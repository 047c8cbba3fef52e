"""The balanced ranking is sensible on real catalogue targets.

The table below is ASSEMBLED by hand from the seed catalogue (data/msc_aml_targets.csv: role,
compartment, modality, `stage` with its qualifiers) plus subcellular location; evidence rows stand for
the catalogue's cited PMIDs (level judged from the cited study). It is not read from any file.
"""

import pytest

from scoring import DEFAULT_PROFILES, TargetFacts, explain_pair, rank_targets
from scoring.facts import EvidenceFact

# symbol | role | compartment | modalities | AML stage (qualifiers) | any stage (qualifiers) | membrane or
# secreted | evidence (level, + = verified)
TABLE = """
CXCR4|pro_leukemic|aml_blast|small_molecule,antibody,other|phase2|approved|yes|in_vivo+,in_vivo+
BCL2|pro_leukemic|aml_blast|small_molecule|approved|approved|no|
VCAM1|pro_leukemic|msc|antibody|preclinical|preclinical|yes|in_vivo+
SELE|pro_leukemic|endothelium|small_molecule|phase3 (negative)|phase3|yes|
CD47|pro_leukemic|aml_blast|antibody,other|phase3 (failed)|phase3|yes|in_vivo+
RELA|pro_leukemic|both|small_molecule|phase3 (indirect,negative)|approved (indirect)|no|in_vivo+
CTNNB1|pro_leukemic|aml_blast|small_molecule|phase1/2|phase1/2|no|
TGFB1|dual|msc|small_molecule,antibody,other|phase2 (mds_only)|phase3|yes|
CD38|pro_leukemic|aml_blast|antibody|phase2 (unverified)|approved|yes|
TNFSF10|anti_leukemic|msc|other|preclinical|phase2|yes|in_vitro+
CXCL12|pro_leukemic|msc|other|preclinical|phase2|yes|
JAG1|dual|msc|antibody|preclinical|preclinical|yes|in_vitro+
"""
DIRECTION = {"pro_leukemic": "pro_leukemic", "anti_leukemic": "anti_leukemic", "dual": "pro_leukemic"}


def _stage(text: str) -> tuple[str, frozenset[str]]:
    code, _, qualifiers = text.partition("(")
    return code.strip(), frozenset(q.strip() for q in qualifiers.rstrip(")").split(",") if q.strip())


def _evidence(text: str, role: str) -> tuple[EvidenceFact, ...]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    return tuple(EvidenceFact(item.rstrip("+"), DIRECTION[role], item.endswith("+")) for item in items)


def assembled_facts(**replace) -> list[TargetFacts]:
    facts = []
    for line in TABLE.strip().splitlines():
        symbol, role, compartment, modalities, aml, any_, location, evidence = (c.strip() for c in line.split("|"))
        stage_aml, aml_q = _stage(aml)
        stage_any, any_q = _stage(any_)
        fields = dict(symbol=symbol, role=role, compartment=compartment, modalities=frozenset(modalities.split(",")),
                      stage_aml=stage_aml, stage_aml_qualifiers=aml_q, stage_any=stage_any,
                      stage_any_qualifiers=any_q, is_membrane_or_secreted=location == "yes",
                      evidence=_evidence(evidence, role))
        fields.update(replace.get(symbol, {}))
        facts.append(TargetFacts(**fields))
    return facts


@pytest.fixture(scope="module")
def balanced():
    return rank_targets(assembled_facts(), DEFAULT_PROFILES["balanced"], stability_samples=500, seed=0)


def test_approved_bcl2_ranks_well_above_preclinical_vcam1(balanced):
    bcl2, vcam1 = balanced.get("BCL2"), balanced.get("VCAM1")
    assert bcl2.rank < vcam1.rank
    assert bcl2.rank_p95 < vcam1.rank_p05  # not a close call under any sampled weights
    explanation = explain_pair(balanced, "BCL2", "VCAM1")
    assert explanation.items[0].criterion == "clinical_aml"


def test_a_negative_phase3_scores_below_what_a_positive_phase3_would():
    profile = DEFAULT_PROFILES["balanced"]
    actual = rank_targets(assembled_facts(), profile, stability_samples=0).get("SELE")
    positive = rank_targets(assembled_facts(SELE={"stage_aml_qualifiers": frozenset()}), profile,
                            stability_samples=0).get("SELE")
    assert actual.values["clinical_aml"] < positive.values["clinical_aml"]
    assert actual.score < positive.score
    assert actual.rank > positive.rank


def test_indirect_negative_phase3_counts_less_than_a_direct_phase1_2(balanced):
    assert balanced.get("RELA").values["clinical_aml"] < balanced.get("CTNNB1").values["clinical_aml"]


def test_clinically_validated_niche_targets_lead_and_preclinical_ones_trail(balanced):
    top_three = {row.symbol for row in balanced.top(3)}
    assert {"CXCR4", "BCL2"} <= top_three
    bottom_three = {row.symbol for row in balanced.rows[-3:]}
    assert bottom_three <= {"VCAM1", "JAG1", "CXCL12", "TNFSF10"}


def test_direction_and_visible_flags(balanced):
    assert balanced.get("TGFB1").direction == "context-dependent" and "dual-role" in balanced.get("TGFB1").flags
    assert balanced.get("TNFSF10").direction == "enhance or deliver"
    assert balanced.get("CXCR4").direction == "inhibit"
    assert "unverified-stage" in balanced.get("CD38").flags


def test_antibody_first_keeps_only_membrane_or_secreted_targets():
    ranking = rank_targets(assembled_facts(), DEFAULT_PROFILES["antibody-first"], stability_samples=100)
    excluded = {row.symbol for row in ranking.rows if not row.eligible}
    assert excluded == {"BCL2", "RELA", "CTNNB1"}
    assert all(row.rank is None for row in ranking.rows[-3:])


def test_novelty_seeking_lifts_preclinical_targets(balanced):
    novelty = rank_targets(assembled_facts(), DEFAULT_PROFILES["novelty-seeking"], stability_samples=0)
    assert novelty.get("VCAM1").rank < balanced.get("VCAM1").rank
    assert novelty.get("BCL2").rank > balanced.get("BCL2").rank
