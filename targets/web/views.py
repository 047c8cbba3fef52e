"""Server-rendered pages: the ranked list and one target's page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from scoring.criteria import CRITERIA
from targets.filtersets import RankingRowFilterSet
from targets.models import RankingRow
from targets.ranking.runs import latest_run
from targets.selectors import ranking_rows, target_detail_queryset
from targets.web.access import read_access_required
from targets.web.palette import criterion_legend

PAGE_SIZE = 50


@read_access_required
def ranking(request):
    """The ranked table of the newest run, filterable, with contribution bars."""
    run = latest_run(request.GET.get("profile") or None)
    rows = RankingRow.objects.none()
    filterset = RankingRowFilterSet(request.GET, queryset=ranking_rows(run) if run else rows, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "targets/ranking.html",
        {
            "run": run,
            "page": page,
            "filterset": filterset,
            "legend": criterion_legend(),
            "criteria": CRITERIA,
        },
    )


@read_access_required
def target_detail(request, symbol: str):
    """Everything about one target: axis and partners, drugs, trials, evidence, provenance, rank."""
    target = get_object_or_404(target_detail_queryset(), symbol=symbol.upper())
    run = latest_run()
    row = run.rows.filter(target=target).first() if run else None
    partners = list(target.as_ligand.all()) + list(target.as_receptor.all())
    return render(
        request,
        "targets/target_detail.html",
        {"target": target, "row": row, "run": run, "partners": partners, "legend": criterion_legend()},
    )
