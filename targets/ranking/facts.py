"""Turn targets in the database into `scoring.facts.TargetFacts` — the one place rows become facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from scoring.facts import EvidenceFact, TargetFacts
from targets.choices import EvidenceDirection, EvidenceLevel, Role, Source, modality_bucket
from targets.models import ClinicalTrial, SourceRecord, Target

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


@dataclass(frozen=True)
class AssembledData:
    """Which source values were assembled offline (illustrative), so ranking can leave them out.

    The bundled snapshot is assembled, not fetched: its numbers show how provenance looks but must not
    move a ranking. Unless NICHERANK_RANK_ASSEMBLED_DATA is on, a target's Open Targets fields count only
    when a fetched (not assembled) Open Targets record backs them, and a trial's status only when a fetched
    ClinicalTrials.gov record does."""

    targets_without_fetched_open_targets: frozenset[int] = frozenset()
    trials_with_assembled_status: frozenset[str] = frozenset()

    @classmethod
    def current(cls) -> AssembledData:
        """Read the flags from the source records (two queries), or nothing when assembled data may count."""
        if settings.NICHERANK_RANK_ASSEMBLED_DATA:
            return cls()
        open_targets = SourceRecord.objects.filter(source=Source.OPEN_TARGETS, target__isnull=False)
        fetched = set(open_targets.filter(assembled=False).values_list("target_id", flat=True))
        assembled = set(open_targets.filter(assembled=True).values_list("target_id", flat=True))
        trials = SourceRecord.objects.filter(source=Source.CLINICALTRIALS, assembled=True)
        return cls(frozenset(assembled - fetched), frozenset(trials.values_list("key", flat=True)))


NO_ASSEMBLED_DATA = AssembledData()


def target_facts(target: Target, assembled: AssembledData = NO_ASSEMBLED_DATA) -> TargetFacts:
    """The scoring facts of one target (its relations should be prefetched)."""
    trials = list(target.trials.all())
    fetched = [trial for trial in trials if trial.nct_id not in assembled.trials_with_assembled_status]
    with_status = [trial for trial in fetched if trial.overall_status]
    open_targets_counts = target.pk not in assembled.targets_without_fetched_open_targets
    years = [int(trial.start_date[:4]) for trial in fetched if trial.start_date[:4].isdigit()]
    return TargetFacts(
        symbol=target.symbol,
        role=target.role,
        compartment=target.compartment,
        modalities=_modalities(target),
        stage_aml=target.stage_aml or None,
        stage_aml_qualifiers=_qualifiers(target.stage_aml_qualifiers),
        stage_any=target.stage_any or None,
        stage_any_qualifiers=_qualifiers(target.stage_any_qualifiers),
        is_membrane_or_secreted=target.is_membrane_or_secreted if open_targets_counts else None,
        tractability=_tractability(target.tractability) if open_targets_counts else None,
        aml_association=target.aml_association if open_targets_counts else None,
        evidence=tuple(_evidence_fact(target, item) for item in target.evidence.all()),
        active_aml_trials=(
            sum(trial.overall_status in ACTIVE_TRIAL_STATUSES for trial in with_status) if with_status else None
        ),
        aml_trials_total=len(trials),
        latest_aml_trial_year=max(years) if years else None,
        safety_event_count=target.safety_event_count if open_targets_counts else None,
        hsc_niche_essential=target.hsc_niche_essential,
        loeuf=target.loeuf if open_targets_counts else None,
    )


def build_facts(targets: Iterable[Target] | None = None) -> list[TargetFacts]:
    """Facts for the given targets (default: all), in symbol order."""
    assembled = AssembledData.current()
    rows = targets if targets is not None else targets_for_scoring()
    return [target_facts(target, assembled) for target in rows]


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
