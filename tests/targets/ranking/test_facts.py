"""Rows become scoring facts: the catalogue's agents refine its one-line stages, trials mean AML trials."""

import pytest

from scoring.criteria import CRITERION_KEYS, build_matrix
from targets.models import ClinicalTrial, Drug, DrugMechanism, Evidence, SafetySignal, Target
from targets.ranking.facts import build_facts

pytestmark = pytest.mark.django_db


def _facts():
    return {facts.symbol: facts for facts in build_facts()}


def _agent(facts, name):
    return next(agent for agent in facts.agents if agent.name == name)


def test_each_drug_is_one_agent_fact_with_its_catalogue_qualifiers(catalogue):
    facts = _facts()
    uproleselan = _agent(facts["SELE"], "uproleselan")
    assert uproleselan.stage_aml == "phase3" and "negative" in uproleselan.stage_aml_qualifiers
    assert "unverified" in _agent(facts["JAK2"], "ruxolitinib").stage_aml_qualifiers  # AML phase 2 from memory
    assert _agent(facts["BCL2"], "venetoclax").stage_aml_qualifiers == frozenset()
    bortezomib = _agent(facts["RELA"], "bortezomib")
    assert bortezomib.attribution == "indirect"  # bortezomib is no RELA drug
    assert len({agent.name for agent in facts["CXCR4"].agents}) == len(facts["CXCR4"].agents)


# What a ChEMBL / Open Targets refresh writes for these drugs: the stage, no qualifier, verified, direct.
REFRESH_ROWS = [
    ("SELE", "uproleselan", "chembl", {"stage_aml": "phase3", "stage_any": "phase3"}),
    ("SELE", "uproleselan", "opentargets", {"stage_any": "phase3"}),
    ("CD47", "magrolimab", "chembl", {"stage_aml": "phase3", "stage_any": "phase3"}),
    ("CD47", "magrolimab", "opentargets", {"stage_any": "phase3"}),
    ("AXL", "gilteritinib", "chembl", {"stage_aml": "approved", "stage_any": "approved"}),
    ("AXL", "gilteritinib", "opentargets", {"stage_any": "approved"}),
]


def test_a_refresh_adds_sources_but_never_erases_qualifiers_or_unverified_marks(catalogue):
    # the curated table marks gilteritinib's stage as earned on FLT3 (contract: other_primary_target)
    DrugMechanism.objects.filter(drug__name="gilteritinib", target__symbol="AXL").update(
        stage_aml_qualifiers=["other_primary_target", "unverified"],
        stage_any_qualifiers=["other_primary_target", "unverified"],
    )
    symbols = sorted({row[0] for row in REFRESH_ROWS})
    before_facts = _facts()
    before = build_matrix([before_facts[s] for s in symbols])
    for symbol, drug, source, stages in REFRESH_ROWS:
        DrugMechanism.objects.create(
            drug=Drug.objects.get(name=drug),
            target=Target.objects.get(symbol=symbol),
            source=source,
            verified=True,
            **stages,
        )
    after_facts = _facts()
    after = build_matrix([after_facts[s] for s in symbols])
    column = CRITERION_KEYS.index("clinical_precedent")
    for i, symbol in enumerate(symbols):
        assert after[i, column] <= before[i, column], symbol
        assert after[i, CRITERION_KEYS.index("tractability")] <= before[i, CRITERION_KEYS.index("tractability")]
    gilteritinib = _agent(after_facts["AXL"], "gilteritinib")
    assert {"other_primary_target", "unverified"} <= gilteritinib.stage_aml_qualifiers
    assert not gilteritinib.verified  # the catalogue's unverified mark survives a verified source
    assert set(gilteritinib.sources) == {"catalogue", "chembl", "opentargets"}
    assert "negative" in _agent(after_facts["SELE"], "uproleselan").stage_any_qualifiers
    assert "negative" in _agent(after_facts["CD47"], "magrolimab").stage_aml_qualifiers


def test_graded_evidence_safety_signals_and_niche_pairs_reach_the_facts(catalogue):
    cxcl12 = Target.objects.get(symbol="CXCL12")
    Evidence.objects.create(
        target=cxcl12,
        citation="12345678",
        claim="Stromal CXCL12 deletion released blasts.",
        level="in_vivo",
        direction="no_effect",
        niche_mediated=True,
        verified=True,
        checked_source="https://example.org/x",
    )
    SafetySignal.objects.create(
        target=cxcl12, kind="hsc_niche", signal="mobilises HSCs", severity="high", evidence="animal", verified=False
    )
    facts = _facts()["CXCL12"]
    graded = next(item for item in facts.evidence if item.citation == "12345678")
    assert (graded.level, graded.direction, graded.niche_mediated) == ("in_vivo", "no_effect", True)
    assert ("hsc_niche", "high", False) in [(s.kind, s.severity, s.verified) for s in facts.safety]
    assert [(p.partner, p.side) for p in facts.niche_pairs] == [("CXCR4", "ligand")]
    assert ("CXCL12", "receptor") in [(p.partner, p.side) for p in _facts()["CXCR4"].niche_pairs]


def test_a_programme_stopped_for_harm_is_also_a_safety_fact(catalogue):
    DrugMechanism.objects.filter(drug__name="magrolimab", target__symbol="CD47").update(
        stage_aml_qualifiers=["stopped_harm"]
    )
    kinds = {signal.kind for signal in _facts()["CD47"].safety}
    assert "stopped_for_harm" in kinds


def test_only_the_catalogues_aml_trials_count_as_the_targets_trials(catalogue):
    cll_trial = ClinicalTrial.objects.get(nct_id="NCT01486797")  # olaptesed pegol in CLL
    assert not cll_trial.targets.exists()
    assert cll_trial.drugs.filter(name_key="olaptesed pegol").exists()
    assert _facts()["CXCL12"].aml_trials_total is None  # the CLL trial is not counted; no AML trial is known


def test_no_listed_trial_is_unknown_whatever_the_catalogue_stage(catalogue):
    """Trial activity must not read the stage again: a preclinical stage does not make 'no AML trial' known."""
    facts = _facts()
    assert facts["CD38"].aml_trials_total is None
    assert facts["VCAM1"].aml_trials_total is None
    assert facts["CXCR4"].aml_trials_total == 3


def test_indirect_agents_give_no_modality_precedent(catalogue):
    vcam1 = Target.objects.get(symbol="VCAM1")
    peptide = Drug.objects.create(name="hypothetical peptide", modality="peptide")
    DrugMechanism.objects.create(drug=peptide, target=vcam1, source="curator", attribution="indirect")
    assert "other" not in _facts()["VCAM1"].modalities
    DrugMechanism.objects.filter(drug=peptide).update(attribution="direct")
    assert "other" in _facts()["VCAM1"].modalities


def test_a_catalogue_modality_named_only_for_agents_acting_elsewhere_is_no_binder_precedent(catalogue):
    facts = _facts()
    assert "small_molecule" not in facts["RAB27A"].modalities  # GW4869 inhibits SMPD3, not RAB27A
    assert "small_molecule" not in facts["RELA"].modalities  # bortezomib inhibits the proteasome
    assert "small_molecule" in facts["BCL2"].modalities  # venetoclax binds BCL2
    assert "antibody" in facts["VCAM1"].modalities  # anti-VCAM1 antibodies (preclinical); natalizumab is derived
