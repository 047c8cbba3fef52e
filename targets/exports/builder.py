"""The one ranking export builder: CSV, XLSX and JSON, each with the same metadata block, and the same file
name, whichever face (the API or the web pages) asks for it.

The CSV opens cleanly in a spreadsheet and in `pandas.read_csv(url)` with no options: one header line, then
one line per target; the metadata block follows the table's columns as `meta_<key>` columns repeated on every
line (dicts and lists as JSON text), so a filtered or sorted sheet keeps it. XLSX puts the metadata on a 'run'
sheet; JSON under "metadata"."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from targets.exports.table import XLSX_TYPE, export_header, export_rows, ranking_xlsx, safe_cell
from targets.flags import run_source_records
from targets.models import RankingRun

PREVIEW = "unsaved preview"
META_PREFIX = "meta_"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE, "json": "application/json"}
# Query parameters that choose the file, not the rows: left out of the metadata's `filters`.
NOT_FILTERS = ("format", "page")


@dataclass(frozen=True)
class ExportFile:
    """An export ready to send: its file name, content type and body (text, bytes, or a dict for JSON)."""

    name: str
    content_type: str
    body: str | bytes | dict


def export_query(params) -> str:
    """The request's query as the metadata records it: sorted, URL-encoded, without format and page."""
    getlist = getattr(params, "getlist", lambda key: [params[key]])
    pairs = sorted((key, value) for key in params if key not in NOT_FILTERS for value in getlist(key))
    return urlencode(pairs)


def export_metadata(run: RankingRun, *, filters: str = "") -> dict:
    """What produced the ranking: run (or "unsaved preview"), profile and version, the weights, method and
    policies it ranked with, data versions, dates and the query (filters, what-if) that chose the rows."""
    return {
        "run": run.pk if run.pk is not None else PREVIEW,
        "profile": run.profile.name,
        "profile_version": run.profile.version,
        "method": run.method,
        "missing_policy": run.missing_policy,
        "dual_policy": run.profile.dual_policy,
        "gates": run.profile.gates,
        "weights": run.profile.weights,
        "data_versions": run.data_versions,
        "source_records": run_source_records(run),
        "criteria": run.criteria,
        "created_at": run.created_at.isoformat(),
        "exported_at": timezone.now().isoformat(),
        "input_hash": run.input_hash,
        "code_version": run.code_version,
        "seed": run.seed,
        "stability_samples": run.stability_samples,
        "target_count": run.target_count,
        "filters": filters,
    }


def export_name(run: RankingRun, extension: str) -> str:
    """nicherank-<profile>-v<version>-run<id>.<ext>, or …-preview.<ext> for an unsaved ranking (a what-if
    with no base profile has no version)."""
    version = f"-v{run.profile.version}" if run.profile.version else ""
    which = f"run{run.pk}" if run.pk is not None else "preview"
    return f"nicherank-{run.profile.name}{version}-{which}.{extension}"


def _flat(metadata: Mapping) -> dict[str, str]:
    return {
        key: value if isinstance(value, str) else json.dumps(value, sort_keys=True) for key, value in metadata.items()
    }


def export_csv(rows: Sequence, metadata: Mapping) -> str:
    """A header line, then one line per row: the table's columns, then the metadata as `meta_<key>` columns."""
    flat = _flat(metadata)
    meta_values = [safe_cell(value) for value in flat.values()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(export_header() + [f"{META_PREFIX}{key}" for key in flat])
    for values in export_rows(rows):
        writer.writerow(["" if value is None else safe_cell(value) for value in values] + meta_values)
    return buffer.getvalue()


def export_json(rows: Sequence, metadata: Mapping) -> dict:
    """{"metadata": ..., "columns": [...], "rows": [{column: value}]}."""
    columns = export_header()
    return {
        "metadata": dict(metadata),
        "columns": columns,
        "rows": [dict(zip(columns, values, strict=True)) for values in export_rows(rows)],
    }


def export_xlsx(rows: Sequence, metadata: Mapping) -> bytes:
    """A workbook: the 'ranking' sheet and a 'run' sheet with the metadata."""
    return ranking_xlsx(rows, run_facts=_flat(metadata))


WRITERS = {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}


def ranking_export(run: RankingRun, rows: Sequence, *, kind: str, filters: str = "") -> ExportFile:
    """The rows of a stored or unsaved run (see `targets.ranking.preview.preview_run`) as one file."""
    body = WRITERS[kind](rows, export_metadata(run, filters=filters))
    return ExportFile(name=export_name(run, kind), content_type=CONTENT_TYPES[kind], body=body)
