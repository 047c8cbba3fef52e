"""Print-ready dossiers: one target, or every target of a shortlist in its order, with rank, criteria in words,
evidence, safety, drugs, trials, the team's discussion and decision log, and provenance (sources, releases, dates).
The page is styled for print (static/css/dossier.css): no navigation, a page break before each target."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from scoring.criteria import CRITERIA
from targets.deliberation.selectors import discussions
from targets.models import Shortlist
from targets.ranking.explanations import dual_penalty_text, explanations_for
from targets.selectors import assembled_provenance, target_detail_queryset
from targets.web.access import read_access_required
from targets.web.drug_rows import COLUMNS, drug_rows
from targets.web.links import target_links
from targets.web.runs import shown_run
from targets.web.views.target import missing_reasons, with_detailed_target

DESCRIPTIONS = {criterion.key: criterion.description for criterion in CRITERIA}


def _criteria(row, explained: list[dict], reasons: dict) -> list[dict]:
    """One entry per criterion: label, the run's value and contribution, what it measures, and why (in words)."""
    items = []
    for item in explained:
        key = item["key"]
        items.append(
            {
                "key": key,
                "label": item["label"],
                "description": DESCRIPTIONS.get(key, ""),
                "value": row.values.get(key) if row else item["value"],
                "contribution": (row.contributions or {}).get(key) if row else None,
                "sentence": item["sentence"],
                "facts": item["facts"],
                "missing_reason": reasons.get(key, ""),
            }
        )
    return items


def dossier_entries(targets, run) -> list[dict]:
    """Everything a dossier prints about each target of a queryset (prefetched like the target page)."""
    targets = list(targets)
    explained = explanations_for(target_detail_queryset().filter(pk__in=[t.pk for t in targets]))
    rows = {row.target_id: row for row in run.rows.filter(target__in=targets)} if run else {}
    talk = discussions(target.pk for target in targets)
    entries = []
    for target in targets:
        row = rows.get(target.pk)
        assembled = assembled_provenance(target)
        entries.append(
            {
                "target": target,
                "row": row,
                "links": target_links(target),
                "criteria": _criteria(row, explained.get(target.symbol, []), missing_reasons(target, row, assembled)),
                "penalty": dual_penalty_text(target.role, run.profile.dual_policy) if run and row else "",
                "drug_rows": drug_rows(target.mechanisms.all(), assembled["sources"]),
                "assembled": assembled,
                **talk[target.pk],
            }
        )
    return entries


def _render(request, title: str, entries: list[dict], run, shortlist=None, status: int = 200):
    context = {
        "title": title,
        "entries": entries,
        "run": run,
        "shortlist": shortlist,
        "printed_at": timezone.now(),
        "drug_columns": [label for _, label, _ in COLUMNS],
    }
    return render(request, "dossier/dossier.html", context, status=status)


@read_access_required
@with_detailed_target
def target_dossier(request, target):
    """The dossier of one target."""
    run = shown_run(request)
    return _render(request, f"{target.symbol} dossier", dossier_entries([target], run), run)


@read_access_required
def shortlist_dossier(request, slug: str):
    """The dossier of a shortlist: a section per target in the shortlist's order."""
    shortlist = get_object_or_404(Shortlist, slug=slug)
    items = list(shortlist.items.select_related("added_by").order_by("position", "pk"))
    ids = [item.target_id for item in items]
    by_id = {target.pk: target for target in target_detail_queryset().filter(pk__in=ids)}
    run = shown_run(request)
    entries = dossier_entries([by_id[pk] for pk in ids], run)
    notes = {item.target_id: item for item in items}
    for entry in entries:
        entry["shortlist_item"] = notes.get(entry["target"].pk)
    return _render(request, f"Shortlist {shortlist.name} dossier", entries, run, shortlist)
