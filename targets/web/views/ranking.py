"""The ranked list: filters, sorting, profile selector, stale-data badges, and the weights panel."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from scoring.aggregation import METHODS
from scoring.results import Ranking
from targets.deliberation.selectors import team_stances
from targets.models import RankingRun, ScoringProfile
from targets.selectors import targets_with_records_from
from targets.web.access import read_access_required
from targets.web.coverage import coverage_panel, empty_criteria, stale_for_badges
from targets.web.definitions import criterion_definitions
from targets.web.palette import criterion_legend
from targets.web.runs import shown_run
from targets.web.table import filter_fields, invalid_filters, parse_sort, preview_table, stored_rows
from targets.web.whatif_query import PARAMS as WHATIF_PARAMS
from targets.web.whatif_query import SLIDER_MAX, WhatIfQuery, for_profile

PAGE_SIZE = 50


@dataclass
class RankingSource:
    """What the page shows: a stored run, or an unsaved preview: of a profile that has no run yet, or of the
    what-if weights and method the URL carries (``whatif.active``)."""

    profile_name: str
    run: RankingRun | None
    profile: ScoringProfile | None
    filterset: object
    rows: object  # queryset or list
    whatif: WhatIfQuery | None = None
    stored_run: RankingRun | None = None  # the newest stored run of the profile, also behind a preview
    unsaved_ranking: Ranking | None = None  # the ranking behind a preview (its exports describe it)

    @property
    def preview(self) -> bool:
        return self.run is None and self.profile is not None


def ranking_source(request) -> RankingSource:
    """The rows the ranking page (and its exports) show for the request's profile, filters, sort and what-if."""
    chosen = request.GET.get("profile") or ""
    sort, descending = parse_sort(request.GET.get("sort"))
    run = shown_run(request)
    name = run.profile.name if run else chosen or settings.NICHERANK_DEFAULT_PROFILE
    current = ScoringProfile.objects.filter(name=name, is_current=True).first()
    whatif = for_profile(request.GET, run.profile if run else current)  # against the weights the sliders show
    if run is not None and not (whatif and whatif.active):
        filterset, rows = stored_rows(run, request.GET, sort=sort, descending=descending, request=request)
        return RankingSource(run.profile.name, run, run.profile, filterset, rows, whatif, run)
    if current is None:
        return RankingSource(name, None, None, None, [])
    overrides = whatif.profile_data() if whatif.active else None
    filterset, rows, ranking = preview_table(
        current, request.GET, sort=sort, descending=descending, request=request, fields=overrides
    )
    return RankingSource(name, None, current, filterset, rows, whatif, run, ranking)


def target_url_builder():
    """symbol -> the target page's URL, reversing the route once (one reverse per row costs ~0.5 ms)."""
    marker = "SYMBOL"
    prefix, suffix = reverse("target-detail", args=[marker]).split(marker)
    return lambda symbol: f"{prefix}{quote(symbol)}{suffix}"


def _weights(source: RankingSource) -> list[dict]:
    """One slider per criterion: the stored weight (what Reset returns to) and the shown one (the URL's)."""
    stored = source.profile.weights if source.profile else {}
    shown = source.whatif.weights if source.whatif else stored
    return [
        {
            **item,
            "stored": float(stored.get(item["key"], 0.0)),
            "weight": float(shown.get(item["key"], 0.0)),
            "max": SLIDER_MAX,
        }
        for item in criterion_legend()
    ]


def _query_without(request, names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


@read_access_required
def ranking(request):
    """The ranked table with contribution bars, stability intervals, coverage and stale-data badges."""
    source = ranking_source(request)
    page = Paginator(source.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = source.run or source.stored_run
    all_values = list(shown.rows.values_list("target_id", "values")) if shown else []
    if not shown:
        all_values = [(row.target.pk, row.values) for row in source.rows]
    coverage = coverage_panel(shown, all_values)
    stale = stale_for_badges(coverage["freshness"])
    stale_by_target = targets_with_records_from([row.target.pk for row in page], stale)
    target_url = target_url_builder()
    stances = team_stances(row.target.pk for row in page)
    for row in page:
        row.team_stance = stances.get(row.target.pk)
        row.stale_sources = sorted(stale_by_target.get(row.target.pk, ()))
        row.url = target_url(row.target.symbol)
    sort, descending = parse_sort(request.GET.get("sort"))
    invalid = invalid_filters(source.filterset)
    whatif = source.whatif
    whatif_errors = whatif.errors if whatif else {}
    weights = _weights(source)
    return render(
        request,
        "targets/ranking.html",
        {
            "source": source,
            "run": source.run,
            "page": page,
            "filterset": source.filterset,
            "filter_fields": filter_fields(source.filterset),
            "invalid_filters": invalid,
            # Export links carry only the filters the page applied, so a file never disagrees with the table.
            "export_query": _query_without(request, ["page", *invalid, *whatif_errors]),
            "legend": criterion_legend(),
            "definitions": criterion_definitions(),
            "weights": weights,
            "whatif": whatif,
            "whatif_errors": whatif_errors,
            "whatif_hidden": _whatif_hidden(whatif),
            "slider_query": _slider_query(weights, whatif.method if whatif else ""),
            "methods": METHODS,
            "stored_method": source.profile.method if source.profile else "",
            "profile_hidden": _kept_params(request, {"page", "profile", *WHATIF_PARAMS}),
            "profiles": ScoringProfile.objects.filter(is_current=True).order_by("name"),
            "stale": stale,
            "coverage": coverage,
            "never_refreshed": coverage["never_labels"],
            "empty_criteria": empty_criteria(values for _, values in all_values),
            "sort": sort,
            "descending": descending,
        },
    )


def _whatif_hidden(whatif: WhatIfQuery | None) -> list[tuple[str, str]]:
    """(name, value) of the what-if parameters the filter form carries, so filtering keeps the preview."""
    if not whatif or not whatif.active:
        return []
    return [(key, f"{value:g}") for key, value in whatif.weights.items()] + [("method", whatif.method)]


def _kept_params(request, dropped) -> list[tuple[str, str]]:
    """(name, value) of the query's parameters except ``dropped`` (the profile selector carries the filters
    and sort to another profile, but not this profile's page or what-if weights)."""
    return [(name, value) for name, values in request.GET.lists() if name not in dropped for value in values]


def _slider_query(weights: list[dict], method: str) -> str:
    """The sliders' weights and method as a query string (the "new profile" link starts from them)."""
    pairs = [(item["key"], f"{item['weight']:g}") for item in weights]
    return urlencode(pairs + ([("method", method)] if method else []))
