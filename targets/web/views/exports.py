"""Downloads of the ranking page's table (all pages, same filters and sort): CSV and XLSX."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from targets.web.access import read_access_required
from targets.web.exports import XLSX_TYPE, ranking_csv, ranking_xlsx
from targets.web.views.ranking import RankingSource, ranking_source


def _export_rows(request):
    source = ranking_source(request)
    return source, list(source.rows)


def _export_name(source: RankingSource, extension: str) -> str:
    run = f"run{source.run.pk}" if source.run else "preview"
    return f"nicherank-{source.profile_name}-{run}.{extension}"


@read_access_required
@require_GET
def ranking_export_csv(request):
    """The filtered, sorted ranking (all pages) as CSV."""
    source, rows = _export_rows(request)
    response = HttpResponse(ranking_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(source, "csv")}"'
    return response


@read_access_required
@require_GET
def ranking_export_xlsx(request):
    """The filtered, sorted ranking (all pages) as an Excel workbook; the run's facts on a second sheet."""
    source, rows = _export_rows(request)
    run = source.run
    version = f" v{source.profile.version}" if source.profile else ""
    facts = {
        "profile": f"{source.profile_name}{version}",
        "run": f"#{run.pk} {run.created_at:%Y-%m-%d %H:%M} UTC" if run else "unsaved preview",
        "method": run.method if run else (source.profile.method if source.profile else ""),
        "input_hash": run.input_hash if run else "",
        "code_version": run.code_version if run else "",
        "filters": request.GET.urlencode(),
    }
    response = HttpResponse(ranking_xlsx(rows, run_facts=facts), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_export_name(source, "xlsx")}"'
    return response
