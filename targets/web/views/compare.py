"""Compare 2-5 targets side by side (radar overlay and table) and say why each is above the next."""

from __future__ import annotations

import re

from django.shortcuts import render

from scoring.criteria import CRITERIA
from scoring.engine import TIE_RULE
from targets.models import Target
from targets.ranking.explain import explain_adjacent, stored_ranking
from targets.web.access import read_access_required
from targets.web.palette import criterion_legend, series_colour
from targets.web.runs import shown_run

MIN_TARGETS, MAX_TARGETS = 2, 5


def parse_symbols(request) -> list[str]:
    """Symbols from ?symbols=A,B (commas or spaces) and repeated ?t=A&t=B, upper-cased, de-duplicated."""
    raw = " ".join(request.GET.getlist("symbols") + request.GET.getlist("t"))
    return list(dict.fromkeys(item.upper() for item in re.split(r"[\s,;]+", raw) if item))


def _problem(symbols: list[str], known: set[str]) -> str:
    unknown = [s for s in symbols if s not in known]
    if unknown:
        return f"Unknown target{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}."
    if not MIN_TARGETS <= len(symbols) <= MAX_TARGETS:
        return f"Choose between {MIN_TARGETS} and {MAX_TARGETS} targets (you gave {len(symbols)})."
    return ""


def _neighbours(run, symbol: str, reach: int = 2) -> list[str]:
    """Symbols ranked within `reach` places of `symbol` in the run: quick second choices on the compare page."""
    if run is None:
        return []
    rank = run.rows.filter(target__symbol=symbol).values_list("rank", flat=True).first()
    if rank is None:
        return []
    rows = run.rows.filter(rank__gte=rank - reach, rank__lte=rank + reach).exclude(target__symbol=symbol)
    return list(rows.order_by("rank").values_list("target__symbol", flat=True))


@read_access_required
def compare(request):
    """Side-by-side values, contributions, ranks and pairwise explanations of the chosen targets."""
    symbols = parse_symbols(request)
    run = shown_run(request)
    context = {
        "symbols": symbols,
        "all_symbols": Target.objects.values_list("symbol", flat=True),
        "run": run,
        "legend": criterion_legend(),
        "max_targets": MAX_TARGETS,
    }
    if not symbols:
        start = request.GET.get("with", "").strip().upper()
        if start:  # "Compare with…" from a target page: ask for the others instead of refusing one target
            context.update(start=start, symbols=[start], neighbours=_neighbours(run, start))
        return render(request, "targets/compare.html", context)
    rows = list(run.rows.select_related("target__axis").filter(target__symbol__in=symbols)) if run else []
    problem = _problem(symbols, {row.target.symbol for row in rows}) if run else "No ranking has been run yet."
    if problem:
        return render(request, "targets/compare.html", {**context, "problem": problem}, status=400)
    rows.sort(key=lambda row: symbols.index(row.target.symbol))
    ranking = stored_ranking(run, rows)
    context.update(
        rows=rows,
        table=[
            {
                "label": c.label,
                "key": c.key,
                "cells": [
                    {"value": row.values.get(c.key), "contribution": row.contributions.get(c.key)} for row in rows
                ],
            }
            for c in CRITERIA
        ],
        explanations=explain_adjacent(ranking),
        tie_rule=TIE_RULE,
        labels={c.key: c.label for c in CRITERIA},
        radar={
            "labels": [c.label for c in CRITERIA],
            "series": [
                {
                    "label": row.target.symbol,
                    "colour": series_colour(index),
                    "values": [row.values.get(c.key) for c in CRITERIA],
                }
                for index, row in enumerate(rows)
            ],
        },
    )
    return render(request, "targets/compare.html", context)
