"""Read the Hart et al. 2017 reference gene sets (data/open-data/hart2017): core-essential and non-essential."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targets.catalogue.errors import CatalogueError

CORE_ESSENTIAL_FILE = "CEGv2.txt"
NON_ESSENTIAL_FILE = "NEGv1.txt"
HEADER = ("GENE", "HGNC_ID", "ENTREZ_ID")
CITATION = "10.1534/g3.117.041277"  # Hart et al. 2017, G3 7:2719


@dataclass(frozen=True)
class Essentials:
    """The two reference sets, by gene symbol."""

    core: frozenset[str]
    non_essential: frozenset[str]

    def status(self, symbol: str) -> bool | None:
        """True for a core-essential gene, False for a non-essential one, None when in neither set."""
        if symbol in self.core:
            return True
        if symbol in self.non_essential:
            return False
        return None


def read_essentials(directory: Path) -> Essentials:
    """Both files of the directory; a missing file or a bad line is a CatalogueError naming it."""
    return Essentials(_genes(directory / CORE_ESSENTIAL_FILE), _genes(directory / NON_ESSENTIAL_FILE))


def _genes(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CatalogueError([(0, "file", f"cannot open: {exc.strerror}")], str(path)) from exc
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise CatalogueError([(1, "header", f"expected tab-separated columns {', '.join(HEADER)}")], str(path))
    genes, problems = set(), []
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        fields = text.split("\t")
        if len(fields) != len(HEADER) or not fields[0].strip():
            problems.append((number, "GENE", f"expected {len(HEADER)} tab-separated fields with a gene symbol"))
            continue
        genes.add(fields[0].strip())
    if problems:
        raise CatalogueError(problems, str(path))
    return frozenset(genes)
