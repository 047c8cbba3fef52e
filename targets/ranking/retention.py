"""Retention of ranking runs: every edit stores a full run, so old automatic ones are compacted.

Kept whole: runs started by a person or a schedule (`manage.py rank`, a refresh, the API's named runs: any
run not triggered by an edit), the newest NICHERANK_KEEP_RUNS runs of each profile, runs younger than
NICHERANK_KEEP_RUN_DAYS days, and the newest run of each profile version. The other edit-triggered runs are
deleted with their rows; what they recorded is superseded by the newer runs of the same profile."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from targets.models import RankingRow, RankingRun

# triggered_by values written by the re-rank that follows an edit (targets/api/views.py, web curation).
EDIT_TRIGGERS = ("target ", "evidence ", "profile ", "refresh reaped")


def _edit_triggered() -> Q:
    query = Q()
    for prefix in EDIT_TRIGGERS:
        query |= Q(triggered_by__startswith=prefix)
    return query


def ranking_runs_compact(*, keep: int | None = None, keep_days: int | None = None) -> dict:
    """Delete old edit-triggered runs beyond the retention rules above; return what was removed."""
    keep = settings.NICHERANK_KEEP_RUNS if keep is None else keep
    keep_days = settings.NICHERANK_KEEP_RUN_DAYS if keep_days is None else keep_days
    cutoff = timezone.now() - timedelta(days=keep_days)
    protected: set[int] = set(
        RankingRun.objects.values("profile_id").annotate(newest=Max("id")).values_list("newest", flat=True)
    )
    for name in RankingRun.objects.values_list("profile__name", flat=True).distinct():
        protected.update(
            RankingRun.objects.filter(profile__name=name)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[:keep]
        )
    doomed = (
        RankingRun.objects.filter(_edit_triggered(), created_at__lt=cutoff)
        .exclude(pk__in=protected)
        .values_list("id", flat=True)
    )
    ids = list(doomed)
    with transaction.atomic():
        rows, _ = RankingRow.objects.filter(run_id__in=ids).delete()
        RankingRun.objects.filter(pk__in=ids).delete()
    return {"runs_deleted": len(ids), "rows_deleted": rows}
