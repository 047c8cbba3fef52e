"""Compute a ranking with the scoring package and store it as an immutable RankingRun."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max

import scoring
from scoring.criteria import CRITERIA
from scoring.engine import Ranking, rank_targets, ranking_input_hash
from targets.flags import row_marks, source_records_summary
from targets.models import (
    ClinicalTrial,
    DrugMechanism,
    Evidence,
    RankingRow,
    RankingRun,
    SafetySignal,
    ScoringProfile,
    SourceRecord,
    Target,
)
from targets.ranking.facts import build_facts, targets_for_scoring
from targets.ranking.profiles import current_profile, ensure_default_profiles, profile_spec
from targets.ranking.rows import stored_rows

# What curators and the catalogue hold, each fingerprinted by the fields that can change a ranking or
# what a page shows: a run records them, so a diff can say which kind of data moved.
_CURATED = {
    "catalogue": (Target.objects, ("symbol", "updated_at")),
    "evidence": (
        Evidence.objects,
        ("id", "target_id", "citation", "level", "direction", "niche_mediated", "context", "verified"),
    ),
    "safety": (SafetySignal.objects, ("id", "target_id", "kind", "severity", "verified")),
    "mechanisms": (
        DrugMechanism.objects,
        (
            "id",
            "target_id",
            "drug_id",
            "source",
            "attribution",
            "acts_on",
            "verified",
            "stage_aml",
            "stage_aml_qualifiers",
            "stage_any",
            "stage_any_qualifiers",
        ),
    ),
    "trials": (ClinicalTrial.objects, ("nct_id", "overall_status", "stage", "start_date", "last_update_date")),
    "trial_links": (ClinicalTrial.targets.through.objects, ("clinicaltrial_id", "target_id")),
}


def data_versions() -> dict:
    """Which data the ranking used: a fingerprint of each kind of curated data (catalogue targets,
    evidence, mechanisms, trials) and each source's release, last fetch and record count."""
    versions: dict = {name: _fingerprint(manager, fields) for name, (manager, fields) in _CURATED.items()}
    versions["source_records"] = {
        **source_records_summary(),
        "assembled_values_counted": settings.NICHERANK_RANK_ASSEMBLED_DATA,
    }
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


def _fingerprint(manager, fields: tuple[str, ...]) -> str:
    """A short hash of the rows' values (in a fixed order) and their count."""
    digest = hashlib.sha256()
    count = 0
    for values in manager.order_by(*fields[:2]).values_list(*fields).iterator(chunk_size=5000):
        digest.update(repr(values).encode())
        count += 1
    return f"{count}:{digest.hexdigest()[:16]}"


def compute_ranking(profile: ScoringProfile, *, seed: int = 0, samples: int | None = None) -> Ranking:
    """Rank every target under a stored profile version, without saving anything."""
    samples = settings.NICHERANK_STABILITY_SAMPLES if samples is None else samples
    return rank_targets(build_facts(targets_for_scoring()), profile_spec(profile), stability_samples=samples, seed=seed)


def run_values(ranking: Ranking) -> dict:
    """The RankingRun fields describing a ranking (all but its profile and trigger), with today's data versions."""
    return {
        "method": ranking.method,
        "missing_policy": ranking.missing,
        "input_hash": ranking.input_hash,
        "code_version": ranking.code_version,
        "data_versions": data_versions(),
        "criteria": _criteria_versions(),
        "seed": ranking.seed,
        "stability_samples": ranking.stability_samples,
        "stability_components": list(ranking.stability_components),
        "target_count": len(ranking.rows),
    }


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
    run = RankingRun.objects.create(profile=profile, triggered_by=triggered_by, **run_values(ranking))
    ids = dict(Target.objects.values_list("symbol", "id"))
    RankingRow.objects.bulk_create(stored_rows(run, ranking.rows, ids, row_marks(ids.values())), batch_size=1000)
    return run


@dataclass(frozen=True)
class RankOutcome:
    """What `ranking_run_ensure` did: ``created`` False means ``run`` already ranked these inputs."""

    run: RankingRun
    created: bool


def _criteria_versions() -> list[dict]:
    return [{"key": c.key, "version": c.version} for c in CRITERIA]


def unchanged_run(profile: ScoringProfile, *, seed: int = 0, samples: int | None = None) -> RankingRun | None:
    """The newest run of this profile version if nothing it was computed from changed since: the same ranking
    inputs (facts, criteria, settings: the input hash), recorded data versions and code version. None when a
    new run would differ."""
    samples = settings.NICHERANK_STABILITY_SAMPLES if samples is None else samples
    latest = RankingRun.objects.filter(profile=profile).order_by("-created_at", "-id").first()
    if latest is None or latest.code_version != scoring.__version__ or latest.data_versions != data_versions():
        return None
    facts = build_facts(targets_for_scoring())
    same = latest.input_hash == ranking_input_hash(facts, profile_spec(profile), stability_samples=samples, seed=seed)
    return latest if same else None


def ranking_run_ensure(
    *,
    profile: ScoringProfile | None = None,
    triggered_by: str = "",
    seed: int = 0,
    samples: int | None = None,
    force: bool = False,
) -> RankOutcome:
    """Rank and store a run unless the newest run of the same profile version was computed from the same
    data, code and settings (then that run is returned, ``created`` False): restarts add no identical runs.
    ``force`` ranks anyway."""
    ensure_default_profiles()
    profile = profile or current_profile(settings.NICHERANK_DEFAULT_PROFILE)
    existing = None if force else unchanged_run(profile, seed=seed, samples=samples)
    if existing is not None:
        return RankOutcome(existing, created=False)
    return RankOutcome(
        ranking_run_create(profile=profile, triggered_by=triggered_by, seed=seed, samples=samples), created=True
    )


def latest_run(profile_name: str | None = None) -> RankingRun | None:
    """The newest run, optionally for a named profile (any version)."""
    runs = RankingRun.objects.select_related("profile")
    if profile_name:
        runs = runs.filter(profile__name=profile_name)
    return runs.order_by("-created_at", "-id").first()


def default_run() -> RankingRun | None:
    """The run shown when nobody chose a profile: the default profile's newest, else the newest of any."""
    return latest_run(settings.NICHERANK_DEFAULT_PROFILE) or latest_run()
