"""Targets x criteria: each criterion's 0-1 value, with missing values visibly distinct from zeros."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from scoring.criteria import CRITERIA
from targets.selectors import ranking_rows
from targets.web.access import read_access_required
from targets.web.definitions import criterion_definitions
from targets.web.palette import HEAT_SCALE, heat_cell
from targets.web.runs import shown_run

PAGE_SIZE = 100


@read_access_required
def heatmap(request):
    """The newest run's criterion values as a coloured table, in rank order."""
    run = shown_run(request)
    page = Paginator(ranking_rows(run) if run else [], PAGE_SIZE).get_page(request.GET.get("page"))
    grid = [
        {
            "row": row,
            "cells": [
                {"label": c.label, "value": row.values.get(c.key), **heat_cell(row.values.get(c.key))} for c in CRITERIA
            ],
        }
        for row in page
    ]
    scale = [{"colour": colour, "from": i / len(HEAT_SCALE)} for i, colour in enumerate(HEAT_SCALE)]
    context = {"run": run, "page": page, "grid": grid, "definitions": criterion_definitions(), "scale": scale}
    return render(request, "targets/heatmap.html", context)
