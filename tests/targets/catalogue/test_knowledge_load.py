"""Loading graded evidence, safety signals, core-essential genes, attribution and qualifiers from the
ASSEMBLED fixture files in tests/fixtures/catalogue/ (illustrative rows that exercise the loader's rules)."""

import shutil

import pytest

from targets.catalogue.errors import CatalogueError
from targets.catalogue.load import catalogue_load
from targets.models import Drug, DrugMechanism, Evidence, SafetySignal, Target
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.django_db

FIXTURES = ROOT / "tests" / "fixtures" / "catalogue"


def _files(**override):
    files = {
        "targets_path": DATA / "msc_aml_targets.csv",
        "agents_path": FIXTURES / "assembled_agents.csv",
        "interactions_path": FIXTURES / "assembled_interactions.csv",
        "evidence_path": FIXTURES / "assembled_evidence.csv",
        "safety_path": FIXTURES / "assembled_safety.csv",
        "essentials_dir": FIXTURES / "hart",
    }
    return files | override


@pytest.fixture
def assembled(db):
    return catalogue_load(**_files())


def _state():
    return {
        "evidence": sorted(Evidence.objects.values_list("target__symbol", "citation", "claim", "level", "verified")),
        "signals": sorted(SafetySignal.objects.values_list("target__symbol", "kind", "signal", "source", "drug_id")),
        "mechanisms": sorted(
            DrugMechanism.objects.values_list(
                "drug__name", "target__symbol", "source", "attribution", "acts_on", "stage_any_qualifiers"
            )
        ),
        "drugs": sorted(Drug.objects.values_list("name", "aliases")),
        "targets": sorted(Target.objects.values_list("symbol", "core_essential", "updated_at")),
        "history": Target.history.count() + Evidence.history.count() + SafetySignal.history.count(),
    }


def test_evidence_is_one_graded_row_per_finding_and_no_boilerplate(assembled):
    cxcr4 = Evidence.objects.filter(target__symbol="CXCR4").order_by("level")
    assert [(e.citation, e.level, e.niche_mediated, e.verified) for e in cxcr4] == [
        ("23213054", "in_vitro", True, True),
        ("23213054", "in_vivo", True, False),
    ]
    assert cxcr4[0].checked_source == "https://pubmed.ncbi.nlm.nih.gov/23213054/"
    assert not Evidence.objects.filter(claim__startswith="Catalogue citation for").exists()
    assert Evidence.objects.filter(source="catalogue").count() == 4


def test_each_finding_keeps_where_it_was_made_and_an_older_file_without_the_column_still_loads(assembled, tmp_path):
    contexts = dict(Evidence.objects.values_list("level", "context").filter(target__symbol="CXCR4"))
    assert contexts == {"in_vitro": "aml", "in_vivo": "other_leukaemia"}
    assert Evidence.objects.get(target__symbol="CD47").context == ""  # blank: not recorded
    old = tmp_path / "evidence.csv"
    old.write_text(EVIDENCE_HEADER + "\nCXCR4,23213054,A finding.,in_vitro,pro_leukemic,yes,M,,\n", encoding="utf-8")
    catalogue_load(**_files(evidence_path=old))
    assert Evidence.objects.get(source="catalogue").context == ""


def test_a_bad_context_names_its_line_and_field(tmp_path):
    header = EVIDENCE_HEADER.replace("niche_mediated,", "niche_mediated,context,")
    path = _bad(tmp_path, "evidence.csv", header, "CXCR4,23213054,A finding.,in_vitro,pro_leukemic,yes,mouse,M,,")
    with pytest.raises(CatalogueError) as error:
        catalogue_load(**_files(evidence_path=path))
    [(line, field, text)] = error.value.problems
    assert (line, field) == (2, "context") and "'mouse' is not a evidence context" in text
    assert Target.objects.count() == 0


def test_verification_comes_from_the_row_not_from_urls(assembled):
    # the catalogue's own V: sources name PMID 23213054 for CXCR4, yet the M row stays unverified
    xenograft = Evidence.objects.get(target__symbol="CXCR4", level="in_vivo")
    assert xenograft.verified is False


def test_contrary_and_null_findings_are_kept(assembled):
    sele = Evidence.objects.get(target__symbol="SELE")
    assert (sele.direction, sele.level, sele.niche_mediated) == ("no_effect", "clinical", False)
    assert sele.is_contrary
    assert Evidence.objects.get(target__symbol="CD47").is_contrary


def test_curated_safety_rows_are_stored_with_kind_severity_and_source(assembled):
    cxcr4 = SafetySignal.objects.get(target__symbol="CXCR4", source="catalogue")
    assert (cxcr4.kind, cxcr4.severity, cxcr4.evidence, cxcr4.verified) == ("hsc_niche", "moderate", "clinical", True)
    none_found = SafetySignal.objects.get(target__symbol="GJA1")
    assert (none_found.kind, none_found.severity, none_found.citation) == ("no_signal_found", "", "")


def test_hart_sets_set_core_essential_and_a_safety_signal(assembled):
    assert Target.objects.get(symbol="BCL2L1").core_essential is True
    assert Target.objects.get(symbol="CD38").core_essential is False
    assert Target.objects.get(symbol="CXCR4").core_essential is None  # in neither set: unknown, not safe
    signal = SafetySignal.objects.get(target__symbol="BCL2L1", kind="core_essential")
    assert (signal.source, signal.citation) == ("derived", "10.1534/g3.117.041277")
    assert not SafetySignal.objects.filter(target__symbol="CD38", kind="core_essential").exists()


def test_a_programme_stopped_for_harm_becomes_a_safety_signal(assembled):
    signal = SafetySignal.objects.get(target__symbol="CD47", kind="stopped_for_harm")
    assert (signal.source, signal.drug.name, signal.evidence) == ("derived", "magrolimab", "clinical")
    assert "magrolimab" in signal.signal


def test_legacy_qualifier_words_are_read_in_the_new_vocabulary(assembled):
    def qualifiers(drug):
        return DrugMechanism.objects.get(drug__name=drug, source="catalogue").stage_any_qualifiers

    assert qualifiers("magrolimab") == ["negative", "stopped_harm"]  # failed -> negative
    assert qualifiers("RG7356") == ["terminated"]  # discontinued -> terminated
    assert qualifiers("bortezomib") == []  # indirect -> the attribution, not a qualifier
    assert qualifiers("gilteritinib") == ["other_primary_target", "unverified"]


def test_attribution_and_acts_on_are_stored(assembled):
    tocilizumab = DrugMechanism.objects.get(drug__name="tocilizumab")
    assert (tocilizumab.attribution, tocilizumab.acts_on, tocilizumab.attribution_text) == (
        "via_partner",
        "IL6R",
        "via IL6R",
    )
    bortezomib = DrugMechanism.objects.get(drug__name="bortezomib")
    assert bortezomib.attribution_text == "indirect via PSMB5"


def test_direct_agents_are_credited_to_the_pair_partner_via_partner(assembled):
    derived = {
        (m.drug.name, m.target.symbol): m for m in DrugMechanism.objects.filter(source="derived").select_related()
    }
    assert set(derived) == {
        ("plerixafor", "CXCL12"),
        ("motixafortide", "CXCL12"),
        ("olaptesed pegol", "CXCR4"),
        ("natalizumab", "VCAM1"),
    }
    plerixafor = derived["plerixafor", "CXCL12"]
    assert (plerixafor.attribution, plerixafor.acts_on, plerixafor.stage_any) == ("via_partner", "CXCR4", "approved")
    assert plerixafor.attribution_text == "via CXCR4"


def test_a_curated_row_for_the_same_drug_blocks_the_derived_one(tmp_path):
    agents = tmp_path / "agents.csv"
    shutil.copy(FIXTURES / "assembled_agents.csv", agents)
    with agents.open("a", encoding="utf-8") as handle:
        handle.write("CXCL12,plerixafor,small molecule,antagonist,direct,,,,,,,M,curated on both sides,\n")
    catalogue_load(**_files(agents_path=agents))
    on_cxcl12 = DrugMechanism.objects.filter(drug__name="plerixafor", target__symbol="CXCL12")
    assert list(on_cxcl12.values_list("source", "attribution")) == [("catalogue", "direct")]


def test_code_names_are_stored_as_drug_aliases(assembled):
    assert Drug.objects.get(name="motixafortide").aliases == ["BL-8040"]
    assert Drug.objects.get(name="uproleselan").aliases == ["GMI-1271"]
    assert Drug.objects.get(name="plerixafor").aliases == ["AMD3100", "Mozobil"]


def test_a_second_load_changes_nothing_and_writes_no_history(assembled):
    before = _state()
    report = catalogue_load(**_files())
    assert report.changed == 0
    assert _state() == before


def test_removed_rows_disappear_on_reload(assembled, tmp_path):
    evidence = tmp_path / "evidence.csv"
    lines = (FIXTURES / "assembled_evidence.csv").read_text().splitlines()
    evidence.write_text("\n".join(lines[:2]) + "\n")
    safety = tmp_path / "safety.csv"
    safety.write_text((FIXTURES / "assembled_safety.csv").read_text().splitlines()[0] + "\n")
    catalogue_load(**_files(evidence_path=evidence, safety_path=safety))
    assert Evidence.objects.filter(source="catalogue").count() == 1
    assert not SafetySignal.objects.filter(source="catalogue").exists()
    assert SafetySignal.objects.filter(source="derived").exists()  # derived signals follow their own files


def _bad(tmp_path, name, header, row):
    path = tmp_path / name
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    return path


EVIDENCE_HEADER = "symbol,citation,finding,level,direction,niche_mediated,verified,checked_source,note"
SAFETY_HEADER = "symbol,kind,signal,severity,evidence,citation,verified,checked_source,note"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("CXCR4,23213054,A finding.,ungraded,pro_leukemic,yes,M,,", "level", "'ungraded' is not a evidence level"),
        ("CXCR4,23213054,A finding.,in_vitro,contrary,yes,M,,", "direction", "'contrary' is not a direction"),
        ("CXCR4,23213054,A finding.,in_vitro,pro_leukemic,maybe,M,,", "niche_mediated", "'maybe'"),
        ("CXCR4,23213054,A finding.,in_vitro,pro_leukemic,yes,V,,", "checked_source", "required when verified is V"),
        ("CXCR4,notacitation,A finding.,in_vitro,pro_leukemic,yes,M,,", "citation", "neither a PMID"),
        ("NOTAGENE,23213054,A finding.,in_vitro,pro_leukemic,yes,M,,", "symbol", "not a target of the catalogue"),
        ("CXCR4,23213054," + "x" * 401 + ",in_vitro,pro_leukemic,yes,M,,", "finding", "at most 400"),
    ],
)
def test_a_bad_evidence_row_names_line_and_field_and_writes_nothing(tmp_path, row, field, message):
    path = _bad(tmp_path, "evidence.csv", EVIDENCE_HEADER, row)
    with pytest.raises(CatalogueError) as error:
        catalogue_load(**_files(evidence_path=path))
    [(line, bad_field, text)] = error.value.problems
    assert (line, bad_field) == (2, field)
    assert message in text
    assert f"line 2, field '{field}'" in str(error.value)
    assert Target.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("CXCR4,hsc_niche,A signal.,,clinical,23213054,M,,", "severity"),
        ("CXCR4,no_signal_found,Nothing found.,low,,,M,,", "severity"),
        ("CXCR4,stopped_for_harm,A signal.,high,clinical,23213054,M,,", "kind"),
        ("CXCR4,hsc_niche,A signal.,high,clinical,,M,,", "citation"),  # no citation and no checked source
        ("CXCR4,hsc_niche,A signal.,high,mouse,23213054,M,,", "evidence"),
    ],
)
def test_a_bad_safety_row_names_line_and_field_and_writes_nothing(tmp_path, row, field):
    path = _bad(tmp_path, "safety.csv", SAFETY_HEADER, row)
    with pytest.raises(CatalogueError, match=f"line 2, field '{field}'"):
        catalogue_load(**_files(safety_path=path))
    assert Target.objects.count() == 0


def test_a_bad_agent_row_leaves_an_earlier_load_untouched(assembled, tmp_path):
    before = _state()
    agents = tmp_path / "agents.csv"
    shutil.copy(FIXTURES / "assembled_agents.csv", agents)
    with agents.open("a", encoding="utf-8") as handle:
        handle.write("CXCL12,AMD070,small molecule,antagonist,via_partner,,,,,,,M,no partner named,\n")
        handle.write("CXCL12,AMD071,small molecule,antagonist,direct,CXCR4,,,,bogus,,M,,\n")
    with pytest.raises(CatalogueError) as error:
        catalogue_load(**_files(agents_path=agents))
    assert [field for _, field, _ in error.value.problems] == ["acts_on", "acts_on", "stage_any_qualifiers"]
    assert _state() == before


def test_a_missing_or_malformed_hart_file_is_refused(tmp_path):
    (tmp_path / "CEGv2.txt").write_text("GENE\tHGNC_ID\tENTREZ_ID\nBCL2L1\n")
    (tmp_path / "NEGv1.txt").write_text("GENE\tHGNC_ID\tENTREZ_ID\n")
    with pytest.raises(CatalogueError, match="line 2, field 'GENE'"):
        catalogue_load(**_files(essentials_dir=tmp_path))
    with pytest.raises(CatalogueError, match="cannot open"):
        catalogue_load(**_files(essentials_dir=tmp_path / "nowhere"))
    assert Target.objects.count() == 0


def test_a_clinical_stage_no_verified_agent_reaches_is_marked_unverified(catalogue):
    # the bundled catalogue: MIF, ENTPD1 and LGALS3 reach any-indication phase 2 only through stages noted
    # from memory; BCL2's approval is venetoclax's, checked (V)
    for symbol in ("MIF", "ENTPD1", "LGALS3"):
        target = Target.objects.get(symbol=symbol)
        assert (target.stage_any, "unverified" in target.stage_any_qualifiers) == ("phase2", True), symbol
    bcl2 = Target.objects.get(symbol="BCL2")
    assert "unverified" not in bcl2.stage_aml_qualifiers + bcl2.stage_any_qualifiers


def test_the_command_reads_every_companion_file_and_says_which_default_is_missing(settings, tmp_path):
    import io

    from django.core.management import call_command

    settings.NICHERANK_SAFETY_PATH = tmp_path / "nowhere.csv"
    out, err = io.StringIO(), io.StringIO()
    call_command("load_catalogue", "--evidence", str(FIXTURES / "assembled_evidence.csv"), stdout=out, stderr=err)
    assert "nowhere.csv not found: safety not loaded" in err.getvalue()
    assert "Evidence: 4 created" in out.getvalue()
    assert not SafetySignal.objects.filter(source="catalogue").exists()
    with pytest.raises(Exception, match="cannot open"):
        call_command("load_catalogue", "--safety", str(tmp_path / "named.csv"), stdout=out, stderr=err)
    call_command("load_catalogue", "--no-evidence", stdout=out, stderr=err)
    assert Evidence.objects.filter(source="catalogue").count() == 4  # not read, so left as it was


def _publications(tmp_path, text: str):
    import gzip

    path = tmp_path / "gene_publications.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    return path


def test_pubmed_counts_per_gene_set_each_targets_study_depth_and_an_unlisted_gene_stays_unknown(db, tmp_path):
    # an assembled file: two real symbols with made-up counts
    path = _publications(tmp_path, "entrez_id\tsymbol\tpublications\n7852\tCXCR4\t2105\n6387\tCXCL12\t0\n")
    catalogue_load(**_files(publications_path=path))
    counts = dict(Target.objects.filter(symbol__in=["CXCR4", "CXCL12", "SELE"]).values_list("symbol", "publications"))
    assert counts == {"CXCR4": 2105, "CXCL12": 0, "SELE": None}


def test_a_bad_publications_line_names_it_and_writes_nothing(db, tmp_path):
    path = _publications(tmp_path, "entrez_id\tsymbol\tpublications\n7852\tCXCR4\tmany\n")
    with pytest.raises(CatalogueError) as error:
        catalogue_load(**_files(publications_path=path))
    assert error.value.problems[0][:2] == (2, "publications")
    assert Target.objects.count() == 0


def test_the_bundled_publications_file_names_every_catalogue_target():
    from targets.catalogue.publications import read_publications
    from targets.catalogue.targets_file import parse_targets_file

    counts = read_publications(DATA / "open-data" / "ncbi" / "gene_publications.tsv.gz")
    assert len(counts) > 19000
    assert all(counts.get(row.symbol, 0) > 0 for row in parse_targets_file(DATA / "msc_aml_targets.csv"))
