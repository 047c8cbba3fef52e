"""Turn targets in the database into `scoring.facts.TargetFacts` — the one place rows become facts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings

from scoring.facts import STAGE_QUALIFIERS, AgentFact, EvidenceFact, NichePair, SafetyFact, TargetFacts
from scoring.stages import STAGE_VALUES
from targets.choices import LEGACY_QUALIFIERS, Attribution, Source, modality_bucket
from targets.flags import record_pairs
from targets.models import ClinicalTrial, DrugMechanism, Evidence, Interaction, SafetySignal, SourceRecord, Target

ACTIVE_TRIAL_STATUSES = frozenset(
    {"RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION"}
)
# Which source's word wins on a drug's attribution (curated before fetched); qualifiers and unverified marks are
# merged from every source, so a refresh never erases what the catalogue says about a drug.
_SOURCE_PRIORITY = (Source.CATALOGUE, Source.CURATOR, Source.DERIVED, Source.CHEMBL, Source.OPEN_TARGETS, Source.DGIDB)
# A programme stopped for harm is also a safety fact (contract section 3); the curated row, when there is one,
# says more, and only the worst signal of a kind counts, so this never adds to it.
_HARM_SEVERITY = "high"


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
    # (target id, source) pairs whose records from that source are all assembled: its mechanisms and safety
    # rows from that source are left out too.
    assembled_sources: frozenset[tuple[int, str]] = frozenset()

    @classmethod
    def current(cls) -> AssembledData:
        """Read the flags from the source records (three queries), or nothing when assembled data may count."""
        if settings.NICHERANK_RANK_ASSEMBLED_DATA:
            return cls()
        assembled = record_pairs().assembled
        trials = SourceRecord.objects.filter(source=Source.CLINICALTRIALS, assembled=True)
        return cls(
            frozenset(target for target, source in assembled if source == Source.OPEN_TARGETS),
            frozenset(trials.values_list("key", flat=True)),
            frozenset(assembled),
        )

    def counts(self, target_id: int, source: str) -> bool:
        """Whether rows from ``source`` about this target may move the ranking."""
        return (target_id, source) not in self.assembled_sources


_TARGET_FIELDS = (
    "id",
    "symbol",
    "role",
    "compartment",
    "modalities",
    "stage_aml",
    "stage_aml_qualifiers",
    "stage_any",
    "stage_any_qualifiers",
    "is_membrane_or_secreted",
    "tractability",
    "aml_association_datatypes",
    "core_essential",
    "publications",
)
_MECHANISM_FIELDS = (
    "target_id",
    "drug_id",
    "drug__name",
    "drug__modality",
    "source",
    "attribution",
    "acts_on",
    "action_type",
    "verified",
    "stage_aml",
    "stage_aml_qualifiers",
    "stage_any",
    "stage_any_qualifiers",
)


_SOURCE = _MECHANISM_FIELDS.index("source") - 1  # position in a grouped row (the target id is gone)


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
    """Facts for a queryset of targets (default: all), in its order, in a fixed number of queries.

    Related rows are read as plain values and grouped in memory: building model instances and related
    managers per target cost most of the time at a few thousand targets."""
    targets = targets_for_scoring() if targets is None else targets
    assembled = AssembledData.current()
    ids = targets.values("pk")
    evidence = _grouped(
        Evidence.objects.filter(target_id__in=ids).values_list(
            "target_id", "level", "direction", "verified", "niche_mediated", "citation", "claim", "context"
        )
    )
    mechanisms = _grouped(DrugMechanism.objects.filter(target_id__in=ids).values_list(*_MECHANISM_FIELDS))
    safety = _grouped(
        SafetySignal.objects.filter(target_id__in=ids).values_list(
            "target_id", "kind", "severity", "verified", "signal", "citation", "source"
        )
    )
    trials = _grouped(
        ClinicalTrial.targets.through.objects.filter(target_id__in=ids).values_list(
            "target_id", "clinicaltrial__nct_id", "clinicaltrial__overall_status", "clinicaltrial__start_date"
        )
    )
    pairs = _niche_pairs()
    return [
        _facts(
            row,
            evidence=evidence.get(row["id"], []),
            agents=merge_agents(m for m in mechanisms.get(row["id"], []) if assembled.counts(row["id"], m[_SOURCE])),
            safety=[v for v in safety.get(row["id"], []) if assembled.counts(row["id"], v[-1])],
            trials=[_Trial(*values) for values in trials.get(row["id"], [])],
            pairs=pairs.get(row["id"], ()),
            assembled=assembled,
        )
        for row in targets.values(*_TARGET_FIELDS)
    ]


def _niche_pairs() -> dict[int, tuple[NichePair, ...]]:
    """Every catalogue ligand-receptor pair, seen from each of its two targets."""
    pairs: dict[int, list[NichePair]] = defaultdict(list)
    rows = Interaction.objects.values_list(
        "ligand_id", "ligand__symbol", "receptor_id", "receptor__symbol", "ligand_compartment", "receptor_compartment"
    )
    for ligand_id, ligand, receptor_id, receptor, ligand_side, receptor_side in rows:
        pairs[ligand_id].append(NichePair(receptor, "ligand", ligand_side, receptor_side))
        pairs[receptor_id].append(NichePair(ligand, "receptor", ligand_side, receptor_side))
    return {key: tuple(value) for key, value in pairs.items()}


def _facts(
    row: dict, *, evidence, agents, safety, trials: list[_Trial], pairs, assembled: AssembledData
) -> TargetFacts:
    """The scoring facts of one target from its field values and related rows."""
    fetched = [trial for trial in trials if trial.nct_id not in assembled.trials_with_assembled_status]
    with_status = [trial for trial in fetched if trial.overall_status]
    open_targets_counts = row["id"] not in assembled.targets_without_fetched_open_targets
    years = [int(trial.start_date[:4]) for trial in fetched if trial.start_date[:4].isdigit()]
    named = {modality_bucket(item["modality"]) for item in row["modalities"]} - _not_direct_modalities(agents)
    return TargetFacts(
        symbol=row["symbol"],
        role=row["role"],
        compartment=row["compartment"],
        agents=agents,
        # Precedent for a modality needs an agent acting on the target itself (bortezomib is no RELA drug).
        modalities=frozenset(named | {agent.modality for agent in agents if agent.attribution == "direct"}),
        stage_aml=row["stage_aml"] or None,
        stage_aml_qualifiers=_known_qualifiers(row["stage_aml_qualifiers"]),
        stage_any=row["stage_any"] or None,
        stage_any_qualifiers=_known_qualifiers(row["stage_any_qualifiers"]),
        is_membrane_or_secreted=row["is_membrane_or_secreted"] if open_targets_counts else None,
        tractability=_tractability(row["tractability"]) if open_targets_counts else None,
        aml_association_datatypes=row["aml_association_datatypes"] if open_targets_counts else None,
        evidence=tuple(_evidence_fact(*item) for item in evidence),
        niche_pairs=pairs,
        active_aml_trials=(
            sum(trial.overall_status in ACTIVE_TRIAL_STATUSES for trial in with_status) if with_status else None
        ),
        aml_trials_total=_aml_trials_total(len(trials)),
        latest_aml_trial_year=max(years) if years else None,
        safety=_safety(safety, agents),
        core_essential=row["core_essential"],
        publications=row["publications"],
    )


def _not_direct_modalities(agents: tuple[AgentFact, ...]) -> set[str]:
    """Modalities the catalogue names only for its own agents that act on another protein (indirect, or via the
    partner): its modality column lists them because of those agents (GW4869 for RAB27A acts on SMPD3, SX-682 for
    CXCL8 on CXCR2), so they are no binder precedent. Via-partner credit the loader derives (natalizumab for VCAM1)
    is not the catalogue's reason for a modality and leaves it alone."""
    direct = {agent.modality for agent in agents if agent.attribution == "direct"}
    elsewhere = {a.modality for a in agents if a.attribution != "direct" and Source.CATALOGUE in a.sources}
    return elsewhere - direct


def _known_qualifiers(values) -> frozenset[str]:
    """The qualifiers in the scoring vocabulary: legacy words mapped (failed -> negative), dropped ones left out."""
    found = set()
    for value in values:
        value = LEGACY_QUALIFIERS.get(value, value)
        if value in STAGE_QUALIFIERS:
            found.add(str(value))
    return frozenset(found)


def _higher(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b or None
    return a if STAGE_VALUES[a] >= STAGE_VALUES[b] else b


class _Mechanism(NamedTuple):
    """One mechanism row as read for scoring (`_MECHANISM_FIELDS` without the target id)."""

    drug_id: int
    name: str
    modality: str
    source: str
    attribution: str
    acts_on: str
    action: str
    verified: bool
    stage_aml: str
    stage_aml_qualifiers: list
    stage_any: str
    stage_any_qualifiers: list


def _priority(row: _Mechanism) -> int:
    return _SOURCE_PRIORITY.index(row.source) if row.source in _SOURCE_PRIORITY else len(_SOURCE_PRIORITY)


def merge_agents(rows) -> tuple[AgentFact, ...]:
    """One AgentFact per drug from its mechanism rows across sources (rows as in `_MECHANISM_FIELDS`, without
    the target id). The furthest stage of any source counts; qualifiers are the union of every source's, and
    the drug is unverified if any source marks it so: a refresh adds facts, it never erases a qualifier.
    The attribution is the most trusted source's (catalogue, curator, derived rule, then fetched sources)."""
    by_drug: dict[int, list[_Mechanism]] = defaultdict(list)
    for values in rows:
        row = _Mechanism(*values)
        by_drug[row.drug_id].append(row)
    agents = []
    for group in by_drug.values():
        group.sort(key=_priority)
        first = group[0]
        stage_aml = stage_any = None
        aml_q: set[str] = set()
        any_q: set[str] = set()
        for row in group:
            stage_aml, stage_any = _higher(stage_aml, row.stage_aml or None), _higher(stage_any, row.stage_any or None)
            aml_q |= _known_qualifiers(row.stage_aml_qualifiers)
            any_q |= _known_qualifiers(row.stage_any_qualifiers)
        agents.append(
            AgentFact(
                name=first.name,
                attribution=first.attribution or Attribution.DIRECT,
                modality=modality_bucket(first.modality) if first.modality else "other",
                stage_aml=stage_aml,
                stage_aml_qualifiers=frozenset(aml_q),
                stage_any=stage_any,
                stage_any_qualifiers=frozenset(any_q),
                verified=all(row.verified for row in group),
                sources=tuple(dict.fromkeys(row.source for row in group)),
                acts_on=first.acts_on or "",
                action=(first.action or "").strip().lower(),
            )
        )
    return tuple(sorted(agents, key=lambda agent: agent.name.lower()))


def _safety(rows, agents: tuple[AgentFact, ...]) -> tuple[SafetyFact, ...]:
    """Curated and fetched safety signals; a programme stopped for harm adds a signal of its own."""
    found = [
        SafetyFact(kind=kind, severity=severity or "", verified=verified, signal=signal, citation=citation)
        for kind, severity, verified, signal, citation, _source in rows
    ]
    for agent in agents:
        if (
            agent.attribution != "indirect"
            and "stopped_harm" in agent.stage_aml_qualifiers | agent.stage_any_qualifiers
        ):
            signal = f"{agent.name}: programme stopped for harm"
            found.append(SafetyFact("stopped_for_harm", _HARM_SEVERITY, agent.verified, signal))
    return tuple(found)


def _aml_trials_total(linked: int) -> int | None:
    """Known AML/MDS trials, or None when none is linked: an empty list means the trials are not known (no
    ClinicalTrials.gov search found one yet), not that there are none. The catalogue stage is not read here:
    "preclinical, so 0 trials" would put the stage into trial activity a second time."""
    return linked or None


def _tractability(data: dict | None):
    if not data:
        return None
    return {modality: frozenset(labels) for modality, labels in data.items()}


def _evidence_fact(level, direction, verified, niche_mediated, citation, claim, context) -> EvidenceFact:
    """A blank context (a curator item entered without one) is 'unrecorded': counted as AML, and said so."""
    return EvidenceFact(
        level=level,
        direction=direction,
        verified=verified,
        niche_mediated=niche_mediated,
        citation=citation,
        finding=claim,
        context=context or "unrecorded",
    )
