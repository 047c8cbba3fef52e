"""Downloads of the ranking page's table (all pages, same filters and sort): CSV and XLSX.

The files come from the one export builder (`targets.exports`), with the API's names and metadata. When the
query carries a what-if (criterion weights, method), the file holds that unsaved ranking and its metadata
says "unsaved preview" with the what-if's weights; a filter or what-if value the page does not know answers
400 rather than a file of something else."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from targets.exports.builder import export_query, ranking_export
from targets.ranking.preview import preview_run
from targets.web.access import read_access_required
from targets.web.views.ranking import ranking_source


class ExportRefused(Exception):
    """The request names a profile, a filter value or a what-if value that does not exist."""


def _run_and_rows(request) -> tuple:
    """The run (stored, or unsaved for a preview or a what-if) and its filtered, sorted rows."""
    source = ranking_source(request)
    if source.profile is None:
        raise ExportRefused(f"No scoring profile named {source.profile_name!r}.")
    if source.filterset is not None and not source.filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in source.filterset.errors.items())
        raise ExportRefused(f"Invalid filter: {problems}")
    if source.whatif and source.whatif.errors:  # the page leaves such values out; a file must not disagree
        problems = "; ".join(str(error) for error in source.whatif.errors.values())
        raise ExportRefused(f"Invalid what-if: {problems}")
    run = source.run or preview_run(source.profile, source.unsaved_ranking)
    return run, list(source.rows)


def _refused(request, error: ExportRefused) -> HttpResponse:
    """A 400 page in the site's style naming what was refused (a browser shows it; scripts read the status)."""
    context = {"problem": str(error), "query": request.GET.urlencode()}
    return render(request, "targets/export_refused.html", context, status=400)


def _export_response(request, kind: str) -> HttpResponse:
    """The export in one format, or a 400 naming what was refused."""
    try:
        run, rows = _run_and_rows(request)
    except ExportRefused as error:
        return _refused(request, error)
    export = ranking_export(run, rows, kind=kind, filters=export_query(request.GET))
    response = HttpResponse(export.body, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.name}"'
    return response


@read_access_required
@require_GET
def ranking_export_csv(request):
    """The filtered, sorted ranking (all pages) as CSV: the table, then the metadata as meta_ columns."""
    return _export_response(request, "csv")


@read_access_required
@require_GET
def ranking_export_xlsx(request):
    """The filtered, sorted ranking (all pages) as an Excel workbook; the metadata on a second sheet."""
    return _export_response(request, "xlsx")
