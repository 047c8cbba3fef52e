"""Import a team's evidence from CSV: every row is checked first; one bad row means nothing is written.

Columns (header required, any order): symbol, citation, claim (the finding), direction, level (optional, default
'ungraded'), verified (optional: true/false/yes/no/1/0, default false), niche_mediated (optional: yes/no, blank =
not graded), checked_source (what the finding was checked against; required when verified), note (optional).
`symbol` also accepts an Ensembl gene id; `direction` and `level` accept the stored value or its label, hyphens,
underscores and spaces alike ("pro-leukemic", "in vitro"). A row
identical to stored evidence (same target, citation and claim, ignoring case and spacing) is counted as
unchanged, so importing the same file twice is harmless.

A file that cannot be read as CSV (an unclosed quote, a value over the csv module's size limit), a NUL byte in
any cell, a repeated column or a header with no rows is an error too, on the line it is found."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from targets.choices import EvidenceDirection, EvidenceLevel, Source
from targets.models import Evidence, Target
from targets.models.evidence import claim_hash, claim_taken, verification_error
from targets.validators import citation_kind, normalise_citation

REQUIRED_COLUMNS = ("symbol", "citation", "claim", "direction")
OPTIONAL_COLUMNS = ("level", "verified", "niche_mediated", "checked_source", "note")
MAX_ROWS = 5000
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}
NUL_MESSAGE = "contains a NUL byte (\\x00)"


@dataclass(frozen=True)
class RowError:
    """What is wrong with one field of one line (line 1 is the header; line 0 is the whole file)."""

    line: int
    field: str
    message: str


@dataclass
class ImportResult:
    """Counts of what was written, or the errors that stopped anything being written."""

    created: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Row:
    line: int
    target: Target
    citation: str
    claim: str
    direction: str
    level: str
    verified: bool
    niche_mediated: bool | None = None
    checked_source: str = ""
    note: str = ""


def _choice(value: str, choices) -> str | None:
    """The stored value for a spelling of it or of its label; hyphens, underscores and spaces are the same
    ("pro-leukemic", "pro leukemic" and "pro_leukemic"; "in vitro" and "in_vitro")."""
    wanted = _spelling(value)
    for stored, label in choices:
        if wanted in (_spelling(stored), _spelling(str(label))):
            return stored
    return None


def _spelling(text: str) -> str:
    return " ".join(re.split(r"[\s_-]+", text.strip().lower()))


def _read(content: bytes | str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """The non-blank rows, each with the line it starts on, or the errors that make the file unreadable."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [RowError(0, "file", "not UTF-8 text")]
    # strict: an unclosed quote is an error on its line, not the rest of the file swallowed into one field
    reader = csv.reader(io.StringIO(content), strict=True)
    try:
        raw_header = next(reader, [])
    except csv.Error as error:
        return [], [RowError(1, "row", _csv_message(error))]
    nul = [RowError(1, f"column {index}", NUL_MESSAGE) for index, name in enumerate(raw_header, 1) if "\0" in name]
    if nul:
        return [], nul
    header = [name.strip().lower() for name in raw_header]
    if not header:
        return [], [RowError(0, "file", "empty file: expected a header line")]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({name for name in header if header.count(name) > 1}, key=header.index)
    errors = [RowError(1, name, "required column missing") for name in missing]
    errors += [RowError(1, name, "unknown column") for name in unknown]
    errors += [RowError(1, name, "column appears more than once") for name in repeated]
    if errors:
        return [], errors
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            return [], [RowError(line, "row", _csv_message(error))]
        if not any(value.strip() for value in values):
            continue
        errors += [
            RowError(line, header[index] if index < len(header) else "row", NUL_MESSAGE)
            for index, value in enumerate(values)
            if "\0" in value
        ]
        row = dict(zip(header, values, strict=False))
        if len(values) > len(header):
            row[None] = values[len(header) :]
        rows.append((line, row))
    if errors:
        return [], errors
    if not rows:
        return [], [RowError(0, "file", "no rows: the file has a header line but no evidence rows")]
    if len(rows) > MAX_ROWS:
        return [], [RowError(0, "file", f"too many rows ({len(rows)}); at most {MAX_ROWS} per import")]
    return rows, []


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return 'a quoted value is not closed (a " without its closing ")'
    if "field larger than field limit" in text:
        return f"a value is longer than {csv.field_size_limit():,} characters"
    return f"not readable as CSV: {text}"


def _targets_for(rows: list[dict]) -> dict[str, Target]:
    keys = {(row.get("symbol") or "").strip().upper() for row in rows}
    found = {}
    for target in Target.objects.filter(Q(symbol__in=keys) | Q(ensembl_id__in=keys)):
        found[target.symbol] = target
        found[target.ensembl_id] = target
    return found


def _check_row(line: int, raw: dict, targets: dict[str, Target]) -> tuple[_Row | None, list[RowError]]:
    errors = []
    value = {name: (raw.get(name) or "").strip() for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    if None in raw:
        errors.append(RowError(line, "row", "more values than columns"))
    target = targets.get(value["symbol"].upper())
    if target is None:
        message = f"unknown target {value['symbol']!r}" if value["symbol"] else "required"
        errors.append(RowError(line, "symbol", message))
    citation = normalise_citation(value["citation"])
    try:
        citation_kind(citation)
    except ValidationError as error:
        errors.append(RowError(line, "citation", error.messages[0] if value["citation"] else "required"))
    if not value["claim"]:
        errors.append(RowError(line, "claim", "required"))
    direction = _choice(value["direction"], EvidenceDirection.choices)
    if direction is None:
        allowed = ", ".join(EvidenceDirection.values)
        errors.append(RowError(line, "direction", f"must be one of {allowed}; got {value['direction']!r}"))
    level = _choice(value["level"], EvidenceLevel.choices) if value["level"] else EvidenceLevel.UNGRADED
    if level is None:
        allowed = ", ".join(EvidenceLevel.values)
        errors.append(RowError(line, "level", f"must be one of {allowed}; got {value['level']!r}"))
    verified_text = value["verified"].lower()
    if verified_text not in _TRUE | _FALSE:
        errors.append(RowError(line, "verified", f"must be true or false; got {value['verified']!r}"))
    niche_text = value["niche_mediated"].lower()
    if niche_text not in _TRUE | _FALSE:
        errors.append(RowError(line, "niche_mediated", f"must be yes, no or blank; got {value['niche_mediated']!r}"))
    unchecked = verification_error(verified_text in _TRUE, value["checked_source"])
    if unchecked is not None:
        errors.append(RowError(line, unchecked.field, unchecked.message))
    if len(value["checked_source"]) > 500:
        errors.append(RowError(line, "checked_source", "at most 500 characters"))
    if errors:
        return None, errors
    niche = None if not niche_text else niche_text in _TRUE
    row = _Row(
        line,
        target,
        citation,
        value["claim"],
        direction,
        level,
        verified_text in _TRUE,
        niche,
        value["checked_source"],
        value["note"],
    )
    return row, []


def evidence_import_parse(content: bytes | str) -> tuple[list[_Row], list[RowError]]:
    """Check every row; return the parsed rows and every error found (per line and field)."""
    raw_rows, errors = _read(content)
    if errors:
        return [], errors
    targets = _targets_for([raw for _, raw in raw_rows])
    parsed, seen = [], {}
    for index, raw in raw_rows:
        row, row_errors = _check_row(index, raw, targets)
        errors += row_errors
        if row is None:
            continue
        key = (row.target.pk, row.citation, claim_hash(row.claim))
        if key in seen:
            errors.append(RowError(index, "row", f"repeats line {seen[key]}"))
            continue
        seen[key] = index
        parsed.append(row)
    return parsed, errors


@transaction.atomic
def evidence_import(*, content: bytes | str, user=None) -> ImportResult:
    """Import evidence rows from CSV content as ``user``; all rows or none."""
    rows, errors = evidence_import_parse(content)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    for row in rows:
        if claim_taken(row.target, row.citation, row.claim):
            result.unchanged += 1
            continue
        evidence = Evidence(
            target=row.target,
            citation=row.citation,
            claim=row.claim,
            direction=row.direction,
            level=row.level,
            verified=row.verified,
            niche_mediated=row.niche_mediated,
            checked_source=row.checked_source,
            note=row.note,
            source=Source.CURATOR,
            created_by=user,
        )
        evidence._history_user = user
        evidence.save()
        result.created += 1
    return result
