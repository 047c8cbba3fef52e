"""Issue 9 model rules: a finding is unique per paper by its normalised text (any length), mechanisms say how
a drug reaches the target, and safety signals are their own records."""

import pytest
from django.db import IntegrityError, connection, transaction

from targets.models import Drug, DrugMechanism, Evidence, SafetySignal, Target
from targets.models.evidence import claim_hash
from tests.support.services import require_postgresql

pytestmark = pytest.mark.django_db

LONG_CLAIM = "Stromal CXCL12 retained blasts in the niche and protected them from chemotherapy. " * 125  # ~10 KB


def _evidence(target, claim, **extra):
    return Evidence.objects.create(target=target, citation="23213054", claim=claim, direction="pro_leukemic", **extra)


def test_a_10_kb_claim_is_stored_and_still_unique_on_postgresql(catalogue):
    require_postgresql(connection)
    cxcr4 = Target.objects.get(symbol="CXCR4")
    assert len(LONG_CLAIM.encode()) > 10_000
    stored = _evidence(cxcr4, LONG_CLAIM)
    assert Evidence.objects.get(pk=stored.pk).claim == LONG_CLAIM
    with pytest.raises(IntegrityError), transaction.atomic():
        _evidence(cxcr4, "  " + LONG_CLAIM.upper())  # same finding, other case and spacing


def test_the_same_finding_twice_for_one_paper_is_refused(catalogue):
    cxcr4 = Target.objects.get(symbol="CXCR4")
    _evidence(cxcr4, LONG_CLAIM)
    with pytest.raises(IntegrityError), transaction.atomic():
        _evidence(cxcr4, LONG_CLAIM.replace(" ", "  "))
    _evidence(cxcr4, LONG_CLAIM + " In xenografts too.")  # another finding of the same paper is welcome
    assert Evidence.objects.filter(target=cxcr4, citation="23213054").count() >= 2


def test_the_claim_hash_ignores_case_and_spacing_only():
    assert claim_hash("A  finding.\n") == claim_hash("a finding.")
    assert claim_hash("a finding.") != claim_hash("another finding.")


def test_contrary_evidence_opposes_the_role_or_shows_no_effect(catalogue):
    hif1a = Target.objects.get(symbol="HIF1A")
    role = hif1a.role
    opposite = "anti_leukemic" if role == "pro_leukemic" else "pro_leukemic"
    assert Evidence(target=hif1a, direction=opposite).is_contrary is (role != "dual")
    assert Evidence(target=hif1a, direction="no_effect").is_contrary
    assert not Evidence(target=hif1a, direction=role if role != "dual" else "mixed").is_contrary


def test_a_mechanism_says_how_the_drug_reaches_the_target(catalogue):
    drug = Drug.objects.create(name="test antibody", modality="antibody")
    cxcl12 = Target.objects.get(symbol="CXCL12")
    via = DrugMechanism.objects.create(
        drug=drug, target=cxcl12, source="curator", attribution="via_partner", acts_on="CXCR4"
    )
    assert via.attribution_text == "via CXCR4"
    via.attribution, via.acts_on = "indirect", "PSMB5"
    assert via.attribution_text == "indirect via PSMB5"
    via.attribution, via.acts_on = "direct", ""
    assert via.attribution_text == "direct"


def test_safety_signals_are_records_with_history(catalogue):
    cd47 = Target.objects.get(symbol="CD47")
    signal = SafetySignal.objects.create(
        target=cd47,
        kind="class_toxicity",
        signal="On-target anaemia from red-cell CD47 binding.",
        severity="moderate",
        evidence="clinical",
        citation="10.1056/NEJMoa1807315",
        verified=False,
        source="curator",
    )
    assert signal in cd47.safety_signals.all()
    assert signal.citation_url.startswith("https://doi.org/10.1056/")
    assert signal.history.count() == 1
