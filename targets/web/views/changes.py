"""What changed between two ranking runs, separating moves caused by data from moves caused by weights."""

from __future__ import annotations

from django.shortcuts import render

from targets.models import RankingRun
from targets.ranking.diff import diff_runs
from targets.web.access import read_access_required

RUN_CHOICES = 100
CAUSE_ORDER = ("data", "weights", "data and weights", "added", "removed")


def _run(runs: list[RankingRun], value: str | None) -> RankingRun | None:
    if value and value.isdigit():
        return next((run for run in runs if run.pk == int(value)), None) or (
            RankingRun.objects.select_related("profile").filter(pk=int(value)).first()
        )
    return None


def _previous(runs: list[RankingRun], run_b: RankingRun | None) -> RankingRun | None:
    """The run before ``run_b`` under the same profile (what changed since last time), else any earlier run."""
    if run_b is None:
        return None
    earlier = [run for run in runs if (run.created_at, run.pk) < (run_b.created_at, run_b.pk)]
    same = [run for run in earlier if run.profile.name == run_b.profile.name]
    return (same or earlier or [None])[0]


def data_version_changes(run_a: RankingRun, run_b: RankingRun) -> list[dict]:
    """Which data sources differ between the runs' recorded data versions: [{source, before, after}]."""
    before, after = run_a.data_versions or {}, run_b.data_versions or {}
    rows = []
    for source in sorted(before.keys() | after.keys()):
        a, b = before.get(source), after.get(source)
        if a != b:
            rows.append({"source": source, "before": _describe(a), "after": _describe(b)})
    return rows


def _describe(version) -> str:
    if version is None:
        return "—"
    if isinstance(version, dict):
        parts = [f"release {version['release']}" if version.get("release") else "",
                 f"fetched {str(version.get('last_fetched', ''))[:16]}" if version.get("last_fetched") else "",
                 f"{version['records']} records" if version.get("records") is not None else ""]  # fmt: skip
        return ", ".join(part for part in parts if part) or "—"
    return f"content {str(version)[:12]}"


@read_access_required
def changes(request):
    """Choose two runs (default: the two newest) and see each target's move split into data and weights."""
    runs = list(RankingRun.objects.select_related("profile").order_by("-created_at", "-id")[:RUN_CHOICES])
    run_b = _run(runs, request.GET.get("b")) or (runs[0] if runs else None)
    run_a = _run(runs, request.GET.get("a")) or _previous(runs, run_b)
    context = {"runs": runs, "run_a": run_a, "run_b": run_b}
    if run_a is None or run_b is None:
        return render(request, "targets/changes.html", context)
    diff = diff_runs(run_a, run_b)
    groups = {cause: [row for row in diff.rows if row.cause == cause] for cause in CAUSE_ORDER}
    context.update(
        diff=diff,
        groups={cause: rows for cause, rows in groups.items() if rows},
        unchanged=sum(row.cause == "unchanged" for row in diff.rows),
        data_versions=data_version_changes(run_a, run_b),
    )
    return render(request, "targets/changes.html", context)
