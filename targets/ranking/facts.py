"""Turn targets in the database into `scoring.facts.TargetFacts` — the one place rows become facts."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from scoring.facts import EvidenceFact, TargetFacts
from targets.choices import EvidenceDirection, EvidenceLevel, Role, modality_bucket
from targets.models import ClinicalTrial, Target

ACTIVE_TRIAL_STATUSES = frozenset(
    {"RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION"}
)
# Stage qualifiers the scoring package knows; 'discontinued' counts as 'terminated' there.
_QUALIFIER_FOR_SCORING = {"discontinued": "terminated"}
# Catalogue citations are not graded yet: they count at the lowest level until a curator grades them.
_LEVEL_FOR_SCORING = {EvidenceLevel.UNGRADED: EvidenceLevel.IN_VITRO}


def targets_for_scoring():
    """All targets with what the facts need, in a fixed number of queries."""
    trials = ClinicalTrial.objects.only("nct_id", "overall_status", "start_date")
    return (
        Target.objects.select_related("axis")
        .prefetch_related("evidence", "mechanisms__drug", Prefetch("trials", queryset=trials))
        .order_by("symbol")
    )


def target_facts(target: Target) -> TargetFacts:
    """The scoring facts of one target (its relations should be prefetched)."""
    trials = list(target.trials.all())
    with_status = [trial for trial in trials if trial.overall_status]
    years = [int(trial.start_date[:4]) for trial in trials if trial.start_date[:4].isdigit()]
    return TargetFacts(
        symbol=target.symbol,
        role=target.role,
        compartment=target.compartment,
        modalities=_modalities(target),
        stage_aml=target.stage_aml or None,
        stage_aml_qualifiers=_qualifiers(target.stage_aml_qualifiers),
        stage_any=target.stage_any or None,
        stage_any_qualifiers=_qualifiers(target.stage_any_qualifiers),
        is_membrane_or_secreted=target.is_membrane_or_secreted,
        tractability=_tractability(target.tractability),
        aml_association=target.aml_association,
        evidence=tuple(_evidence_fact(target, item) for item in target.evidence.all()),
        active_aml_trials=(
            sum(trial.overall_status in ACTIVE_TRIAL_STATUSES for trial in with_status) if with_status else None
        ),
        aml_trials_total=len(trials),
        latest_aml_trial_year=max(years) if years else None,
        safety_event_count=target.safety_event_count,
        hsc_niche_essential=target.hsc_niche_essential,
        loeuf=target.loeuf,
    )


def build_facts(targets: Iterable[Target] | None = None) -> list[TargetFacts]:
    """Facts for the given targets (default: all), in symbol order."""
    return [target_facts(target) for target in (targets if targets is not None else targets_for_scoring())]


def _modalities(target: Target) -> frozenset[str]:
    named = {item["modality"] for item in target.modalities}
    named |= {mechanism.drug.modality for mechanism in target.mechanisms.all() if mechanism.drug.modality}
    return frozenset(modality_bucket(modality) for modality in named)


def _qualifiers(values: list[str]) -> frozenset[str]:
    return frozenset(_QUALIFIER_FOR_SCORING.get(value, value) for value in values)


def _tractability(data: dict | None):
    if not data:
        return None
    return {modality: frozenset(labels) for modality, labels in data.items()}


def _evidence_fact(target: Target, evidence) -> EvidenceFact:
    direction = evidence.direction
    if direction == EvidenceDirection.MIXED:
        # Context-dependent evidence supports the target's own role (dual targets: the pro-leukemic side).
        direction = (
            EvidenceDirection.ANTI_LEUKEMIC if target.role == Role.ANTI_LEUKEMIC else EvidenceDirection.PRO_LEUKEMIC
        )
    return EvidenceFact(
        level=_LEVEL_FOR_SCORING.get(evidence.level, evidence.level),
        direction=direction,
        verified=evidence.verified,
    )
