"""Write a parsed catalogue to the database in one transaction; loading twice changes nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from targets.catalogue.errors import CatalogueError
from targets.catalogue.side_files import AgentRow, InteractionRow, parse_agents_file, parse_interactions_file
from targets.catalogue.targets_file import TargetRow, parse_targets_file
from targets.choices import EvidenceDirection, Role, Source
from targets.models import Axis, ClinicalTrial, Drug, DrugMechanism, Evidence, Interaction, Target
from targets.models.evidence import claim_hash

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


def catalogue_load(*, targets_path: Path, agents_path: Path | None, interactions_path: Path | None) -> LoadReport:
    """Parse all files first (CatalogueError on any bad row), then upsert everything atomically."""
    rows = parse_targets_file(targets_path)
    symbols = {row.symbol for row in rows}
    agents = parse_agents_file(agents_path, symbols) if agents_path else []
    interactions = parse_interactions_file(interactions_path, symbols) if interactions_path else []
    _check_against_database(rows, targets_path)
    report = LoadReport()
    with transaction.atomic():
        store = _Store(report)
        targets = {row.symbol: _upsert_target(store, row) for row in rows}
        trial_links: set[tuple[str, int]] = set()
        for row in rows:
            _sync_catalogue_evidence(store, targets[row.symbol], row)
            trial_links |= {(nct_id, targets[row.symbol].pk) for nct_id in row.nct_ids}
        drug_links: set[tuple[str, int]] = set()
        if agents_path:
            # An agent's trials link to the drug only: the catalogue's nct_ids column alone lists the target's
            # AML/MDS trials (agents also name trials in CLL, GVHD or solid tumours).
            drug_links = _sync_agents(store, targets, agents)
        _link_trials(trial_links, drug_links, report)
        if interactions_path:
            _sync_interactions(store, targets, interactions)
    return report


def _check_against_database(rows: list[TargetRow], path: Path) -> None:
    """Refuse rows whose Ensembl id or UniProt accession belongs to another symbol in the database
    (e.g. a target renamed by a curator): the load would otherwise fail half-way on a unique constraint."""
    owners = {}
    for symbol, ensembl_id, uniprot in Target.objects.values_list("symbol", "ensembl_id", "uniprot"):
        owners[("ensembl_id", ensembl_id)] = symbol
        owners[("uniprot", uniprot)] = symbol
    problems = []
    for row in rows:
        for column in ("ensembl_id", "uniprot"):
            owner = owners.get((column, getattr(row, column)))
            if owner is not None and owner != row.symbol:
                problems.append(
                    (
                        row.line,
                        column,
                        f"{getattr(row, column)!r} belongs to target {owner} in the database, not {row.symbol}",
                    )
                )
    if problems:
        raise CatalogueError(problems, str(path))


class _Store:
    """Existing rows of each model, read once, so the load makes a fixed number of reads."""

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        self._rows: dict[type, dict[tuple, object]] = {}

    def _index(self, model, lookup_names: tuple[str, ...]) -> dict[tuple, object]:
        if model not in self._rows:
            self._rows[model] = {
                tuple(_key_value(getattr(obj, name)) for name in lookup_names): obj for obj in model.objects.all()
            }
        return self._rows[model]

    def upsert(self, model, lookup: dict, values: dict):
        """Create or update one row, saving only when a value differs (so history stays quiet)."""
        index = self._index(model, tuple(lookup))
        key = tuple(_key_value(value) for value in lookup.values())
        instance = index.get(key)
        if instance is None:
            instance = model(**lookup, **values)
            outcome = "created"
        else:
            changed = [name for name, value in values.items() if getattr(instance, name) != value]
            if not changed:
                self.report.add(model.__name__, "unchanged")
                return instance
            for name in changed:
                setattr(instance, name, values[name])
            outcome = "updated"
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        index[key] = instance
        self.report.add(model.__name__, outcome)
        return instance


def _key_value(value):
    return value.pk if hasattr(value, "pk") else value


def _upsert_target(store: _Store, row: TargetRow) -> Target:
    axis = store.upsert(Axis, {"name": row.axis}, {})
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
    return store.upsert(Target, {"symbol": row.symbol}, values)


def _sync_catalogue_evidence(store: _Store, target: Target, row: TargetRow) -> None:
    """One evidence row per catalogue PMID; a curator's grade (level) survives reloads."""
    claim = f"Catalogue citation for the {target.axis.name} mechanism of {target.symbol}."
    keep = []
    for pmid in row.pmids:
        values = {
            "direction": _DIRECTION_OF_ROLE[row.role],
            "verified": row.pmid_verified(pmid),
            "source": Source.CATALOGUE,
        }
        lookup = {"target": target, "citation": pmid, "claim_hash": claim_hash(claim)}
        keep.append(store.upsert(Evidence, lookup, {"claim": claim, **values}).pk)
    stale = Evidence.objects.filter(target=target, source=Source.CATALOGUE).exclude(pk__in=keep)
    _remove(stale, "Evidence", store.report)


def _sync_agents(store: _Store, targets: dict[str, Target], agents: list[AgentRow]) -> set[tuple[str, int]]:
    """Drugs and their catalogue mechanisms; returns the (NCT id, drug id) links the agents name."""
    keep, drug_links = [], set()
    aliases: dict[str, list[str]] = {}
    for agent in agents:  # one drug may be named on several targets: its aliases are those of every row
        known = aliases.setdefault(agent.agent.lower(), [])
        known.extend(alias for alias in agent.aliases if alias not in known)
    for agent in agents:
        drug_values = {"name": agent.agent, "modality": agent.modality, "aliases": aliases[agent.agent.lower()]}
        drug = store.upsert(Drug, {"name_key": agent.agent.lower()}, drug_values)
        values = {
            "action_type": agent.action_type,
            "attribution": agent.attribution,
            "acts_on": agent.acts_on,
            "stage_aml": agent.stage_aml,
            "stage_aml_qualifiers": agent.stage_aml_qualifiers,
            "stage_any": agent.stage_any,
            "stage_any_qualifiers": agent.stage_any_qualifiers,
            "verified": agent.verified,
            "note": agent.note,
        }
        lookup = {"drug": drug, "target": targets[agent.symbol], "source": Source.CATALOGUE}
        keep.append(store.upsert(DrugMechanism, lookup, values).pk)
        drug_links |= {(nct_id, drug.pk) for nct_id in agent.nct_ids}
    stale = DrugMechanism.objects.filter(source=Source.CATALOGUE).exclude(pk__in=keep)
    _remove(stale, "DrugMechanism", store.report)
    return drug_links


def _link_trials(target_links: set[tuple[str, int]], drug_links: set[tuple[str, int]], report: LoadReport) -> None:
    """Create the trials the catalogue names (once each) and link them to targets and drugs in bulk."""
    wanted = {nct_id for nct_id, _ in target_links | drug_links}
    existing = set(ClinicalTrial.objects.filter(nct_id__in=wanted).values_list("nct_id", flat=True))
    ClinicalTrial.objects.bulk_create(
        [ClinicalTrial(nct_id=nct_id, source=Source.CATALOGUE) for nct_id in sorted(wanted - existing)]
    )
    report.add("ClinicalTrial", "created", len(wanted - existing))
    report.add("ClinicalTrial", "unchanged", len(existing))
    ids = dict(ClinicalTrial.objects.filter(nct_id__in=wanted).values_list("nct_id", "id"))
    _bulk_link(ClinicalTrial.targets.through, "target_id", {(ids[n], t) for n, t in target_links}, report)
    _bulk_link(ClinicalTrial.drugs.through, "drug_id", {(ids[n], d) for n, d in drug_links}, report)


def _bulk_link(through, other: str, pairs: set[tuple[int, int]], report: LoadReport) -> None:
    """Make the catalogue's trial links exactly ``pairs``; links a refresh made to its own trials stay."""
    name = f"ClinicalTrial.{other.removesuffix('_id')}s"
    catalogue_links = through.objects.filter(clinicaltrial__source=Source.CATALOGUE)
    stale = [pk for pk, trial, linked in catalogue_links.values_list("id", "clinicaltrial_id", other)
             if (trial, linked) not in pairs]  # fmt: skip
    through.objects.filter(pk__in=stale).delete()
    report.add(name, "removed", len(stale))
    new = pairs - set(through.objects.values_list("clinicaltrial_id", other))
    through.objects.bulk_create([through(clinicaltrial_id=trial, **{other: pk}) for trial, pk in sorted(new)])
    report.add(name, "created", len(new))


def _sync_interactions(store: _Store, targets: dict[str, Target], rows: list[InteractionRow]) -> None:
    keep = []
    for row in rows:
        lookup = {"ligand": targets[row.ligand], "receptor": targets[row.receptor]}
        values = {
            "ligand_compartment": row.ligand_compartment,
            "receptor_compartment": row.receptor_compartment,
            "note": row.note,
        }
        keep.append(store.upsert(Interaction, lookup, values).pk)
    _remove(Interaction.objects.exclude(pk__in=keep), "Interaction", store.report)


def _remove(queryset, model: str, report: LoadReport) -> None:
    count = queryset.count()
    if count:
        queryset.delete()
        report.add(model, "removed", count)
