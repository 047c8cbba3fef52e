"""Regenerate data/open-data/go/ from Debian's r-bioc-org.hs.eg.db and r-bioc-go.db 3.16 (not run at test time).

    apt-get download r-bioc-org.hs.eg.db r-bioc-go.db   # 3.16.0-1
    for f in r-bioc-*.deb; do dpkg-deb -x "$f" ex; done
    python data/open-data/build_go.py ex/usr/lib/R/site-library

Writes two files, protein-coding Entrez genes only, evidence code ND ("no biological data") left out:
- go_terms.tsv.gz: entrez_id, go_id, term (name from GO.sqlite), evidence codes (sorted, |-separated)
  for the TERMS below, with annotations propagated up the ontology (the package's go_*_all tables: a
  gene annotated to "external side of plasma membrane" counts for "cell surface"), except the two
  SECRETED terms: those count only when annotated directly and not from high-throughput proteomics
  (HDA), because "extracellular exosome" sits under "extracellular space" and exosome proteomics
  would make ACTB and thousands of intracellular proteins "secreted";
- go_annotated.tsv.gz: entrez_id and whether the gene has any CC / BP / MF annotation at all, so that a
  gene with no cellular-component annotation stays "unknown" rather than "not at the surface".
The KEGG table of the package is not read. Term names come from GO.sqlite.
"""

import gzip
import io
import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).with_name("go")
# go_id -> why the universe needs it (see docs/scoring.md, Discovery).
TERMS = {
    # antibody reach (cellular component)
    "GO:0009986": "cell surface: reachable by an antibody",
    "GO:0005615": "extracellular space: secreted, reachable by an antibody",
    "GO:0005576": "extracellular region: secreted, reachable by an antibody",
    "GO:0005886": "plasma membrane: possibly reachable (the face is not said)",
    # niche processes (biological process)
    "GO:0097241": "hematopoietic stem cell migration to bone marrow: homing to the niche",
    "GO:0050901": "leukocyte tethering or rolling: selectin-mediated capture (E-selectin, CD44)",
    "GO:0070098": "chemokine-mediated signaling pathway: CXCL12-CXCR4 and kin",
    "GO:0033627": "cell adhesion mediated by integrin: VCAM1-VLA-4",
    "GO:0034113": "heterotypic cell-cell adhesion: stroma-blast contact",
    "GO:0007160": "cell-matrix adhesion: adhesion to the niche's matrix",
    "GO:0071425": "hematopoietic stem cell proliferation",
    "GO:0061484": "hematopoietic stem cell homeostasis",
    "GO:0007219": "Notch signaling pathway: JAG1-NOTCH1",
    "GO:0060070": "canonical Wnt signaling pathway",
    # niche communication (molecular function)
    "GO:0008009": "chemokine activity",
    "GO:0005125": "cytokine activity: IL-6 and other secreted signals",
    "GO:0008083": "growth factor activity",
    "GO:0004896": "cytokine receptor activity",
    "GO:0050839": "cell adhesion molecule binding",
}
SECRETED = ("GO:0005615", "GO:0005576")  # direct annotations only, HDA left out (see above)
ONTOLOGY_TABLES = {"CC": "go_cc_all", "BP": "go_bp_all", "MF": "go_mf_all"}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    text = io.StringIO()
    text.write("\t".join(header) + "\n")
    for row in rows:
        text.write("\t".join(row) + "\n")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.getvalue().encode("utf-8"))


def main(site_library: str) -> None:
    root = Path(site_library)
    org = sqlite3.connect(root / "org.Hs.eg.db/extdata/org.Hs.eg.sqlite")
    go = sqlite3.connect(root / "GO.db/extdata/GO.sqlite")
    protein_coding = "select _id from genetype where gene_type = 'protein-coding'"
    term_rows: dict[tuple[int, str], set[str]] = {}
    names = {}
    for go_id in TERMS:
        names[go_id], ontology = go.execute("select term, ontology from go_term where go_id = ?", (go_id,)).fetchone()
        table = f"go_{ontology.lower()}" if go_id in SECRETED else ONTOLOGY_TABLES[ontology]
        excluded = "('ND', 'HDA')" if go_id in SECRETED else "('ND')"
        query = (
            f"select g.gene_id, a.evidence from {table} a join genes g on g._id = a._id "
            f"where a.go_id = ? and a.evidence not in {excluded} and a._id in ({protein_coding})"
        )
        for entrez, evidence in org.execute(query, (go_id,)):
            term_rows.setdefault((int(entrez), go_id), set()).add(evidence)
    _write(
        OUT / "go_terms.tsv.gz",
        ["entrez_id", "go_id", "term", "evidence"],
        [[str(e), g, names[g], "|".join(sorted(codes))] for (e, g), codes in sorted(term_rows.items())],
    )
    annotated: dict[int, set[str]] = {}
    for ontology in ONTOLOGY_TABLES:
        query = (
            f"select distinct g.gene_id from go_{ontology.lower()} a join genes g on g._id = a._id "
            f"where a.evidence != 'ND' and a._id in ({protein_coding})"
        )
        for (entrez,) in org.execute(query):
            annotated.setdefault(int(entrez), set()).add(ontology)
    _write(
        OUT / "go_annotated.tsv.gz",
        ["entrez_id", "cc", "bp", "mf"],
        [[str(e)] + ["1" if o in kinds else "0" for o in ONTOLOGY_TABLES] for e, kinds in sorted(annotated.items())],
    )
    print(f"{OUT}: {len(term_rows)} gene-term rows, {len(annotated)} annotated genes")


if __name__ == "__main__":
    main(sys.argv[1])
