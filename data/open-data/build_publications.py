"""Regenerate data/open-data/ncbi/gene_publications.tsv.gz from Debian's r-bioc-org.hs.eg.db 3.16 (not run at test
time). It is the package build_go.py reads; its gene2pubmed table is NCBI Gene's list of PubMed articles per gene
(EGSOURCEDATE 2022-Sep12 in the package's metadata).

    apt-get download r-bioc-org.hs.eg.db   # 3.16.0-1
    dpkg-deb -x r-bioc-org.hs.eg.db_3.16.0-1_all.deb ex
    python data/open-data/build_publications.py ex/usr/lib/R/site-library

Writes one row per protein-coding Entrez gene: entrez_id, symbol, publications (distinct PubMed ids NCBI Gene links
to the gene; 0 when none). Sorted by Entrez id; gzip with mtime 0, so the same package gives the same bytes.
"""

import sqlite3
import sys
from pathlib import Path

from build_go import _write  # the same tab-separated, gzip mtime 0 writer (run from this directory's scripts)

OUT = Path(__file__).with_name("ncbi") / "gene_publications.tsv.gz"
QUERY = """
select g.gene_id, i.symbol, (select count(distinct p.pubmed_id) from pubmed p where p._id = g._id)
from genes g join gene_info i on i._id = g._id
where g._id in (select _id from genetype where gene_type = 'protein-coding')
"""


def main(site_library: str) -> None:
    org = sqlite3.connect(Path(site_library) / "org.Hs.eg.db/extdata/org.Hs.eg.sqlite")
    rows = sorted((int(entrez), symbol, count) for entrez, symbol, count in org.execute(QUERY))
    OUT.parent.mkdir(exist_ok=True)
    _write(OUT, ["entrez_id", "symbol", "publications"], [[str(e), symbol, str(n)] for e, symbol, n in rows])
    print(f"{OUT}: {len(rows)} protein-coding genes")


if __name__ == "__main__":
    main(sys.argv[1])
