"""Compute a ranking with the scoring package and store it as an immutable RankingRun."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max

from scoring.criteria import CRITERIA
from scoring.engine import Ranking, rank_targets
from targets.models import RankingRow, RankingRun, ScoringProfile, SourceRecord, Target
from targets.ranking.facts import build_facts, targets_for_scoring
from targets.ranking.profiles import current_profile, ensure_default_profiles, profile_spec


def data_versions() -> dict:
    """Which data the ranking used: the catalogue's content hash and each source's release and last fetch."""
    versions: dict = {"catalogue": _catalogue_fingerprint()}
    per_source = SourceRecord.objects.values("source").annotate(
        records=Count("id"), last_fetched=Max("fetched_at"), release=Max("release")
    )
    for row in per_source:
        versions[row["source"]] = {
            "release": row["release"],
            "last_fetched": row["last_fetched"].isoformat(),
            "records": row["records"],
        }
    return versions


def _catalogue_fingerprint() -> str:
    rows = Target.objects.order_by("symbol").values_list("symbol", "updated_at")
    digest = hashlib.sha256()
    for symbol, updated in rows:
        digest.update(f"{symbol}|{updated.isoformat()}\n".encode())
    return digest.hexdigest()[:16]


def compute_ranking(profile: ScoringProfile, *, seed: int = 0, samples: int | None = None) -> Ranking:
    """Rank every target under a stored profile version, without saving anything."""
    samples = settings.NICHERANK_STABILITY_SAMPLES if samples is None else samples
    return rank_targets(build_facts(targets_for_scoring()), profile_spec(profile), stability_samples=samples, seed=seed)


@transaction.atomic
def ranking_run_create(
    *,
    profile: ScoringProfile | None = None,
    triggered_by: str = "",
    seed: int = 0,
    samples: int | None = None,
) -> RankingRun:
    """Rank all targets under a profile (default: the configured default profile) and store the run."""
    ensure_default_profiles()
    profile = profile or current_profile(settings.NICHERANK_DEFAULT_PROFILE)
    ranking = compute_ranking(profile, seed=seed, samples=samples)
    run = RankingRun.objects.create(
        profile=profile,
        method=ranking.method,
        missing_policy=ranking.missing,
        input_hash=ranking.input_hash,
        code_version=ranking.code_version,
        data_versions=data_versions(),
        criteria=[{"key": c.key, "version": c.version} for c in CRITERIA],
        seed=ranking.seed,
        stability_samples=ranking.stability_samples,
        target_count=len(ranking.rows),
        triggered_by=triggered_by,
    )
    ids = dict(Target.objects.values_list("symbol", "id"))
    RankingRow.objects.bulk_create(
        [
            RankingRow(
                run=run,
                target_id=ids[row.symbol],
                rank=row.rank,
                score=row.score,
                contributions=row.contributions,
                values=row.values,
                coverage=row.coverage,
                eligible=row.eligible,
                excluded_reason=row.excluded_reason,
                direction=row.direction,
                flags=list(row.flags),
                median_rank=row.median_rank,
                rank_p05=row.rank_p05,
                rank_p95=row.rank_p95,
                p_top_k=row.p_top_k,
            )
            for row in ranking.rows
        ],
        batch_size=1000,
    )
    return run


def latest_run(profile_name: str | None = None) -> RankingRun | None:
    """The newest run, optionally for a named profile (any version)."""
    runs = RankingRun.objects.select_related("profile")
    if profile_name:
        runs = runs.filter(profile__name=profile_name)
    return runs.order_by("-created_at", "-id").first()
