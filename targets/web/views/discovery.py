"""Discovery pages: the ranked gene universe, a gene's niche neighbourhood, and promotion into the catalogue."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render

from scoring.discovery import DISCOVERY_CRITERIA
from targets.choices import Compartment, Role
from targets.models import Axis, DiscoveryScore, Gene, UniverseSource
from targets.ranking.services import enqueue_rerank
from targets.security.roles import is_curator
from targets.universe.promote import promote_gene
from targets.universe.selectors import (
    FilterError,
    curated_symbols,
    discovery_scores,
    latest_run,
    partner_entries,
    select_page,
)
from targets.web.access import curator_required, read_access_required

logger = logging.getLogger(__name__)
PAGE_SIZE = 50


class PromoteForm(forms.Form):
    axis = forms.ModelChoiceField(queryset=Axis.objects.all(), required=False, help_text="an existing axis, or…")
    new_axis = forms.CharField(max_length=200, required=False, label="…a new axis")
    compartment = forms.ChoiceField(choices=Compartment.choices)
    role = forms.ChoiceField(choices=Role.choices)
    mechanism = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("axis") and not (data.get("new_axis") or "").strip():
            raise forms.ValidationError("Choose an axis or name a new one.")
        return data


class _Counted:
    """What the paginator needs to number pages when the count is known and rows are fetched separately."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count

    def __getitem__(self, items):
        return range(self._count)[items]


SHOWN = {"partners": 6, "annotations": 5, "drugs": 3}


def _with_summary(row: dict) -> dict:
    """Adds the short "why it surfaced" lists the table shows (built here: cheaper than template filters)."""
    why = row["why"]
    partners = [
        p["symbol"] + (" (BM)" if p["bone_marrow_atlas"] else "") + ("*" if p["curated"] else "")
        for p in why["partners"]
    ]
    lists = {
        "partners": partners,
        "annotations": [a["term"] for a in why["annotations"]],
        "drugs": [d["drug"] for d in why["drugs"]],
    }
    row["summary"] = [
        (label, ", ".join(items[: SHOWN[label]]), max(0, len(items) - SHOWN[label]))
        for label, items in lists.items()
        if items
    ]
    return row


@read_access_required
def discovery(request):
    """The ranked universe with filters and why each gene surfaced."""
    run = latest_run()
    context = {"run": run, "criteria": DISCOVERY_CRITERIA, "sources": UniverseSource.objects.all()}
    if run is not None:
        try:
            scores, filtered = discovery_scores(run, request.GET)
        except FilterError as error:
            return HttpResponseBadRequest(str(error))
        number = request.GET.get("page")
        try:
            number = max(1, int(number or 1))
        except ValueError:
            number = 1
        count, rows = select_page(run, scores, filtered, (number - 1) * PAGE_SIZE, PAGE_SIZE)
        page = Paginator(_Counted(count), PAGE_SIZE).get_page(number)
        if page.number != number:  # past the last page: show the last one
            count, rows = select_page(run, scores, filtered, (page.number - 1) * PAGE_SIZE, PAGE_SIZE)
        context.update(page=page, rows=[_with_summary(row) for row in rows])
    return render(request, "targets/discovery.html", context)


@read_access_required
def gene_page(request, symbol: str):
    """One gene: identifiers, facts with their sources, its niche neighbourhood, and the promotion form."""
    gene = get_object_or_404(Gene.objects.select_related("target"), symbol=symbol.upper())
    run = latest_run()
    score = DiscoveryScore.objects.filter(gene=gene, run=run).first()
    partners = partner_entries(gene.partners, curated_symbols())
    symbols = [p["symbol"] for p in partners]
    ranks = dict(DiscoveryScore.objects.filter(run=run, gene__symbol__in=symbols).values_list("gene__symbol", "rank"))
    for partner in partners:
        partner["rank"] = ranks.get(partner["symbol"])
    context = {
        "gene": gene,
        "score": score,
        "criteria": DISCOVERY_CRITERIA,
        "partners": partners,
        "sources": UniverseSource.objects.all(),
        "form": PromoteForm() if is_curator(request.user) and not gene.target_id else None,
    }
    return render(request, "targets/gene.html", context)


@curator_required
def gene_promote(request, symbol: str):
    """POST: create a curated target from the gene (axis, compartment and role from the form)."""
    gene = get_object_or_404(Gene, symbol=symbol.upper())
    if request.method != "POST":
        return redirect("gene-detail", gene.symbol)
    form = PromoteForm(request.POST)
    if form.is_valid():
        try:
            target = promote_gene(
                gene,
                axis=form.cleaned_data["axis"],
                new_axis=form.cleaned_data["new_axis"],
                compartment=form.cleaned_data["compartment"],
                role=form.cleaned_data["role"],
                mechanism=form.cleaned_data["mechanism"],
            )
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
            return redirect("gene-detail", gene.symbol)
        messages.success(
            request,
            f"{target.symbol} promoted into the curated catalogue; the discovery ranking is being re-run (its "
            "partners' curated-partner scores change).",
        )
        try:
            enqueue_rerank(None, triggered_by=f"target {target.symbol} promoted from the universe")
        except Exception:
            logger.exception("Promoted %s, but the re-rank failed", target.symbol)
        return redirect("target-detail", target.symbol)
    context = {"gene": gene, "score": None, "criteria": DISCOVERY_CRITERIA, "partners": [], "form": form}
    return render(request, "targets/gene.html", context, status=400)
