"""One target's page: niche partners, role and evidence direction, criteria radar, drugs (one row each, stages
per source), trials, graded evidence, safety signals, source records and rank history."""

from __future__ import annotations

from functools import wraps

from django.shortcuts import render

from targets.models import Gene
from targets.ranking.explanations import dual_penalty_text, target_explanations
from targets.selectors import assembled_provenance, rank_history, target_detail_queryset
from targets.web.access import read_access_required
from targets.web.coverage import coverage_panel
from targets.web.definitions import criterion_definitions
from targets.web.drug_rows import COLUMNS, drug_rows
from targets.web.fact_links import criterion_records, link_facts
from targets.web.palette import criterion_legend
from targets.web.runs import shown_run


def _history_points(target) -> list[dict]:
    return [
        {
            "run": row.run_id,
            "date": row.run.created_at.strftime("%Y-%m-%d %H:%M"),
            "profile": f"{row.run.profile.name} v{row.run.profile.version}",
            "rank": row.rank,
            "score": row.score,
            "of": row.run.target_count,
        }
        for row in rank_history(target)
    ]


def _radar(row, legend) -> dict | None:
    if row is None:
        return None
    return {
        "labels": [item["label"] for item in legend],
        "series": [{"label": row.target.symbol, "values": [row.values.get(item["key"]) for item in legend]}],
    }


def with_detailed_target(view):
    """A view of one target by its symbol: it is called with the target (its details prefetched), and an unknown
    symbol answers the site's 404 page."""

    @wraps(view)
    def wrapper(request, symbol: str):
        target = target_detail_queryset().filter(symbol=symbol.upper()).first()
        if target is None:
            return target_not_found(request, symbol)
        return view(request, target)

    return wrapper


@read_access_required
@with_detailed_target
def target_detail(request, target):
    """Everything about one target."""
    run = shown_run(request)
    row = run.rows.select_related("target").filter(target=target).first() if run else None
    partners = list(target.as_ligand.all()) + list(target.as_receptor.all())
    legend = criterion_legend()
    evidence = list(target.evidence.all())
    explanations = {item["key"]: item for item in target_explanations(target)}
    assembled = assembled_provenance(target)
    drugs = drug_rows(target.mechanisms.all(), assembled["sources"])
    safety = list(target.safety_signals.all())
    link_facts(explanations, evidence, safety, drugs)
    records = list(target.source_records.all())
    return render(
        request,
        "targets/target_detail.html",
        {
            "target": target,
            "protein_name": target.name or _hgnc_name(target),
            "row": row,
            "run": run,
            "partners": partners,
            "axis_mates": list(target.axis.targets.exclude(pk=target.pk).order_by("symbol")),
            "legend": legend,
            "definitions": criterion_definitions(),
            "definitions_by_key": {item["key"]: item for item in criterion_definitions()},
            "coverage": coverage_panel(run, [(target.pk, row.values)] if row else []),
            "criterion_records": criterion_records(records),
            "source_records": records,
            "explanations": explanations,
            "explanations_differ": _explanations_differ(row, explanations),
            "missing_reasons": missing_reasons(target, row, assembled),
            "penalty": dual_penalty_text(target.role, run.profile.dual_policy) if run and row else "",
            "evidence": evidence,
            "evidence_directions": _direction_counts(evidence),
            "history": _history_points(target),
            "radar": _radar(row, legend),
            "assembled": assembled,
            "drug_rows": drugs,
            "drug_columns": [label for _, label, _ in COLUMNS],
            "safety": safety,
        },
    )


OPEN_TARGETS_CRITERIA = ("disease_association", "novelty")


def missing_reasons(target, row, assembled: dict) -> dict[str, str]:
    """criterion key -> why it is missing although this page lists data that looks like it should count."""
    if row is None:
        return {}
    missing = {key for key, value in row.values.items() if value is None}
    reasons = {}
    trials = len(target.trials.all())
    if "trial_activity" in missing and trials:
        reasons["trial_activity"] = (
            f"Missing although {trials} trial{'s are' if trials > 1 else ' is'} listed below: the score uses a "
            "trial's status only when a ClinicalTrials.gov refresh fetched it; statuses from the bundled "
            "snapshot (marked assembled) are illustrative and do not count, and unfetched trials have none."
        )
    if "opentargets" in assembled["sources"]:
        for key in OPEN_TARGETS_CRITERIA:
            if key in missing:
                reasons[key] = (
                    "Missing although Open Targets records are listed on this page: they come from the bundled "
                    "snapshot (assembled, illustrative) and count only once a refresh fetches them from Open Targets."
                )
    return reasons


def target_not_found(request, symbol: str):
    """The site's 404 page for an unknown target (also under DEBUG), pointing to the universe gene if any."""
    gene = Gene.objects.filter(symbol=symbol.upper()).only("symbol", "name").first()
    return render(request, "404.html", {"missing_symbol": symbol, "gene": gene}, status=404)


def _hgnc_name(target) -> str:
    """The approved HGNC name of the universe gene with the target's symbol ('' when the universe lacks it)."""
    return Gene.objects.filter(symbol=target.symbol).values_list("name", flat=True).first() or ""


def _explanations_differ(row, explanations: dict) -> bool:
    """True when today's facts give other values than the shown run stored (the data changed since)."""
    if row is None:
        return False
    for key, item in explanations.items():
        stored, now = row.values.get(key), item["value"]
        if key in row.values and ((stored is None) != (now is None) or (now is not None and abs(stored - now) > 1e-9)):
            return True
    return False


def _direction_counts(evidence) -> list[dict]:
    counts: dict[str, dict] = {}
    for item in evidence:
        entry = counts.setdefault(item.direction, {"label": item.get_direction_display(), "count": 0})
        entry["count"] += 1
    return list(counts.values())
