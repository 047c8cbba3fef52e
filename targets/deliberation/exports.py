"""A shortlist as CSV: one row per target in the shortlist's order, with its current rank, score and team stance."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

from targets.exports.table import safe_cell

SHORTLIST_COLUMNS = [
    "position",
    "symbol",
    "name",
    "rank",
    "score",
    "team_stance",
    "stance_reason",
    "decided_by",
    "decided_at",
    "note",
    "added_by",
    "added_at",
    "shortlist",
    "run",
    "profile",
]


def shortlist_csv(shortlist, rows: list[dict], run) -> str:
    """The CSV text (header, then rows); rank and score are empty when the target is not in `run`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHORTLIST_COLUMNS)
    profile = f"{run.profile.name} v{run.profile.version}" if run else ""
    for entry in rows:
        item, row, decision = entry["item"], entry["row"], entry["decision"]
        writer.writerow(
            safe_cell(value)
            for value in [
                item.position,
                item.target.symbol,
                item.target.name,
                row.rank if row else "",
                round(row.score, 6) if row and row.score is not None else "",
                decision.stance if decision else "",
                decision.reason if decision else "",
                decision.decided_by.username if decision else "",
                decision.decided_at.isoformat(timespec="seconds") if decision else "",
                item.note,
                item.added_by.username,
                item.added_at.isoformat(timespec="seconds"),
                shortlist.name,
                run.pk if run else "",
                profile,
            ]
        )
    return out.getvalue()


def shortlist_csv_response(shortlist, rows: list[dict], run) -> HttpResponse:
    """The shortlist's CSV as a download named after it (both faces answer with this)."""
    response = HttpResponse(shortlist_csv(shortlist, rows, run), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="shortlist-{shortlist.slug}.csv"'
    return response
