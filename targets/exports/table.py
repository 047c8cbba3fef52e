"""The export table: columns, values (missing stay empty, never 0) and spreadsheet-safe cells, for every format."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from scoring.criteria import CRITERION_KEYS

BASE_COLUMNS = [
    "rank",
    "symbol",
    "name",
    "axis",
    "role",
    "compartment",
    "direction",
    "score",
    "coverage",
    "rank_p05",
    "rank_p95",
    "p_top_k",
    "eligible",
    "excluded_reason",
    "flags",
    "unverified",
    "assembled",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_header() -> list[str]:
    """Column names: the row's facts, then each criterion's value and contribution."""
    values = [f"value_{key}" for key in CRITERION_KEYS]
    return BASE_COLUMNS + values + [f"contribution_{key}" for key in CRITERION_KEYS]


def export_rows(rows: Iterable) -> Iterable[list]:
    """One list per row, in export_header() order; missing values stay empty, never 0."""
    for row in rows:
        target = row.target
        yield [
            row.rank,
            target.symbol,
            target.name,
            target.axis.name,
            target.role,
            target.compartment,
            row.direction,
            _round(row.score),
            _round(row.coverage),
            row.rank_p05,
            row.rank_p95,
            _round(row.p_top_k),
            row.eligible,
            row.excluded_reason,
            ";".join(row.flags),
            "unverified" in row.flags,
            "assembled" in row.flags,
            *[_round((row.values or {}).get(key)) for key in CRITERION_KEYS],
            *[_round((row.contributions or {}).get(key)) for key in CRITERION_KEYS],
        ]


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A value fit for a spreadsheet cell: text that would start a formula gets a leading apostrophe (shown
    as text, OWASP's advice) and control characters XLSX cannot hold become U+FFFD; numbers pass through."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _round(value):
    return None if value is None else round(float(value), 6)


def ranking_xlsx(rows: Iterable, *, run_facts: dict[str, str]) -> bytes:
    """The rows as an XLSX workbook: a 'ranking' sheet and a 'run' sheet with the metadata, one key a line."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ranking"
    sheet.append(export_header())
    for values in export_rows(rows):
        sheet.append([safe_cell(value) for value in values])
    sheet.freeze_panes = "C2"
    for index in range(1, len(export_header()) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    about = workbook.create_sheet("run")
    for key, value in run_facts.items():
        about.append([safe_cell(key), safe_cell(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
