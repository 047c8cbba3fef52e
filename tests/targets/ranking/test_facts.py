"""Rows become scoring facts: the catalogue's agents refine its one-line stages, trials mean AML trials."""

import pytest

from targets.models import ClinicalTrial, Drug, DrugMechanism, Target
from targets.ranking.facts import build_facts

pytestmark = pytest.mark.django_db


def _facts():
    return {facts.symbol: facts for facts in build_facts()}


def test_a_stage_reached_only_by_a_qualified_agent_carries_its_qualifiers(catalogue):
    # gilteritinib binds AXL directly; its approval was earned on FLT3 (the curated agents table says so)
    DrugMechanism.objects.filter(drug__name="gilteritinib", target__symbol="AXL").update(
        stage_any_qualifiers=["other_primary_target", "unverified"]
    )
    facts = _facts()
    assert "negative" in facts["SELE"].stage_any_qualifiers  # uproleselan's phase 3 missed its endpoint
    assert {"indirect", "unverified"} <= facts["AXL"].stage_any_qualifiers  # scored as not earned on AXL
    assert "unverified" in facts["JAK2"].stage_aml_qualifiers  # ruxolitinib's AML phase 2 is from memory


def test_a_clean_agent_at_the_same_stage_keeps_the_stage_unqualified(catalogue):
    assert _facts()["BCL2"].stage_aml_qualifiers == frozenset()  # venetoclax, approved in AML


def test_only_the_catalogues_aml_trials_count_as_the_targets_trials(catalogue):
    cll_trial = ClinicalTrial.objects.get(nct_id="NCT01486797")  # olaptesed pegol in CLL
    assert not cll_trial.targets.exists()
    assert cll_trial.drugs.filter(name_key="olaptesed pegol").exists()
    assert _facts()["CXCL12"].aml_trials_total == 0


def test_a_clinical_aml_stage_without_listed_trials_is_unknown_not_zero(catalogue):
    facts = _facts()
    assert facts["CD38"].aml_trials_total is None
    assert facts["VCAM1"].aml_trials_total == 0  # preclinical: no AML trial is the observed state
    assert facts["CXCR4"].aml_trials_total == 3


def test_indirect_agents_give_no_modality_precedent(catalogue):
    vcam1 = Target.objects.get(symbol="VCAM1")
    peptide = Drug.objects.create(name="hypothetical peptide", modality="peptide")
    DrugMechanism.objects.create(drug=peptide, target=vcam1, source="curator", attribution="indirect")
    assert "other" not in _facts()["VCAM1"].modalities
    DrugMechanism.objects.filter(drug=peptide).update(attribution="direct")
    assert "other" in _facts()["VCAM1"].modalities
