"""Parse data/evidence.csv: graded evidence, one row per finding (docs/catalogue.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targets.catalogue.errors import CatalogueError
from targets.catalogue.reader import read_rows
from targets.catalogue.rows import RowChecker, checked_source, citation, one_of, required, verified_mark
from targets.choices import EvidenceContext, EvidenceDirection, EvidenceLevel
from targets.models.evidence import claim_hash

COLUMNS = (
    "symbol",
    "citation",
    "finding",
    "level",
    "direction",
    "niche_mediated",
    "context",
    "verified",
    "checked_source",
    "note",
)
OPTIONAL = ("context",)  # a file from before the column: every context is "not recorded" (blank)
LEVELS = tuple(level for level in EvidenceLevel.values if level != EvidenceLevel.UNGRADED)
MAX_FINDING = 400


@dataclass(frozen=True)
class EvidenceRow:
    """One graded finding of one paper about one catalogue target."""

    line: int
    symbol: str
    citation: str
    finding: str
    level: str
    direction: str
    niche_mediated: bool
    context: str
    verified: bool
    checked_source: str
    note: str


def _finding(value: str) -> str:
    required(value)
    if len(value) > MAX_FINDING:
        raise ValueError(f"has {len(value)} characters; one sentence of at most {MAX_FINDING} is expected")
    return value


def _context(value: str) -> str:
    """Where the finding was made; blank means not recorded (counted as AML by niche biology, and said so)."""
    return one_of(value, EvidenceContext.values, "evidence context") if value else ""


def _symbol(value: str, symbols: set[str]) -> str:
    if value not in symbols:
        raise ValueError(f"{value!r} is not a target of the catalogue")
    return value


def parse_evidence_file(path: Path, symbols: set[str]) -> list[EvidenceRow]:
    """Parse every row; CatalogueError lists each bad line and field. A finding repeated for the same target
    and paper (ignoring case and spacing) is an error too."""
    rows, problems, seen = [], [], {}
    for line, raw in read_rows(path, COLUMNS, OPTIONAL):
        check = RowChecker(line, raw)
        symbol = check("symbol", _symbol, symbols)
        cited = check("citation", citation)
        finding = check("finding", _finding)
        level = check("level", lambda v: one_of(v, LEVELS, "evidence level"))
        direction = check("direction", lambda v: one_of(v, EvidenceDirection.values, "direction"))
        niche = check("niche_mediated", lambda v: one_of(v, ("yes", "no"), "niche_mediated value") == "yes")
        context = check("context", _context)
        verified = check("verified", verified_mark)
        source = check("checked_source", checked_source, verified)
        if finding and cited:
            key = (raw["symbol"], cited, claim_hash(finding))
            if key in seen:
                check.problems.append((line, "finding", f"repeats line {seen[key]} (same target, citation, finding)"))
            seen.setdefault(key, line)
        problems.extend(check.problems)
        if not check.problems:
            row = EvidenceRow(
                line, symbol, cited, finding, level, direction, niche, context, verified, source, raw["note"]
            )
            rows.append(row)
    if problems:
        raise CatalogueError(problems, str(path))
    return rows
