"""Parse the seed catalogue of targets (data/msc_aml_targets.csv) strictly into rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targets.catalogue.errors import CatalogueError
from targets.catalogue.fields import (
    StageClaim,
    parse_compartment,
    parse_id_list,
    parse_modalities,
    parse_role,
    parse_stage,
    parse_verified_sources,
)
from targets.catalogue.reader import read_rows
from targets.validators import (
    validate_ensembl_gene,
    validate_hgnc_symbol,
    validate_nct_id,
    validate_pmid,
    validate_uniprot,
)

COLUMNS = (
    "symbol",
    "ensembl_id",
    "uniprot",
    "axis",
    "compartment",
    "role",
    "mechanism",
    "agents",
    "stage",
    "modality",
    "nct_ids",
    "pmids",
    "verified_sources",
)
UNIQUE_COLUMNS = ("symbol", "ensembl_id", "uniprot")


@dataclass(frozen=True)
class TargetRow:
    """One parsed catalogue row."""

    line: int
    symbol: str
    ensembl_id: str
    uniprot: str
    axis: str
    compartment: str
    compartment_note: str
    role: str
    mechanism: str
    agents: str
    stage_aml: StageClaim
    stage_any: StageClaim
    modalities: list[dict[str, str]]
    nct_ids: list[str]
    pmids: list[str]
    verified_sources: list[str]
    unverified_notes: list[str]


def parse_targets_file(path: Path) -> list[TargetRow]:
    """Parse every row; raise CatalogueError listing each bad line and field. Nothing is partial."""
    rows: list[TargetRow] = []
    problems: list[tuple[int, str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in read_rows(path, COLUMNS):
        row_problems: list[tuple[int, str, str]] = []
        parsed = _parse_row(line, raw, row_problems)
        for column in UNIQUE_COLUMNS:
            value = raw[column]
            if (column, value) in seen:
                row_problems.append((line, column, f"{value!r} already appears on line {seen[column, value]}"))
            seen.setdefault((column, value), line)
        problems.extend(row_problems)
        if not row_problems:
            rows.append(parsed)
    if problems:
        raise CatalogueError(problems, str(path))
    if not rows:
        raise CatalogueError([(2, "row", "the catalogue has no targets")], str(path))
    return rows


def _field(line: int, raw: dict[str, str], column: str, parse, problems: list, *args):
    try:
        return parse(raw[column], *args)
    except ValueError as exc:
        problems.append((line, column, str(exc)))
        return None


def _validated(value: str, validate) -> str:
    try:
        validate(value)
    except Exception as exc:
        raise ValueError(getattr(exc, "messages", [str(exc)])[0]) from exc
    return value


def _required(value: str) -> str:
    if not value:
        raise ValueError("is required")
    return value


def _parse_row(line: int, raw: dict[str, str], problems: list) -> TargetRow | None:
    symbol = _field(line, raw, "symbol", _validated, problems, validate_hgnc_symbol)
    ensembl_id = _field(line, raw, "ensembl_id", _validated, problems, validate_ensembl_gene)
    uniprot = _field(line, raw, "uniprot", _validated, problems, validate_uniprot)
    axis = _field(line, raw, "axis", _required, problems)
    compartment = _field(line, raw, "compartment", parse_compartment, problems)
    role = _field(line, raw, "role", parse_role, problems)
    stage = _field(line, raw, "stage", parse_stage, problems)
    modalities = _field(line, raw, "modality", parse_modalities, problems)
    nct_ids = _field(line, raw, "nct_ids", parse_id_list, problems, validate_nct_id, "NCT id")
    pmids = _field(line, raw, "pmids", parse_id_list, problems, validate_pmid, "PMID")
    sources = _field(line, raw, "verified_sources", parse_verified_sources, problems)
    if problems:
        return None
    return TargetRow(
        line=line,
        symbol=symbol,
        ensembl_id=ensembl_id,
        uniprot=uniprot,
        axis=axis,
        compartment=compartment[0],
        compartment_note=compartment[1],
        role=role,
        mechanism=raw["mechanism"],
        agents=raw["agents"],
        stage_aml=stage["AML"],
        stage_any=stage["any"],
        modalities=modalities,
        nct_ids=nct_ids,
        pmids=pmids,
        verified_sources=sources[0],
        unverified_notes=sources[1],
    )
