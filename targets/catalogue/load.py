"""Write a parsed catalogue to the database in one transaction; loading twice changes nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from targets.catalogue.side_files import AgentRow, InteractionRow, parse_agents_file, parse_interactions_file
from targets.catalogue.targets_file import TargetRow, parse_targets_file
from targets.choices import EvidenceDirection, EvidenceLevel, Role, Source
from targets.models import Axis, ClinicalTrial, Drug, DrugMechanism, Evidence, Interaction, Target

_DIRECTION_OF_ROLE = {
    Role.PRO_LEUKEMIC: EvidenceDirection.PRO_LEUKEMIC,
    Role.ANTI_LEUKEMIC: EvidenceDirection.ANTI_LEUKEMIC,
    Role.DUAL: EvidenceDirection.MIXED,
}


@dataclass
class LoadReport:
    """What a load did, per model: created, updated, unchanged, removed."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, model: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(model, Counter())[outcome] += n

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] + c["removed"] for c in self.counts.values())

    def summary(self) -> str:
        parts = []
        for model, counter in sorted(self.counts.items()):
            described = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counter.items()) if n)
            parts.append(f"{model}: {described or 'nothing'}")
        return "; ".join(parts)


def catalogue_load(
    *, targets_path: Path, agents_path: Path | None, interactions_path: Path | None
) -> LoadReport:
    """Parse all files first (CatalogueError on any bad row), then upsert everything atomically."""
    rows = parse_targets_file(targets_path)
    symbols = {row.symbol for row in rows}
    agents = parse_agents_file(agents_path, symbols) if agents_path else []
    interactions = parse_interactions_file(interactions_path, symbols) if interactions_path else []
    report = LoadReport()
    with transaction.atomic():
        targets = {row.symbol: _upsert_target(row, report) for row in rows}
        for row in rows:
            _sync_catalogue_evidence(targets[row.symbol], row, report)
            _sync_catalogue_trials(targets[row.symbol], row, report)
        if agents_path:
            _sync_agents(targets, agents, report)
        if interactions_path:
            _sync_interactions(targets, interactions, report)
    return report


def _upsert(model, lookup: dict, values: dict, report: LoadReport):
    """Create or update one row, saving only when a value differs (so history stays quiet)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        report.add(model.__name__, "created")
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        report.add(model.__name__, "updated")
    else:
        report.add(model.__name__, "unchanged")
    return instance


def _upsert_target(row: TargetRow, report: LoadReport) -> Target:
    axis = _upsert(Axis, {"name": row.axis}, {}, report)
    values = {
        "ensembl_id": row.ensembl_id,
        "uniprot": row.uniprot,
        "axis": axis,
        "compartment": row.compartment,
        "compartment_note": row.compartment_note,
        "role": row.role,
        "mechanism": row.mechanism,
        "agents_note": row.agents,
        "modalities": row.modalities,
        "stage_aml": row.stage_aml.stage,
        "stage_aml_qualifiers": list(row.stage_aml.qualifiers),
        "stage_aml_note": row.stage_aml.note,
        "stage_any": row.stage_any.stage,
        "stage_any_qualifiers": list(row.stage_any.qualifiers),
        "stage_any_note": row.stage_any.note,
        "verified_sources": row.verified_sources,
        "unverified_notes": row.unverified_notes,
        "catalogue_line": row.line,
    }
    return _upsert(Target, {"symbol": row.symbol}, values, report)


def _sync_catalogue_evidence(target: Target, row: TargetRow, report: LoadReport) -> None:
    claim = f"Catalogue citation for the {target.axis.name} mechanism of {target.symbol}."
    keep = []
    for pmid in row.pmids:
        values = {
            "direction": _DIRECTION_OF_ROLE[row.role],
            "verified": row.pmid_verified(pmid),
            "source": Source.CATALOGUE,
        }
        lookup = {"target": target, "citation": pmid, "claim": claim}
        existing = Evidence.objects.filter(**lookup).first()
        if existing is None:
            values["level"] = EvidenceLevel.UNGRADED  # curators grade it; a reload keeps their grade
        keep.append(_upsert(Evidence, lookup, values, report).pk)
    stale = Evidence.objects.filter(target=target, source=Source.CATALOGUE).exclude(pk__in=keep)
    _remove(stale, "Evidence", report)


def _sync_catalogue_trials(target: Target, row: TargetRow, report: LoadReport) -> None:
    for nct_id in row.nct_ids:
        trial, created = ClinicalTrial.objects.get_or_create(
            nct_id=nct_id, defaults={"source": Source.CATALOGUE}
        )
        report.add("ClinicalTrial", "created" if created else "unchanged")
        trial.targets.add(target)


def _sync_agents(targets: dict[str, Target], agents: list[AgentRow], report: LoadReport) -> None:
    keep = []
    for agent in agents:
        drug = _upsert(
            Drug, {"name_key": agent.agent.lower()}, {"name": agent.agent, "modality": agent.modality}, report
        )
        values = {
            "action_type": agent.action_type,
            "direct": agent.direct,
            "stage_aml": agent.stage_aml,
            "stage_aml_qualifiers": agent.stage_aml_qualifiers,
            "stage_any": agent.stage_any,
            "stage_any_qualifiers": agent.stage_any_qualifiers,
            "verified": agent.verified,
            "note": agent.note,
        }
        lookup = {"drug": drug, "target": targets[agent.symbol], "source": Source.CATALOGUE}
        keep.append(_upsert(DrugMechanism, lookup, values, report).pk)
        for nct_id in agent.nct_ids:
            trial, created = ClinicalTrial.objects.get_or_create(
                nct_id=nct_id, defaults={"source": Source.CATALOGUE}
            )
            if created:
                report.add("ClinicalTrial", "created")
            trial.drugs.add(drug)
            trial.targets.add(targets[agent.symbol])
    _remove(
        DrugMechanism.objects.filter(source=Source.CATALOGUE).exclude(pk__in=keep), "DrugMechanism", report
    )


def _sync_interactions(targets: dict[str, Target], rows: list[InteractionRow], report: LoadReport) -> None:
    keep = []
    for row in rows:
        lookup = {"ligand": targets[row.ligand], "receptor": targets[row.receptor]}
        values = {
            "ligand_compartment": row.ligand_compartment,
            "receptor_compartment": row.receptor_compartment,
            "note": row.note,
        }
        keep.append(_upsert(Interaction, lookup, values, report).pk)
    _remove(Interaction.objects.exclude(pk__in=keep), "Interaction", report)


def _remove(queryset, model: str, report: LoadReport) -> None:
    count = queryset.count()
    if count:
        queryset.delete()
        report.add(model, "removed", count)
