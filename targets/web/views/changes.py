"""What changed between two ranking runs, separating moves caused by data from moves caused by weights."""

from __future__ import annotations

from django.shortcuts import render

from targets.models import RankingRun
from targets.ranking.diff import diff_runs
from targets.ranking.run_changes import RunChoice, data_changes, identical, run_choices, setting_changes, value_changes
from targets.web.access import read_access_required

RUN_CHOICES = 100
CAUSE_ORDER = ("data", "weights", "data and weights", "added", "removed")
SCORE_ONLY = "score"  # the group of targets whose score moved (beyond SCORE_EPSILON) but not their rank


def _run(runs: list[RankingRun], value: str | None) -> RankingRun | None:
    if value and value.isdigit():
        return next((run for run in runs if run.pk == int(value)), None) or (
            RankingRun.objects.select_related("profile").filter(pk=int(value)).first()
        )
    return None


def _previous(choices: list[RunChoice], run_b: RankingRun | None) -> RankingRun | None:
    """The run before ``run_b`` under the same profile (what changed since last time), else any earlier run;
    identical reruns are merged into one choice, so the run found differs from ``run_b``."""
    if run_b is None:
        return None
    earlier = [c.run for c in choices if (c.run.created_at, c.run.pk) < (run_b.created_at, run_b.pk)]
    earlier = [run for run in earlier if not identical(run, run_b)]
    same = [run for run in earlier if run.profile.name == run_b.profile.name]
    return (same or earlier or [None])[0]


@read_access_required
def changes(request):
    """Choose two runs (default: the newest and the last different run of its profile) and see what changed:
    settings and data in words, each target's move split into data and weights, scores that moved alone."""
    runs = list(RankingRun.objects.select_related("profile").order_by("-created_at", "-id")[:RUN_CHOICES])
    choices = run_choices(runs)
    run_b = _run(runs, request.GET.get("b")) or (choices[0].run if choices else None)
    run_a = _run(runs, request.GET.get("a")) or _previous(choices, run_b)
    context = {"runs": runs, "choices": choices, "run_a": run_a, "run_b": run_b}
    if run_a is None or run_b is None:
        return render(request, "targets/changes.html", context)
    diff = diff_runs(run_a, run_b)
    groups = {cause: [row for row in diff.rows if row.cause == cause] for cause in CAUSE_ORDER}
    groups[SCORE_ONLY] = [row for row in diff.rows if row.cause == "unchanged" and row.score_changed]
    context.update(
        diff=diff,
        identical=identical(run_a, run_b),
        groups={cause: rows for cause, rows in groups.items() if rows},
        unchanged=sum(row.cause == "unchanged" for row in diff.rows),
        settings_changed=setting_changes(run_a, run_b),
        data_versions=data_changes(run_a, run_b),
        values_changed=value_changes(diff.rows),
    )
    return render(request, "targets/changes.html", context)
