"""Read data/open-data/ncbi/gene_publications.tsv.gz: PubMed articles per protein-coding gene (NCBI gene2pubmed)."""

from __future__ import annotations

import gzip
from pathlib import Path

from targets.catalogue.errors import CatalogueError

HEADER = ("entrez_id", "symbol", "publications")
CITATION = "NCBI Gene gene2pubmed via Bioconductor org.Hs.eg.db 3.16 (2022-Sep12)"


def read_publications(path: Path) -> dict[str, int]:
    """Symbol -> number of PubMed articles NCBI Gene links to it; a missing file or a bad line is a CatalogueError
    naming it."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, EOFError) as exc:
        raise CatalogueError([(0, "file", f"cannot open: {exc}")], str(path)) from exc
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise CatalogueError([(1, "header", f"expected tab-separated columns {', '.join(HEADER)}")], str(path))
    counts, problems = {}, []
    for number, text in enumerate(lines[1:], start=2):
        fields = text.split("\t")
        if len(fields) != len(HEADER) or not fields[1] or not fields[2].isdigit():
            problems.append((number, "publications", "expected an Entrez id, a symbol and a count of articles"))
            continue
        counts[fields[1]] = int(fields[2])
    if problems:
        raise CatalogueError(problems, str(path))
    return counts
