"""An ASSEMBLED small universe: real rows of the bundled open-data files, cut down to a few niche genes.

The subset is written into a temporary directory at test time from data/open-data/ (never ../shared), so most
tests load ~40 genes instead of 19,281; one test loads the full files.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
OPEN_DATA = ROOT / "data" / "open-data"
# Niche genes (curated and not), their partners, an essential gene, an intracellular gene and one with no pair.
SUBSET = {
    "CXCL12",
    "CXCR4",
    "ACKR3",
    "VCAM1",
    "ITGA4",
    "ITGB1",
    "ITGB7",
    "SELE",
    "CD44",
    "SPP1",
    "GAS6",
    "AXL",
    "MERTK",
    "JAG1",
    "NOTCH1",
    "ANGPT1",
    "TEK",
    "MIF",
    "CD74",
    "EGFR",
    "KDR",
    "VEGFA",
    "DPP4",
    "POLR2A",
    "BCL2",
    "RPL3",
    "TP53",
    "PSMB5",
    "RELA",
    "ABCG8",
}


def _gz_lines(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode().splitlines(keepends=True)


def _write_gz(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress("".join(lines).encode(), mtime=0))


def build_assembled(target: Path) -> Path:
    """Write the assembled subset of every source file under ``target`` (same layout as data/open-data)."""
    hgnc = _gz_lines(OPEN_DATA / "hgnc/protein_coding.tsv.gz")
    kept = [line for line in hgnc[1:] if line.split("\t")[1] in SUBSET]
    _write_gz(target / "hgnc/protein_coding.tsv.gz", [hgnc[0], *kept])
    entrez = {line.split("\t")[5] for line in kept}
    for name in ("go_terms", "go_annotated"):
        lines = _gz_lines(OPEN_DATA / f"go/{name}.tsv.gz")
        _write_gz(target / f"go/{name}.tsv.gz", [lines[0]] + [x for x in lines[1:] if x.split("\t")[0] in entrez])
    lr = (OPEN_DATA / "liana/omni_consensus_baccin2019.csv").read_text().splitlines(keepends=True)
    rows = [
        line
        for line in lr[1:]
        if set(next(csv.reader([line]))[2].split("_") + next(csv.reader([line]))[3].split("_")) <= SUBSET
    ]
    (target / "liana").mkdir(parents=True)
    (target / "liana/omni_consensus_baccin2019.csv").write_text("".join([lr[0], *rows]))
    for path, column in (("drugcentral2016/drug_target.tsv", 6), ("hart2017/CEGv2.txt", 0), ("hart2017/NEGv1.txt", 0)):
        lines = (OPEN_DATA / path).read_text().splitlines(keepends=True)
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        body = [x for x in lines[1:] if x.strip() and set(x.split("\t")[column].strip().split("|")) & SUBSET]
        (target / path).write_text("".join([lines[0], *body]))
    gmt = (OPEN_DATA / "reactome/ReactomePathways.gmt").read_text().splitlines(keepends=True)
    (target / "reactome").mkdir()
    (target / "reactome/ReactomePathways.gmt").write_text(
        "".join(x for x in gmt if set(x.rstrip("\n").split("\t")[2:]) & SUBSET)
    )
    ot = _gz_lines(OPEN_DATA / "opentargets/tractability_50.csv.gz")
    _write_gz(
        target / "opentargets/tractability_50.csv.gz", [ot[0]] + [x for x in ot[1:] if x.split("\t")[1] in SUBSET]
    )
    return target


@pytest.fixture(scope="session")
def assembled_dir(tmp_path_factory) -> Path:
    return build_assembled(tmp_path_factory.mktemp("assembled-universe"))


def copy_tree(source: Path, target: Path) -> Path:
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())
    return target


@pytest.fixture
def editable_dir(assembled_dir, tmp_path) -> Path:
    """A private copy of the assembled files that a test may damage."""
    return copy_tree(assembled_dir, tmp_path / "data")


@pytest.fixture
def universe(catalogue, assembled_dir):
    """The curated catalogue plus the assembled universe, loaded and ranked (200 stability draws)."""
    from targets.universe.discover import run_discovery
    from targets.universe.load import load_universe

    load_universe(assembled_dir)
    return run_discovery(samples=200)


@pytest.fixture
def curator_client(db) -> Client:
    user = User.objects.create_user("uni-curator", password="x-pass-123")
    user.groups.add(Group.objects.get_or_create(name="curators")[0])
    client = Client()
    client.force_login(user)
    return client


def tsv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t"))
