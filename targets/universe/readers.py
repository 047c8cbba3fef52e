"""Strict readers for the open-data files: each returns plain rows or raises `UniverseFileError` with the line.

A file is read whole before anything is written. A gzip stream that ends early, a text file whose last line
has no line end, a wrong header or a row with the wrong number of fields all mean a truncated or damaged file.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from targets.universe.errors import UniverseFileError
from targets.validators import ENSEMBL_GENE as ENSEMBL
from targets.validators import UNIPROT

HGNC_ID = re.compile(r"^HGNC:\d+$")
GO_ID = re.compile(r"^GO:\d{7}$")
REACTOME_ID = re.compile(r"^R-HSA-\d+$")
ENTREZ = re.compile(r"^\d+$")


@dataclass(frozen=True)
class RawFile:
    path: Path
    sha256: str
    lines: list[str]


def read_lines(path: Path) -> RawFile:
    """The file's lines (gunzipped when it ends in .gz) and the sha256 of its bytes; refuses truncation."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UniverseFileError(path, None, f"cannot read: {error.strerror or error}") from error
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as error:
            raise UniverseFileError(path, None, f"damaged or truncated gzip stream ({error})") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UniverseFileError(path, None, f"not UTF-8 at byte {error.start}") from error
    if not text:
        raise UniverseFileError(path, None, "empty file")
    if not text.endswith("\n"):
        raise UniverseFileError(path, text.count("\n") + 1, "truncated: the last line has no line end")
    if "\0" in text:
        raise UniverseFileError(path, text[: text.index("\0")].count("\n") + 1, "NUL byte")
    return RawFile(path, digest, text[:-1].split("\n"))


def _table(
    raw: RawFile, header: tuple[str, ...], *, delimiter: str = "\t", exact: bool = True
) -> list[tuple[int, dict]]:
    """(line number, row dict) for a delimited file whose header is ``header`` (or starts with it)."""
    reader = csv.reader([line.rstrip("\r") for line in raw.lines], delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UniverseFileError(raw.path, reader.line_num, f"unreadable row ({error})") from error
    found = tuple(rows[0]) if rows else ()
    if (found != header) if exact else not set(header) <= set(found):
        raise UniverseFileError(raw.path, 1, f"unexpected header {list(found)[:12]}; expected {list(header)}")
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue  # a blank line (NEGv1.txt ends with one)
        if len(row) != len(found):
            raise UniverseFileError(raw.path, number, f"expected {len(found)} fields, found {len(row)} (truncated?)")
        out.append((number, dict(zip(found, row, strict=True))))
    if not out:
        raise UniverseFileError(raw.path, None, "no data rows")
    return out


def _require(raw: RawFile, line: int, field: str, value: str, pattern: re.Pattern) -> str:
    if not pattern.match(value):
        raise UniverseFileError(raw.path, line, f"{field}: invalid value {value!r}")
    return value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


HGNC_HEADER = ("hgnc_id", "symbol", "name", "aliases", "previous_symbols", "entrez_id", "uniprot", "ensembl_id")


def read_hgnc(raw: RawFile) -> list[dict]:
    """Gene rows: HGNC id, symbol, name, aliases, previous symbols, Entrez, UniProt list, Ensembl."""
    genes, seen_ids, seen_symbols = [], set(), set()
    for line, row in _table(raw, HGNC_HEADER):
        hgnc_id = _require(raw, line, "hgnc_id", row["hgnc_id"], HGNC_ID)
        symbol = row["symbol"].strip()
        if not symbol or len(symbol) > 30:
            raise UniverseFileError(raw.path, line, f"symbol: invalid value {symbol!r}")
        if hgnc_id in seen_ids or symbol in seen_symbols:
            raise UniverseFileError(raw.path, line, f"duplicate gene {hgnc_id} {symbol}")
        seen_ids.add(hgnc_id)
        seen_symbols.add(symbol)
        entrez = row["entrez_id"]
        if entrez:
            _require(raw, line, "entrez_id", entrez, ENTREZ)
        ensembl = row["ensembl_id"]
        if ensembl:
            _require(raw, line, "ensembl_id", ensembl, ENSEMBL)
        uniprots = _split(row["uniprot"])
        for accession in uniprots:
            _require(raw, line, "uniprot", accession, UNIPROT)
        genes.append(
            {
                "hgnc_id": hgnc_id,
                "symbol": symbol,
                "name": row["name"][:300],
                "aliases": _split(row["aliases"]),
                "previous_symbols": _split(row["previous_symbols"]),
                "entrez_id": int(entrez) if entrez else None,
                "uniprot_ids": uniprots,
                "ensembl_id": ensembl,
            }
        )
    return genes


LR_HEADER = ("source", "target", "source_genesymbol", "target_genesymbol", "resource")


def read_ligand_receptor(raw: RawFile, resources) -> list[dict]:
    """Pair rows: ligand/receptor complexes as written (A_B) with their UniProt ids, resource, line."""
    rows = []
    for line, row in _table(raw, LR_HEADER, delimiter=","):
        if row["resource"] not in resources:
            raise UniverseFileError(raw.path, line, f"resource: unexpected {row['resource']!r}")
        for side, ids in (("source", "source_genesymbol"), ("target", "target_genesymbol")):
            symbols, accessions = row[ids].split("_"), row[side].split("_")
            if not row[ids] or len(symbols) != len(accessions) or not all(symbols):
                raise UniverseFileError(raw.path, line, f"{ids}: {row[ids]!r} does not match {side} {row[side]!r}")
        rows.append(
            {
                "line": line,
                "ligand_complex": row["source_genesymbol"],
                "receptor_complex": row["target_genesymbol"],
                "ligand_uniprot": row["source"].removeprefix("COMPLEX:").split("_"),
                "receptor_uniprot": row["target"].removeprefix("COMPLEX:").split("_"),
                "resource": row["resource"],
            }
        )
    return rows


def read_go_terms(raw: RawFile) -> list[tuple[int, str, str, str]]:
    """(Entrez id, GO id, term name, evidence codes) rows."""
    out = []
    for line, row in _table(raw, ("entrez_id", "go_id", "term", "evidence")):
        entrez = int(_require(raw, line, "entrez_id", row["entrez_id"], ENTREZ))
        out.append((entrez, _require(raw, line, "go_id", row["go_id"], GO_ID), row["term"], row["evidence"]))
    return out


def read_go_annotated(raw: RawFile) -> dict[int, tuple[bool, bool, bool]]:
    """Entrez id -> whether GO annotates it at all in (CC, BP, MF)."""
    out = {}
    for line, row in _table(raw, ("entrez_id", "cc", "bp", "mf")):
        entrez = int(_require(raw, line, "entrez_id", row["entrez_id"], ENTREZ))
        flags = []
        for field in ("cc", "bp", "mf"):
            if row[field] not in ("0", "1"):
                raise UniverseFileError(raw.path, line, f"{field}: expected 0 or 1, got {row[field]!r}")
            flags.append(row[field] == "1")
        out[entrez] = tuple(flags)
    return out


def read_reactome(raw: RawFile) -> list[tuple[str, str, list[str]]]:
    """(R-HSA id, pathway name, gene symbols) per GMT line."""
    out = []
    for line, text in enumerate(raw.lines, start=1):
        fields = text.rstrip("\r").split("\t")
        if len(fields) < 3:
            raise UniverseFileError(raw.path, line, f"expected name, id and genes; found {len(fields)} fields")
        out.append((_require(raw, line, "pathway id", fields[1], REACTOME_ID), fields[0], [g for g in fields[2:] if g]))
    return out


DRUGCENTRAL_HEADER = (
    "DRUG_ID",
    "CHEMBL_ID",
    "DRUG_NAME",
    "TARGET_NAME",
    "TARGET_FAMILY",
    "UNIPROT",
    "GENE",
    "SWISSPROT",
    "ACTION_TYPE",
    "SOURCE",
    "REFERENCE",
)


def read_drugcentral(raw: RawFile) -> list[dict]:
    """Efficacy-target rows: drug, DrugCentral id, action type, UniProt accessions and gene symbols."""
    out = []
    for line, row in _table(raw, DRUGCENTRAL_HEADER):
        drug_id = _require(raw, line, "DRUG_ID", row["DRUG_ID"], ENTREZ)
        if not row["DRUG_NAME"].strip():
            raise UniverseFileError(raw.path, line, "DRUG_NAME: empty")
        out.append(
            {
                "drug": row["DRUG_NAME"].strip(),
                "drug_id": int(drug_id),
                "action": row["ACTION_TYPE"].strip(),
                "uniprot": _split(row["UNIPROT"]),
                "genes": _split(row["GENE"]),
            }
        )
    return out


# Open Targets buckets that do not come from drugs (B1-B3 are clinical precedence, which DrugCentral already
# counts): structure, ligands, pockets and family for small molecules; localisation for antibodies.
TRACTABILITY_HIGH = (
    "SM_B4_Structure with Ligand",
    "SM_B5_High-Quality Ligand",
    "SM_B6_High-Quality Pocket",
    "AB_B4_UniProt loc high conf",
    "AB_B5_GO CC high conf",
)
TRACTABILITY_MEDIUM = (
    "SM_B7_Med-Quality Pocket",
    "SM_B8_Druggable Family",
    "AB_B6_UniProt loc med conf",
    "AB_B7_UniProt SigP or TMHMM",
    "AB_B8_GO CC med conf",
    "AB_B9_Human Protein Atlas loc",
)


def read_tractability(raw: RawFile) -> list[dict]:
    """Open Targets rows: Ensembl id, symbol and which non-clinical buckets are true (high / medium)."""
    out = []
    columns = ("ensembl_gene_id", "symbol", *TRACTABILITY_HIGH, *TRACTABILITY_MEDIUM)
    for line, row in _table(raw, columns, exact=False):
        ensembl = _require(raw, line, "ensembl_gene_id", row["ensembl_gene_id"], ENSEMBL)
        record = {"ensembl_id": ensembl, "symbol": row["symbol"]}
        for level, buckets in (("high", TRACTABILITY_HIGH), ("medium", TRACTABILITY_MEDIUM)):
            for bucket in buckets:
                if row[bucket] not in ("0", "1"):
                    raise UniverseFileError(raw.path, line, f"{bucket}: expected 0 or 1, got {row[bucket]!r}")
            record[level] = [bucket for bucket in buckets if row[bucket] == "1"]
        out.append(record)
    return out


def read_hart(raw: RawFile) -> list[tuple[str | None, str]]:
    """(HGNC id or None where the file says NA, symbol) of a Hart et al. reference gene set."""
    out = []
    for line, row in _table(raw, ("GENE", "HGNC_ID", "ENTREZ_ID")):
        if not row["GENE"].strip():
            raise UniverseFileError(raw.path, line, "GENE: empty")
        hgnc_id = None if row["HGNC_ID"] == "NA" else _require(raw, line, "HGNC_ID", row["HGNC_ID"], HGNC_ID)
        out.append((hgnc_id, row["GENE"].strip()))
    return out
