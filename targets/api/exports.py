"""Ranking exports for the API: CSV, JSON and XLSX, each carrying the run's metadata.

The table itself (columns, rounding, missing values left empty) is the web page's (`targets.web.exports`),
so a download from either place has the same columns."""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.utils import timezone
from rest_framework.renderers import BaseRenderer, JSONRenderer

from targets.flags import run_source_records
from targets.models import RankingRun
from targets.web.exports import (
    XLSX_TYPE,
    export_header,
    export_rows,
    ranking_csv,
    ranking_xlsx,
    safe_comment_line,
)


def export_metadata(run: RankingRun, *, filters: str = "") -> dict:
    """What produced the ranking: profile and version, method, policy, data versions, dates."""
    return {
        "run": run.pk,
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


def _flat(metadata: dict) -> dict[str, str]:
    return {
        key: value if isinstance(value, str) else json.dumps(value, sort_keys=True) for key, value in metadata.items()
    }


def export_csv(rows: Sequence, metadata: dict) -> str:
    """'# key: value' metadata lines, then the table with its header (pandas: read_csv(comment='#'))."""
    lines = [
        safe_comment_line(f"# {key}: {' '.join(value.splitlines())}") + "\n" for key, value in _flat(metadata).items()
    ]
    return "".join(lines) + ranking_csv(rows)


def export_json(rows: Sequence, metadata: dict) -> dict:
    """{"metadata": ..., "columns": [...], "rows": [{column: value}]}."""
    columns = export_header()
    return {
        "metadata": metadata,
        "columns": columns,
        "rows": [dict(zip(columns, values, strict=True)) for values in export_rows(rows)],
    }


def export_xlsx(rows: Sequence, metadata: dict) -> bytes:
    """A workbook: the 'ranking' sheet and a 'run' sheet with the metadata."""
    return ranking_xlsx(rows, run_facts=_flat(metadata))


class _PassthroughRenderer(BaseRenderer):
    """Sends a body the view already built; anything else (an error body) as JSON."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data
        return JSONRenderer().render(data)


class CSVRenderer(_PassthroughRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class XLSXRenderer(_PassthroughRenderer):
    media_type = XLSX_TYPE
    format = "xlsx"
