"""Parse data/safety.csv: curated HSC-niche and class safety signals, one row per signal (docs/catalogue.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from targets.catalogue.errors import CatalogueError
from targets.catalogue.reader import read_rows
from targets.catalogue.rows import RowChecker, checked_source, citation, one_of, required, verified_mark
from targets.choices import SafetyEvidence, SafetyKind, Severity

COLUMNS = ("symbol", "kind", "signal", "severity", "evidence", "citation", "verified", "checked_source", "note")
# The kinds a curator writes; the others are derived (stopped_for_harm, core_essential) or fetched (Open Targets).
CURATED_KINDS = (
    SafetyKind.HSC_NICHE,
    SafetyKind.CLASS_TOXICITY,
    SafetyKind.TISSUE_ESSENTIAL,
    SafetyKind.NO_SIGNAL_FOUND,
)


@dataclass(frozen=True)
class SafetyRow:
    """One curated safety signal of one catalogue target."""

    line: int
    symbol: str
    kind: str
    signal: str
    severity: str
    evidence: str
    citation: str
    verified: bool
    checked_source: str
    note: str


def _severity(value: str, kind: str | None) -> str:
    if kind == SafetyKind.NO_SIGNAL_FOUND:
        if value:
            raise ValueError(f"must be blank for no_signal_found; got {value!r}")
        return ""
    return one_of(value, Severity.values, "severity")


def _evidence(value: str, kind: str | None) -> str:
    if not value and kind == SafetyKind.NO_SIGNAL_FOUND:
        return ""
    return one_of(value, SafetyEvidence.values, "evidence kind")


def _citation(value: str, kind: str | None, source: str) -> str:
    """A PMID or DOI; blank only for no_signal_found, or when checked_source names the source that has none
    (a drug label, a press release): every signal keeps a source."""
    if not value and (kind == SafetyKind.NO_SIGNAL_FOUND or source):
        return ""
    if not value:
        raise ValueError(
            "is required (a PMID or DOI) unless checked_source names the source; only no_signal_found rows may "
            "leave both blank"
        )
    return citation(value)


def parse_safety_file(path: Path, symbols: set[str]) -> list[SafetyRow]:
    """Parse every row; CatalogueError lists each bad line and field. Nothing is partial."""
    rows, problems, seen = [], [], {}
    for line, raw in read_rows(path, COLUMNS):
        check = RowChecker(line, raw)
        symbol = check("symbol", lambda v: v if v in symbols else _unknown(v))
        kind = check("kind", lambda v: one_of(v, CURATED_KINDS, "curated safety kind"))
        signal = check("signal", required)
        severity = check("severity", _severity, kind)
        evidence = check("evidence", _evidence, kind)
        cited = check("citation", _citation, kind, raw["checked_source"])
        verified = check("verified", verified_mark)
        source = check("checked_source", checked_source, verified)
        key = (raw["symbol"], raw["kind"], " ".join(raw["signal"].split()).casefold())
        if key in seen:
            check.problems.append((line, "signal", f"repeats line {seen[key]} (same target, kind and signal)"))
        seen.setdefault(key, line)
        problems.extend(check.problems)
        if not check.problems:
            rows.append(SafetyRow(line, symbol, kind, signal, severity, evidence, cited, verified, source, raw["note"]))
    if problems:
        raise CatalogueError(problems, str(path))
    return rows


def _unknown(value: str) -> str:
    raise ValueError(f"{value!r} is not a target of the catalogue")
