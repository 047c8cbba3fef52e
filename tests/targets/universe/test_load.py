"""load_universe: all or nothing, a reload writes nothing, bad and truncated files refused whole with file/line."""

import gzip

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from targets.models import Gene, LigandReceptorPair, UniverseSource
from targets.universe.errors import UniverseFileError
from targets.universe.load import load_universe

pytestmark = pytest.mark.django_db


def _snapshot():
    genes = list(Gene.objects.order_by("id").values())
    pairs = list(LigandReceptorPair.objects.order_by("id").values())
    sources = list(UniverseSource.objects.order_by("id").values())
    return genes, pairs, sources


def test_assembled_universe_loads_genes_pairs_and_facts_with_sources(catalogue, assembled_dir):
    result = load_universe(assembled_dir)
    assert result.genes_created == Gene.objects.count() > 20
    cxcl12 = Gene.objects.get(symbol="CXCL12")
    assert cxcl12.hgnc_id == "HGNC:10672" and cxcl12.entrez_id == 6387 and "SDF1" in cxcl12.previous_symbols
    assert cxcl12.target is not None and cxcl12.target.symbol == "CXCL12"
    pair = LigandReceptorPair.objects.get(ligand__symbol="CXCL12", receptor__symbol="CXCR4", resource="baccin2019")
    assert pair.in_bone_marrow_atlas and "Baccin" in pair.reference
    # Complexes are split into subunits, the complex name kept.
    vla4 = LigandReceptorPair.objects.filter(ligand__symbol="VCAM1", receptor_complex="ITGA4_ITGB1")
    assert {p.receptor.symbol for p in vla4} == {"ITGA4", "ITGB1"}
    assert Gene.objects.get(symbol="POLR2A").essentiality == "core"
    assert UniverseSource.objects.get(key="drugcentral").release.startswith("DrugCentral")


def test_reload_of_the_same_files_changes_nothing(catalogue, assembled_dir):
    load_universe(assembled_dir)
    before = _snapshot()
    again = load_universe(assembled_dir)
    assert not again.changed
    assert _snapshot() == before


def test_truncated_gzip_is_refused_whole(catalogue, assembled_dir, editable_dir):
    load_universe(assembled_dir)
    before = _snapshot()
    path = editable_dir / "hgnc/protein_coding.tsv.gz"
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(UniverseFileError, match="protein_coding.tsv.gz: damaged or truncated"):
        load_universe(editable_dir)
    assert _snapshot() == before


def test_truncated_text_file_is_refused_with_its_line(db, editable_dir):
    path = editable_dir / "liana/omni_consensus_baccin2019.csv"
    text = path.read_text()
    path.write_text(text[: text.rindex(",")])  # cut inside the last row, no line end
    with pytest.raises(CommandError, match=r"omni_consensus_baccin2019.csv, line \d+: truncated"):
        call_command("load_universe", data_dir=editable_dir)
    assert not Gene.objects.exists() and not LigandReceptorPair.objects.exists()


def test_bad_row_in_a_later_file_writes_nothing(db, editable_dir):
    path = editable_dir / "hart2017/CEGv2.txt"
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(2, "BROKEN\tHGNC:x\t1\n")
    path.write_text("".join(lines))
    with pytest.raises(UniverseFileError, match=r"CEGv2.txt, line 3: HGNC_ID: invalid value 'HGNC:x'"):
        load_universe(editable_dir)
    assert not Gene.objects.exists()


def test_wrong_header_is_refused(db, editable_dir):
    path = editable_dir / "go/go_annotated.tsv.gz"
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")
    lines[0] = "entrez\tcc\tbp\tmf"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    with pytest.raises(UniverseFileError, match=r"go_annotated.tsv.gz, line 1: unexpected header"):
        load_universe(editable_dir)


def test_full_open_data_loads_every_protein_coding_gene(catalogue):
    result = load_universe()
    assert Gene.objects.count() == 19281
    assert result.pairs_created > 6000
    assert Gene.objects.filter(target__isnull=False).count() == 38
    assert not load_universe().changed


def test_make_run_fast_path_skips_unchanged_files_but_reads_changed_ones(catalogue, editable_dir):
    load_universe(editable_dir)
    assert load_universe(editable_dir, force=False).skipped
    path = editable_dir / "hart2017/CEGv2.txt"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("POLR2A\t")))  # leaves the set
    result = load_universe(editable_dir, force=False)
    assert not result.skipped and result.genes_updated == 1
    assert Gene.objects.get(symbol="POLR2A").essentiality == ""
