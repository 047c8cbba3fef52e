"""Turn targets in the database into `scoring.facts.TargetFacts` — the one place rows become facts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from scoring.facts import EvidenceFact, TargetFacts
from targets.choices import EvidenceDirection, EvidenceLevel, Role, Source, modality_bucket
from targets.models import ClinicalTrial, DrugMechanism, Evidence, SourceRecord, Target

ACTIVE_TRIAL_STATUSES = frozenset(
    {"RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION"}
)
# Stage qualifiers the scoring package knows (until scoring-v2 reads the new vocabulary).
_QUALIFIER_FOR_SCORING = {
    "discontinued": "terminated", "stopped_harm": "failed", "stopped_business": "terminated",
    "other_primary_target": "indirect",
}  # fmt: skip
# Catalogue citations are not graded yet: they count at the lowest level until a curator grades them.
_LEVEL_FOR_SCORING = {EvidenceLevel.UNGRADED: EvidenceLevel.IN_VITRO}


def targets_for_scoring():
    """All targets, in symbol order (filter it to score a subset)."""
    return Target.objects.order_by("symbol")


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


_TARGET_FIELDS = (
    "id", "symbol", "role", "compartment", "modalities", "stage_aml", "stage_aml_qualifiers", "stage_any",
    "stage_any_qualifiers", "is_membrane_or_secreted", "tractability", "aml_association", "safety_event_count",
    "hsc_niche_essential", "loeuf",
)  # fmt: skip


@dataclass(frozen=True)
class _Trial:
    nct_id: str
    overall_status: str
    start_date: str


def _grouped(rows) -> dict[int, list]:
    """(target_id, *values) rows -> {target_id: [values, ...]}."""
    groups: dict[int, list] = defaultdict(list)
    for target_id, *values in rows:
        groups[target_id].append(values)
    return groups


def build_facts(targets=None) -> list[TargetFacts]:
    """Facts for a queryset of targets (default: all), in its order, in five queries whatever its size.

    Related rows are read as plain values and grouped in memory: building model instances and related
    managers per target cost most of the time at a few thousand targets."""
    targets = targets_for_scoring() if targets is None else targets
    assembled = AssembledData.current()
    ids = targets.values("pk")
    evidence = _grouped(
        Evidence.objects.filter(target_id__in=ids).values_list("target_id", "level", "direction", "verified")
    )
    mechanisms = _grouped(
        DrugMechanism.objects.filter(target_id__in=ids).values_list(
            "target_id", "drug__modality", "attribution", "verified", "stage_aml", "stage_aml_qualifiers", "stage_any",
            "stage_any_qualifiers",
        )
    )  # fmt: skip
    trials = _grouped(
        ClinicalTrial.targets.through.objects.filter(target_id__in=ids).values_list(
            "target_id", "clinicaltrial__nct_id", "clinicaltrial__overall_status", "clinicaltrial__start_date"
        )
    )
    return [
        _facts(
            row,
            evidence=evidence.get(row["id"], []),
            agents=[_Agent(*values) for values in mechanisms.get(row["id"], [])],
            trials=[_Trial(*values) for values in trials.get(row["id"], [])],
            assembled=assembled,
        )
        for row in targets.values(*_TARGET_FIELDS)
    ]


def _facts(row: dict, *, evidence, agents: list[_Agent], trials: list[_Trial], assembled: AssembledData) -> TargetFacts:
    """The scoring facts of one target from its field values and related rows."""
    fetched = [trial for trial in trials if trial.nct_id not in assembled.trials_with_assembled_status]
    with_status = [trial for trial in fetched if trial.overall_status]
    open_targets_counts = row["id"] not in assembled.targets_without_fetched_open_targets
    years = [int(trial.start_date[:4]) for trial in fetched if trial.start_date[:4].isdigit()]
    # Precedent for a modality needs an agent acting on the target itself (bortezomib is no RELA drug).
    named = {item["modality"] for item in row["modalities"]}
    named |= {agent.modality for agent in agents if agent.attribution == "direct" and agent.modality}
    return TargetFacts(
        symbol=row["symbol"],
        role=row["role"],
        compartment=row["compartment"],
        modalities=frozenset(modality_bucket(modality) for modality in named),
        stage_aml=row["stage_aml"] or None,
        stage_aml_qualifiers=_qualifiers(row["stage_aml_qualifiers"], agents, "aml", row["stage_aml"]),
        stage_any=row["stage_any"] or None,
        stage_any_qualifiers=_qualifiers(row["stage_any_qualifiers"], agents, "any", row["stage_any"]),
        is_membrane_or_secreted=row["is_membrane_or_secreted"] if open_targets_counts else None,
        tractability=_tractability(row["tractability"]) if open_targets_counts else None,
        aml_association=row["aml_association"] if open_targets_counts else None,
        evidence=tuple(_evidence_fact(row["role"], *item) for item in evidence),
        active_aml_trials=(
            sum(trial.overall_status in ACTIVE_TRIAL_STATUSES for trial in with_status) if with_status else None
        ),
        aml_trials_total=_aml_trials_total(len(trials), row["stage_aml"]),
        latest_aml_trial_year=max(years) if years else None,
        safety_event_count=row["safety_event_count"] if open_targets_counts else None,
        hsc_niche_essential=row["hsc_niche_essential"],
        loeuf=row["loeuf"] if open_targets_counts else None,
    )


@dataclass(frozen=True)
class _Agent:
    modality: str
    attribution: str
    verified: bool
    stage_aml: str
    stage_aml_qualifiers: list[str]
    stage_any: str
    stage_any_qualifiers: list[str]

    def qualifiers(self, side: str) -> set[str]:
        """This agent's qualifiers on one side, with 'indirect' and 'unverified' from its flags."""
        found = set(self.stage_aml_qualifiers if side == "aml" else self.stage_any_qualifiers)
        if self.attribution != "direct":
            found.add("indirect")
        if not self.verified:
            found.add("unverified")
        return found


def _qualifiers(values: list[str], agents: list[_Agent], side: str, stage: str) -> frozenset[str]:
    """The target's stage qualifiers, plus those shared by every agent that reached that stage.

    The catalogue's one-line stage can omit what its agent rows say: SELE's phase 3 in any indication is
    uproleselan's negative trial, AXL's approval is gilteritinib's (indirect, via FLT3). A stage reached
    only by agents with a qualifier carries it; one reached by a clean agent too does not."""
    found = set(values)
    at_stage = [agent for agent in agents if stage and (agent.stage_aml if side == "aml" else agent.stage_any) == stage]
    if at_stage:
        found |= set.intersection(*(agent.qualifiers(side) for agent in at_stage))
    return frozenset(_QUALIFIER_FOR_SCORING.get(value, value) for value in found)


def _aml_trials_total(linked: int, stage_aml: str) -> int | None:
    """Known AML/MDS trials; none listed counts as 0 only for a preclinical target (a clinical stage with no
    listed trial means the trials are not known yet, not that there are none)."""
    if linked:
        return linked
    return 0 if stage_aml == "preclinical" else None


def _tractability(data: dict | None):
    if not data:
        return None
    return {modality: frozenset(labels) for modality, labels in data.items()}


def _evidence_fact(role: str, level: str, direction: str, verified: bool) -> EvidenceFact:
    pro, anti = EvidenceDirection.PRO_LEUKEMIC, EvidenceDirection.ANTI_LEUKEMIC
    own = anti if role == Role.ANTI_LEUKEMIC else pro
    if direction == EvidenceDirection.MIXED:
        # Context-dependent evidence supports the target's own role (dual targets: the pro-leukemic side).
        direction = own
    elif direction == EvidenceDirection.NO_EFFECT:  # a null finding counts against the role (until scoring-v2)
        direction = pro if own == anti else anti
    return EvidenceFact(level=_LEVEL_FOR_SCORING.get(level, level), direction=direction, verified=verified)
