"""Downloads of the ranking page's table (all pages, same filters and sort): CSV and XLSX.

Each file carries the API export's metadata (`targets.api.exports.export_metadata`: profile and version, run,
method, policy, data versions, dates, filters); a filter value the page does not know answers 400 rather
than a file of every target."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from scoring.criteria import CRITERIA
from targets.api.exports import export_csv, export_metadata, export_xlsx
from targets.models import RankingRun, Target
from targets.ranking.runs import data_versions
from targets.web.access import read_access_required
from targets.web.exports import XLSX_TYPE
from targets.web.views.ranking import RankingSource, ranking_source

PREVIEW = "unsaved preview"


class ExportRefused(Exception):
    """The request names a profile or a filter value that does not exist."""


def _export(request) -> tuple[RankingSource, list, dict]:
    """The source, its filtered and sorted rows, and the metadata that goes in the file."""
    source = ranking_source(request)
    if source.profile is None:
        raise ExportRefused(f"No scoring profile named {source.profile_name!r}.")
    if source.filterset is not None and not source.filterset.is_valid():
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in source.filterset.errors.items())
        raise ExportRefused(f"Invalid filter: {problems}")
    rows = list(source.rows)
    run = source.run or _preview_run(source, rows)
    metadata = export_metadata(run, filters=request.GET.urlencode())
    metadata["profile"] = f"{source.profile.name} v{source.profile.version}"
    if source.run is None:
        metadata["run"] = PREVIEW
    if source.whatif and source.whatif.active:  # the rows are the what-if's: so are the weights and method
        metadata.update({"weights": source.whatif.weights, "method": source.whatif.method})
    return source, rows, metadata


def _preview_run(source: RankingSource, rows: list) -> RankingRun:
    """An unsaved run describing a preview (the profile's current version ranked now, without stability
    samples), so a preview's file carries the same metadata fields as a stored run's."""
    profile = source.profile
    return RankingRun(
        profile=profile,
        created_at=timezone.now(),
        method=profile.method,
        missing_policy=profile.missing_policy,
        data_versions=data_versions(),
        criteria=[{"key": c.key, "version": c.version} for c in CRITERIA],
        stability_samples=0,
        target_count=Target.objects.count(),
    )


def _refused(request, error: ExportRefused) -> HttpResponse:
    """A 400 page in the site's style naming what was refused (a browser shows it; scripts read the status)."""
    context = {"problem": str(error), "query": request.GET.urlencode()}
    return render(request, "targets/export_refused.html", context, status=400)


def _export_name(source: RankingSource, extension: str) -> str:
    run = f"run{source.run.pk}" if source.run else "preview"
    return f"nicherank-{source.profile_name}-{run}.{extension}"


def _export_response(request, write, extension: str, content_type: str) -> HttpResponse:
    """The export in one format, or a 400 naming what was refused."""
    try:
        source, rows, metadata = _export(request)
    except ExportRefused as error:
        return _refused(request, error)
    response = HttpResponse(write(rows, metadata), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_export_name(source, extension)}"'
    return response


@read_access_required
@require_GET
def ranking_export_csv(request):
    """The filtered, sorted ranking (all pages) as CSV: '# key: value' metadata lines, then the table."""
    return _export_response(request, export_csv, "csv", "text/csv; charset=utf-8")


@read_access_required
@require_GET
def ranking_export_xlsx(request):
    """The filtered, sorted ranking (all pages) as an Excel workbook; the metadata on a second sheet."""
    return _export_response(request, export_xlsx, "xlsx", XLSX_TYPE)
