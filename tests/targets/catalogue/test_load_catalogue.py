"""Loading the catalogue: every target arrives, a reload changes nothing, a bad file changes nothing."""

import csv
import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from targets.catalogue.errors import CatalogueError
from targets.catalogue.load import catalogue_load
from targets.models import ClinicalTrial, Drug, DrugMechanism, Evidence, Interaction, Target
from tests.conftest import DATA, bundled_catalogue_files

pytestmark = pytest.mark.django_db


def _snapshot():
    """Every row the loader writes, as comparable tuples."""
    return {
        "targets": sorted(Target.objects.values_list("symbol", "stage_aml", "stage_aml_qualifiers", "updated_at")),
        "history": Target.history.count() + Evidence.history.count(),
        "evidence": sorted(Evidence.objects.values_list("target__symbol", "citation", "verified")),
        "mechanisms": sorted(DrugMechanism.objects.values_list("drug__name", "target__symbol", "stage_aml")),
        "drugs": Drug.objects.count(),
        "trials": sorted(ClinicalTrial.objects.values_list("nct_id", flat=True)),
        "trial_links": sorted(ClinicalTrial.targets.through.objects.values_list("clinicaltrial_id", "target_id")),
        "interactions": sorted(Interaction.objects.values_list("ligand__symbol", "receptor__symbol")),
    }


def _copy_with(tmp_path, edit):
    """A copy of the bundled catalogue with one row edited by ``edit(rows)``."""
    with (DATA / "msc_aml_targets.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    path = tmp_path / "catalogue.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_all_38_targets_load_with_their_relations(catalogue):
    assert Target.objects.count() == 38
    cxcr4 = Target.objects.get(symbol="CXCR4")
    assert (cxcr4.ensembl_id, cxcr4.uniprot, cxcr4.compartment, cxcr4.role) == (
        "ENSG00000121966",
        "P61073",
        "aml_blast",
        "pro_leukemic",
    )
    assert set(cxcr4.trials.values_list("nct_id", flat=True)) >= {"NCT00512252", "NCT01352650", "NCT02305563"}
    assert "plerixafor" in set(cxcr4.mechanisms.values_list("drug__name", flat=True))
    assert Interaction.objects.filter(ligand__symbol="CXCL12", receptor__symbol="CXCR4").exists()


def test_qualifiers_survive_into_the_database(catalogue):
    sele = Target.objects.get(symbol="SELE")
    assert (sele.stage_aml, sele.stage_aml_qualifiers) == ("phase3", ["negative"])
    rela = Target.objects.get(symbol="RELA")
    # 'indirect' is no stage qualifier any more: it is the attribution of RELA's agent (bortezomib via PSMB5)
    assert rela.stage_aml_qualifiers == ["negative"]
    assert rela.stage_any_qualifiers == []
    assert rela.mechanisms.get(drug__name="bortezomib").attribution == "indirect"


def test_unverified_facts_stay_marked(catalogue):
    cd38 = Target.objects.get(symbol="CD38")
    assert cd38.stage_aml_qualifiers == ["unverified"]
    assert cd38.has_unverified_facts
    # evidence verification is the evidence row's own V/M mark: test_knowledge_load.py


def test_loading_twice_changes_nothing(catalogue):
    before = _snapshot()
    report = catalogue_load(**bundled_catalogue_files())
    assert report.changed == 0
    assert _snapshot() == before


def test_a_malformed_row_is_refused_with_line_and_field_and_nothing_is_written(tmp_path):
    def break_cd44(rows):
        next(row for row in rows if row["symbol"] == "CD44")["stage"] = "AML:phase9; any:phase1"

    path = _copy_with(tmp_path, break_cd44)
    with pytest.raises(CatalogueError) as error:
        catalogue_load(targets_path=path, agents_path=None, interactions_path=None)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), start=1) if text.startswith("CD44,"))
    [(bad_line, field, message)] = error.value.problems
    assert (bad_line, field) == (line, "stage")
    assert message.startswith("unknown stage 'phase9'")
    assert f"line {line}, field 'stage'" in str(error.value)
    assert Target.objects.count() == 0


def test_a_bad_file_leaves_an_earlier_good_load_untouched(catalogue, tmp_path):
    before = _snapshot()

    def break_two_rows(rows):
        rows[0]["ensembl_id"] = "ENSG123"
        rows[5]["role"] = "helpful"
        rows[6]["mechanism"] = "changed text that must not be written"

    with pytest.raises(CatalogueError) as error:
        catalogue_load(targets_path=_copy_with(tmp_path, break_two_rows), agents_path=None, interactions_path=None)
    fields = [field for _, field, _ in error.value.problems]
    assert fields == ["ensembl_id", "role"]
    assert _snapshot() == before


def test_duplicate_symbols_name_both_lines(tmp_path):
    def duplicate(rows):
        rows[3]["symbol"] = rows[0]["symbol"]

    with pytest.raises(CatalogueError, match=r"field 'symbol': 'CXCR4' already appears on line 2"):
        catalogue_load(targets_path=_copy_with(tmp_path, duplicate), agents_path=None, interactions_path=None)


def test_wrong_header_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("symbol,ensembl\nCXCR4,ENSG00000121966\n")
    with pytest.raises(CatalogueError, match="line 1, field 'header'"):
        catalogue_load(targets_path=path, agents_path=None, interactions_path=None)


def test_agents_table_with_unknown_symbol_rejects_everything(tmp_path):
    agents = tmp_path / "agents.csv"
    shutil.copy(DATA / "catalogue_agents.csv", agents)
    columns = agents.read_text(encoding="utf-8").splitlines()[0].split(",")
    row = dict.fromkeys(columns, "") | {"symbol": "NOTAGENE", "agent": "somedrug", "modality": "antibody"}
    row |= {"action_type": "inhibitor", "directness": "direct", "verified": "V"}
    with agents.open("a", encoding="utf-8") as handle:
        handle.write(",".join(row[column] for column in columns) + "\n")
    with pytest.raises(CatalogueError, match="field 'symbol': 'NOTAGENE' is not a target of the catalogue"):
        catalogue_load(targets_path=DATA / "msc_aml_targets.csv", agents_path=agents, interactions_path=None)
    assert Target.objects.count() == 0


def test_command_reports_counts_and_errors(tmp_path):
    out = io.StringIO()
    call_command("load_catalogue", stdout=out)
    assert "Target: 38 created" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("")
    with pytest.raises(CommandError, match="the file is empty"):
        call_command("load_catalogue", str(bad))


def test_a_reload_after_a_curator_renamed_a_target_names_the_clash_and_writes_nothing(catalogue):
    Target.objects.filter(symbol="JAG1").update(symbol="JAG1X")
    before = _snapshot()
    with pytest.raises(CatalogueError) as error:
        catalogue_load(
            targets_path=DATA / "msc_aml_targets.csv",
            agents_path=DATA / "catalogue_agents.csv",
            interactions_path=DATA / "interactions.csv",
        )
    fields = {field for _, field, _ in error.value.problems}
    assert fields == {"ensembl_id", "uniprot"}
    assert "belongs to target JAG1X in the database, not JAG1" in str(error.value)
    assert _snapshot() == before


def test_if_empty_leaves_a_loaded_database_alone(catalogue):
    Target.objects.filter(symbol="CXCR4").update(mechanism="edited by a curator")
    out = io.StringIO()
    call_command("load_catalogue", "--if-empty", stdout=out)
    assert "not reloading" in out.getvalue()
    assert Target.objects.get(symbol="CXCR4").mechanism == "edited by a curator"
