"""Refreshes merge, never erase (issue 9): source mechanisms are their own rows beside the catalogue's, trials
attach only through direct or via-partner mechanisms (aliases included, never by substring), Open Targets
liabilities and AML datatype scores are stored, and the membrane test honours the platform's flags.

The source records below are ASSEMBLED in the shape the connectors return (ChEMBL ids, release names and
trial ids are illustrative); BCL2's location entries are UniProt's for P10415 as Open Targets relays them."""

import dataclasses

import pytest

from targets.catalogue.load import catalogue_load
from targets.connectors import records as r
from targets.models import ClinicalTrial, Drug, DrugMechanism, SafetySignal, Target
from targets.refresh.sources import chembl, clinicaltrials, opentargets
from targets.refresh.store import row_from_provenance
from tests.targets.catalogue.test_knowledge_load import _files

pytestmark = pytest.mark.django_db

QUALIFIER_FIELDS = ("stage_aml", "stage_aml_qualifiers", "stage_any", "stage_any_qualifiers", "verified")
REFRESHED = {  # symbol -> (drug, ChEMBL parent id): the rows a ChEMBL / Open Targets refresh writes
    "SELE": ("uproleselan", "CHEMBL9000001"),
    "CD47": ("magrolimab", "CHEMBL9000002"),
    "AXL": ("gilteritinib", "CHEMBL9000003"),
}


@pytest.fixture
def assembled(db):
    return catalogue_load(**_files())


def _prov(source, raw):
    return r.Provenance.of(source, "assembled-release", raw)


def _chembl_rows(targets):
    rows = []
    for symbol, (drug, chembl_id) in REFRESHED.items():
        target = targets[symbol]
        target_id = f"CHEMBL{8000000 + target.pk}"
        rows.append(
            row_from_provenance(
                "target",
                target_id,
                target.pk,
                r.ChemblTarget(
                    target_chembl_id=target_id,
                    accession=target.uniprot,
                    pref_name=None,
                    target_type="SINGLE PROTEIN",
                    organism="Homo sapiens",
                    provenance=_prov("chembl", {"t": target_id}),
                ),
            )
        )
        rows.append(
            row_from_provenance(
                "molecule",
                chembl_id,
                target.pk,
                r.Molecule(
                    molecule_chembl_id=chembl_id,
                    pref_name=drug.upper(),
                    molecule_type="Small molecule",
                    parent_chembl_id=None,
                    max_phase=3.0,
                    stage="phase3",
                    first_approval=None,
                    provenance=_prov("chembl", {"m": chembl_id}),
                ),
            )
        )
        rows.append(
            row_from_provenance(
                "mechanism",
                f"{target_id}:{chembl_id}",
                target.pk,
                r.Mechanism(
                    target_chembl_id=target_id,
                    molecule_chembl_id=chembl_id,
                    parent_molecule_chembl_id=None,
                    mechanism_of_action=f"{symbol} inhibitor",
                    action_type="INHIBITOR",
                    max_phase=3.0,
                    stage="phase3",
                    direct_interaction=True,
                    provenance=_prov("chembl", {"mec": chembl_id}),
                ),
            )
        )
    return rows


def _profile(target, candidates=(), liabilities=(), prioritisation=(), locations=()):
    return r.TargetProfile(
        ensembl_id=target.ensembl_id,
        symbol=target.symbol,
        tractability=(),
        prioritisation=tuple(r.PrioritisationFactor(key=k, value=v) for k, v in prioritisation),
        safety_liabilities=tuple(liabilities),
        genetic_constraint=(),
        subcellular_locations=tuple(
            r.SubcellularLocation(location=loc, source="uniprot", term=term, label=None) for loc, term in locations
        ),
        drug_candidates=tuple(candidates),
        provenance=_prov("opentargets", {"target": target.symbol}),
    )


def _candidate(target, drug, chembl_id, acts_on=None):
    return r.DrugCandidate(
        target_id=target.ensembl_id,
        drug_id=chembl_id,
        drug_name=drug.upper(),
        drug_type="Small molecule",
        stage="phase3",
        stage_reported="PHASE_3",
        diseases=(),
        mechanisms=(
            r.DrugMechanism(
                description="inhibitor", action_type="INHIBITOR", target_ids=((acts_on or target).ensembl_id,)
            ),
        ),
        provenance=_prov("opentargets", {"drug": drug}),
    )


def _opentargets_rows(targets):
    rows = []
    for symbol, (drug, chembl_id) in REFRESHED.items():
        target = targets[symbol]
        profile = _profile(target, [_candidate(target, drug, chembl_id)])
        rows.append(row_from_provenance("target", target.ensembl_id, target.pk, profile))
    return rows


def _catalogue_rows():
    return {
        symbol: DrugMechanism.objects.filter(target__symbol=symbol, drug__name=drug, source="catalogue")
        .values(*QUALIFIER_FIELDS, "attribution")
        .get()
        for symbol, (drug, _) in REFRESHED.items()
    }


def test_a_refresh_replayed_over_the_catalogue_keeps_its_qualifiers_and_marks(assembled):
    before = _catalogue_rows()
    assert before["SELE"]["stage_any_qualifiers"] == ["negative"]
    assert before["CD47"]["stage_any_qualifiers"] == ["negative", "stopped_harm"]
    assert before["AXL"]["stage_any_qualifiers"] == ["other_primary_target", "unverified"]
    targets = {t.pk: t for t in Target.objects.filter(symbol__in=REFRESHED)}
    by_symbol = {t.symbol: t for t in targets.values()}
    chembl.apply(_chembl_rows(by_symbol), targets)
    opentargets.apply(_opentargets_rows(by_symbol), targets)
    assert _catalogue_rows() == before
    for symbol, (drug, chembl_id) in REFRESHED.items():
        rows = DrugMechanism.objects.filter(target__symbol=symbol, drug__name=drug)
        assert sorted(rows.values_list("source", flat=True)) == ["catalogue", "chembl", "opentargets"]
        assert {m.drug.chembl_id for m in rows} == {chembl_id}  # one drug, matched by name, not duplicated
        source_rows = rows.exclude(source="catalogue")
        assert all(m.stage_any_qualifiers == [] and m.attribution == "direct" for m in source_rows)


def test_refreshing_twice_changes_nothing_more(assembled):
    targets = {t.pk: t for t in Target.objects.filter(symbol__in=REFRESHED)}
    by_symbol = {t.symbol: t for t in targets.values()}
    chembl.apply(_chembl_rows(by_symbol), targets)
    opentargets.apply(_opentargets_rows(by_symbol), targets)
    assert chembl.apply(_chembl_rows(by_symbol), targets) == 0
    assert opentargets.apply(_opentargets_rows(by_symbol), targets) == 0


def test_open_targets_marks_a_drug_acting_on_a_partner_via_partner_and_others_indirect(assembled):
    cxcl12, cxcr4, rela = (Target.objects.get(symbol=s) for s in ("CXCL12", "CXCR4", "RELA"))
    bcl2 = Target.objects.get(symbol="BCL2")
    profile = _profile(cxcl12, [_candidate(cxcl12, "plerixafor", "CHEMBL18442", acts_on=cxcr4)])
    opentargets.apply([row_from_provenance("target", cxcl12.ensembl_id, cxcl12.pk, profile)], {cxcl12.pk: cxcl12})
    via = DrugMechanism.objects.get(target=cxcl12, source="opentargets")
    assert (via.attribution, via.acts_on) == ("via_partner", "CXCR4")
    profile = _profile(rela, [_candidate(rela, "venetoclax", "CHEMBL3137309", acts_on=bcl2)])
    opentargets.apply([row_from_provenance("target", rela.ensembl_id, rela.pk, profile)], {rela.pk: rela})
    other = DrugMechanism.objects.get(target=rela, source="opentargets")
    assert (other.attribution, other.acts_on) == ("indirect", "BCL2")


def _trial(nct_id, *names, conditions=("Acute Myeloid Leukemia",)):
    return r.Trial(
        nct_id=nct_id,
        title=f"assembled trial {nct_id}",
        phases=("PHASE2",),
        stage="phase2",
        overall_status="RECRUITING",
        start_date=None,
        last_update=None,
        enrollment=None,
        enrollment_type=None,
        interventions=tuple(r.Intervention(type="DRUG", name=name, other_names=()) for name in names),
        conditions=tuple(conditions),
        lead_sponsor=None,
        provenance=_prov("clinicaltrials", {"nct": nct_id}),
    )


def _apply_trials(*trials):
    targets = {t.pk: t for t in Target.objects.all()}
    rows = [row_from_provenance("study", trial.nct_id, None, trial) for trial in trials]
    clinicaltrials.apply(rows, targets)


def _linked(nct_id):
    return set(ClinicalTrial.objects.get(nct_id=nct_id).targets.values_list("symbol", flat=True))


def test_trials_attach_through_direct_and_via_partner_mechanisms_and_code_names(assembled):
    _apply_trials(
        _trial("NCT90000001", "BL-8040", "Cytarabine"),  # motixafortide registered under its code name
        _trial("NCT90000002", "GMI-1271"),  # uproleselan's code name
        _trial("NCT90000003", "Tocilizumab"),  # via IL6R, a partner outside the catalogue
    )
    assert _linked("NCT90000001") == {"CXCR4", "CXCL12"}  # direct on CXCR4, via CXCR4 for CXCL12
    assert _linked("NCT90000002") == {"SELE"}
    assert _linked("NCT90000003") == {"IL6"}


def test_trials_never_attach_through_indirect_agents_or_stages_earned_elsewhere(assembled):
    _apply_trials(
        _trial("NCT90000011", "Bortezomib"),  # indirect for RELA (acts on PSMB5)
        _trial("NCT90000012", "Gilteritinib"),  # FLT3 trials: AXL's gilteritinib stage is other_primary_target
    )
    assert _linked("NCT90000011") == set()
    assert _linked("NCT90000012") == set()


def test_a_source_mechanism_cannot_override_the_catalogue_for_trials(assembled):
    rela = Target.objects.get(symbol="RELA")
    bortezomib = DrugMechanism.objects.get(target=rela, source="catalogue").drug
    DrugMechanism.objects.create(drug=bortezomib, target=rela, source="chembl", attribution="direct")
    _apply_trials(_trial("NCT90000013", "Bortezomib"))
    assert _linked("NCT90000013") == set()


def test_a_drug_name_inside_a_longer_name_does_not_attach(assembled):
    _apply_trials(_trial("NCT90000021", "Plerixaforamide"), _trial("NCT90000022", "Plerixafor 240 mcg/kg"))
    assert _linked("NCT90000021") == set()
    assert "CXCR4" in _linked("NCT90000022")


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        (("Myelodysplastic Syndromes",), True),
        (("MDS", "Anemia"), True),
        (("Myelodysplastic Syndromes", "Acute Myeloid Leukemia"), False),
        (("Leukemia, Myeloid, Acute",), False),
        (("AML",), False),
    ],
)
def test_mds_only_trials_are_marked(assembled, conditions, expected):
    _apply_trials(_trial("NCT90000031", "Plerixafor", conditions=conditions))
    assert ClinicalTrial.objects.get(nct_id="NCT90000031").mds_only is expected


def test_open_targets_liabilities_are_signals_and_datatype_scores_are_stored(assembled):
    cd47 = Target.objects.get(symbol="CD47")
    liabilities = [
        r.SafetyLiability(
            event="anaemia",
            event_id="EFO_0004272",
            datasource="ToxCast",
            effects=(r.SafetyEffect(direction="Inhibition/Decrease/Downregulation", dosing=None),),
            biosamples=("erythrocyte",),
            url="https://example.org/assembled",
        ),
        r.SafetyLiability(
            event=None, event_id="EFO_0000001", datasource="AOP-Wiki", effects=(), biosamples=(), url=None
        ),
    ]
    row = row_from_provenance("target", cd47.ensembl_id, cd47.pk, _profile(cd47, liabilities=liabilities))
    association = r.AssociationScore(
        disease_id="MONDO_0018874",
        ensembl_id=cd47.ensembl_id,
        symbol="CD47",
        score=0.4,
        datatype_scores=(
            r.ScoredComponent(id="literature", score=0.6),
            r.ScoredComponent(id="somatic_mutation", score=0.1),
        ),
        datasource_scores=(),
        provenance=_prov("opentargets", {"a": 1}),
    )
    rows = [row, row_from_provenance("association", f"MONDO_0018874:{cd47.ensembl_id}", cd47.pk, association)]
    opentargets.apply(rows, {cd47.pk: cd47})
    cd47.refresh_from_db()
    assert cd47.aml_association_datatypes == {"literature": 0.6, "somatic_mutation": 0.1}
    signals = SafetySignal.objects.filter(target=cd47, kind="open_targets_liability").order_by("signal")
    assert [(s.source, s.severity) for s in signals] == [("opentargets", ""), ("opentargets", "")]
    assert "anaemia (ToxCast); effects: Inhibition/Decrease/Downregulation; in: erythrocyte" in signals[1].signal
    assert opentargets.apply(rows, {cd47.pk: cd47}) == 0
    row = row_from_provenance("target", cd47.ensembl_id, cd47.pk, _profile(cd47, liabilities=liabilities[:1]))
    opentargets.apply([row], {cd47.pk: cd47})
    assert SafetySignal.objects.filter(target=cd47, kind="open_targets_liability").count() == 1
    assert SafetySignal.objects.filter(target=cd47, source="catalogue").exists()  # curated rows untouched


BCL2_LOCATIONS = (  # UniProt P10415, subcellular location
    ("Mitochondrion outer membrane", "SL-0172"),
    ("Nucleus membrane", "SL-0182"),
    ("Endoplasmic reticulum membrane", "SL-0097"),
)


def test_bcl2_organelle_membranes_do_not_make_it_reachable_by_antibodies(assembled):
    bcl2 = Target.objects.get(symbol="BCL2")
    flagged = _profile(bcl2, prioritisation=[("isInMembrane", "0"), ("isSecreted", "0")], locations=BCL2_LOCATIONS)
    assert opentargets.membrane_or_secreted(flagged) is False
    unflagged = _profile(bcl2, locations=BCL2_LOCATIONS)
    assert opentargets.membrane_or_secreted(unflagged) is False


def test_the_flags_decide_before_any_location_text(assembled):
    cxcr4 = Target.objects.get(symbol="CXCR4")
    surface = (("Cell membrane", "SL-0039"),)
    assert opentargets.membrane_or_secreted(_profile(cxcr4, prioritisation=[("isInMembrane", "1")])) is True
    both_no = _profile(cxcr4, prioritisation=[("isInMembrane", "0"), ("isSecreted", "0")], locations=surface)
    assert opentargets.membrane_or_secreted(both_no) is False
    assert opentargets.membrane_or_secreted(_profile(cxcr4, locations=surface)) is True
    assert opentargets.membrane_or_secreted(_profile(cxcr4)) is None


def test_an_assembled_trial_record_links_the_drug_but_adds_no_trial_to_a_target(assembled):
    trial = _trial("NCT90000041", "Plerixafor")
    row = dataclasses.replace(row_from_provenance("study", trial.nct_id, None, trial), assembled=True)
    clinicaltrials.apply([row], {t.pk: t for t in Target.objects.all()})
    stored = ClinicalTrial.objects.get(nct_id="NCT90000041")
    assert list(stored.drugs.values_list("name", flat=True)) == ["plerixafor"]
    assert not stored.targets.exists()


def test_a_source_naming_a_drug_by_its_code_name_finds_the_catalogue_drug(assembled):
    from targets.refresh.drugs import drug_upsert

    motixafortide = Drug.objects.get(name="motixafortide")
    assert drug_upsert(chembl_id="CHEMBL9000010", name="BL-8040") == motixafortide
    motixafortide.refresh_from_db()
    assert (motixafortide.name, motixafortide.chembl_id) == ("motixafortide", "CHEMBL9000010")
    assert drug_upsert(chembl_id=None, name="BL-80400").name == "BL-80400"  # a longer code is another drug
